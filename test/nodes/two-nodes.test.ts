import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { connectRealtime, createServerDatabase } from '@kiban/engine/testing';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type NodeProcess, startNode } from './node-process.ts';

const databaseUrl = process.env.KIBAN_TEST_DATABASE_URL;
const natsUrl = process.env.KIBAN_TEST_NATS_URL;
const ADMIN_PASSWORD = 'two-nodes-admin-password';

const MEMO = {
  kind: 'entity',
  name: 'Memo',
  label: { ja: 'メモ', en: 'Memo' },
  fields: [{ name: 'title', type: 'string', label: { ja: '題名', en: 'Title' }, required: true }],
};

const TICKET = {
  kind: 'entity',
  name: 'Ticket',
  label: { ja: 'チケット', en: 'Ticket' },
  fields: [
    { name: 'title', type: 'string', label: { ja: '題名', en: 'Title' }, required: true },
    {
      name: 'status',
      type: 'enum',
      label: { ja: '状態', en: 'Status' },
      required: true,
      values: [
        { value: 'open', label: { ja: '未処理', en: 'Open' } },
        { value: 'expired', label: { ja: '期限切れ', en: 'Expired' } },
      ],
    },
  ],
};

/** An open ticket expires an hour after it was opened: a timer both nodes look for every second. */
const TICKET_WORKFLOW = {
  kind: 'workflow',
  name: 'ticket',
  label: { ja: 'チケット', en: 'Ticket' },
  entity: 'Ticket',
  stateField: 'status',
  initial: 'open',
  states: [
    { name: 'open', label: { ja: '未処理', en: 'Open' }, timers: [{ after: { hours: 1 }, transition: 'expire' }] },
    { name: 'expired', label: { ja: '期限切れ', en: 'Expired' }, final: true },
  ],
  transitions: [
    {
      name: 'expire',
      label: { ja: '期限切れにする', en: 'Expire' },
      from: ['open'],
      to: 'expired',
    },
  ],
};

describe.runIf(databaseUrl !== undefined && natsUrl !== undefined)(
  'two engine processes on one PostgreSQL and NATS',
  () => {
    const natsStream = `KIBAN_T_${randomBytes(6).toString('hex').toUpperCase()}`;
    let database: Awaited<ReturnType<typeof createServerDatabase>>;
    const dataDirs: string[] = [];
    let a: NodeProcess;
    let b: NodeProcess;
    let adminCookie: string;

    beforeAll(async () => {
      database = await createServerDatabase(databaseUrl ?? '', 'kiban_nodes');
      const env = {
        KIBAN_DATABASE_URL: database.url,
        KIBAN_NATS_URL: natsUrl ?? '',
        KIBAN_NATS_STREAM: natsStream,
        KIBAN_ADMIN_PASSWORD: ADMIN_PASSWORD,
        KIBAN_PLUGINS: resolve(import.meta.dirname, 'fixtures/beacon-plugin.ts'),
        KIBAN_UI_DIR: join(tmpdir(), 'kiban-no-ui'),
        KIBAN_DESIGNER_DIR: join(tmpdir(), 'kiban-no-designer'),
        KIBAN_WORKFLOW_TIMER_SECONDS: '1',
        KIBAN_JOB_POLL_MS: '200',
      };
      for (let index = 0; index < 2; index++) dataDirs.push(await mkdtemp(join(tmpdir(), 'kiban-node-')));
      // One after the other, as a rolling start would; the bootstrap is serialised between nodes anyway.
      a = await startNode({ ...env, KIBAN_DATA_DIR: dataDirs[0] }, await freePort());
      b = await startNode({ ...env, KIBAN_DATA_DIR: dataDirs[1] }, await freePort());
      adminCookie = await signIn(a.baseUrl);
    }, 120_000);

    afterAll(async () => {
      await a?.stop();
      await b?.stop();
      await database?.close();
      for (const dir of dataDirs) await rm(dir, { recursive: true, force: true });
      const nc = await connect({ servers: natsUrl });
      await (await jetstreamManager(nc)).streams.delete(natsStream).catch(() => false);
      await nc.close();
    });

    it('serves a session opened on one node on the other', async () => {
      const me = await fetch(`${b.baseUrl}/api/auth/me`, { headers: { cookie: adminCookie } });
      expect(me.status).toBe(200);
      expect(((await me.json()) as { principal: { username: string } }).principal.username).toBe('admin');
    });

    it('puts a publish on one node live on the other', async () => {
      const published = await fetch(`${a.baseUrl}/api/metadata/publish`, {
        method: 'POST',
        headers: { cookie: adminCookie, 'content-type': 'application/json' },
        body: JSON.stringify({ upserts: [MEMO] }),
      });
      expect(published.status).toBe(200);
      const onB = await until(async () => {
        const response = await fetch(`${b.baseUrl}/api/metadata/entity/Memo`, { headers: { cookie: adminCookie } });
        return response.status === 200 ? response : undefined;
      });
      expect(((await onB.json()) as { name: string }).name).toBe('Memo');
      const created = await fetch(`${b.baseUrl}/api/data/Memo`, {
        method: 'POST',
        headers: { cookie: adminCookie, 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'written on the other node' }),
      });
      expect(created.status).toBe(201);
    });

    it('fans a realtime message emitted on one node out to sockets on the other', async () => {
      const onB = await connectRealtime(b.baseUrl, { cookie: adminCookie });
      await onB.join('beacon.signal', 'everyone');
      const sent = await fetch(`${a.baseUrl}/api/plugins/beacon/emit`, {
        method: 'POST',
        headers: { cookie: adminCookie, 'content-type': 'application/json' },
        body: JSON.stringify({ room: 'everyone', text: 'from a' }),
      });
      expect(sent.status).toBe(200);
      const message = await onB.waitForMessage((candidate) => candidate.event === 'ping');
      expect(message.payload).toMatchObject({ text: 'from a' });
      expect((message.payload as { pid: number }).pid).not.toBe(undefined);
      onB.close();
    });

    it('fires a due workflow timer once, though both nodes look for it', async () => {
      const published = await post(a.baseUrl, '/api/metadata/publish', { upserts: [TICKET, TICKET_WORKFLOW] });
      expect(published.status).toBe(200);
      await until(async () => {
        const response = await fetch(`${b.baseUrl}/api/metadata/workflow/ticket`, { headers: { cookie: adminCookie } });
        return response.status === 200 ? true : undefined;
      });
      const created = await post(b.baseUrl, '/api/data/Ticket', { title: 'expires' });
      expect(created.status).toBe(201);
      const { id } = (await created.json()) as { id: string };
      const db = new pg.Client({ connectionString: database.url });
      await db.connect();
      try {
        const due = await db.query(
          `update kiban_workflow_timer set due_at = now() - interval '1 second' where record_id = $1 and done_at is null`,
          [id],
        );
        expect(due.rowCount).toBe(1);
        await until(async () => {
          const record = await fetch(`${a.baseUrl}/api/data/Ticket/${id}`, { headers: { cookie: adminCookie } });
          const body = (await record.json()) as { status?: string };
          return body.status === 'expired' ? true : undefined;
        });
        // Both nodes have had two more looks at the timers by now.
        await new Promise((done) => setTimeout(done, 2500));
        const transitions = await db.query(
          `select count(*)::int as n from kiban_workflow_history where record_id = $1 and kind = 'transition'`,
          [id],
        );
        expect(transitions.rows[0].n).toBe(1);
      } finally {
        await db.end();
      }
    });

    it('runs each queued job once, though both nodes look for due jobs', async () => {
      const onB = await connectRealtime(b.baseUrl, { cookie: adminCookie });
      await onB.join('beacon.signal', 'jobs');
      const enqueued = await post(a.baseUrl, '/api/plugins/beacon/enqueue', { count: 10 });
      expect(enqueued.status).toBe(200);
      const runs = () => onB.messages.filter((message) => message.event === 'ran');
      await until(async () => (runs().length >= 10 ? true : undefined));
      // Both nodes have had several more looks at the queue by now.
      await new Promise((done) => setTimeout(done, 1500));
      const numbers = runs().map((message) => (message.payload as { n: number }).n);
      expect(numbers.toSorted((x, y) => x - y)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      onB.close();
    });

    function post(baseUrl: string, path: string, body: unknown): Promise<Response> {
      return fetch(`${baseUrl}${path}`, {
        method: 'POST',
        headers: { cookie: adminCookie, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    }

    async function signIn(baseUrl: string): Promise<string> {
      const response = await fetch(`${baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
      });
      expect(response.status).toBe(200);
      return (response.headers.get('set-cookie') ?? '').split(';')[0];
    }
  },
);

/** Asks again every 50 ms until `probe` answers; the test's own time-out bounds it. */
async function until<T>(probe: () => Promise<T | undefined>): Promise<T> {
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    await new Promise((done) => setTimeout(done, 50));
  }
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
