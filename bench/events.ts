import { randomBytes } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { inTransaction, sqlOf } from '../engine/src/data/index.ts';
import {
  appendEvents,
  connectNats,
  ensureEventStream,
  ensureEventTables,
  natsPublisher,
  startNatsConsumer,
  startRelay,
  type Transact,
} from '../engine/src/events/index.ts';
import { withBenchDatabase } from './lib/bench-database.ts';
import { percentile } from './lib/stats.ts';

const DEFAULT_NATS_URL = 'nats://127.0.0.1:4222';
const OFFERED_PER_SECOND = 6_000;
const EVENTS_PER_TRANSACTION = 100;
const SECONDS = 20;
const BACKLOG = 60_000;
const TARGET_PER_SECOND = 5_000;
const TARGET_P99_MS = 1_000;

/**
 * Durable events end to end on PostgreSQL + NATS: writers append to the outbox at a steady
 * offered rate, the relay publishes to JetStream, a durable consumer applies each event once
 * (receipt in its own transaction). Reports the sustained rate the consumer handled and the
 * latency from the outbox row's `created_at` to the handler. See bench/README.md.
 */
export async function run(): Promise<void> {
  const log = (line: string) => console.log(line);
  await withBenchDatabase(async (url) => {
    const orm = await MikroORM.init({ entities: [], clientUrl: url, discovery: { warnWhenNoEntities: false } });
    const nc = await connectNats(process.env.KIBAN_BENCH_NATS_URL || DEFAULT_NATS_URL);
    const stream = `KIBAN_BENCH_${randomBytes(6).toString('hex').toUpperCase()}`;
    const transact: Transact = (work) => inTransaction(orm.em.fork(), (sql) => work(sql));
    try {
      await ensureEventTables(sqlOf(orm.em.fork()));
      await ensureEventStream(nc, stream);
      log(`offering ${OFFERED_PER_SECOND} events/s for ${SECONDS} s in transactions of ${EVENTS_PER_TRANSACTION}…`);
      const steady = await measure(transact, nc, stream, 'steady', () =>
        produce(transact, OFFERED_PER_SECOND * SECONDS, OFFERED_PER_SECOND, 'steady'),
      );
      log(`draining a backlog of ${BACKLOG} events written before the relay starts…`);
      await produce(transact, BACKLOG, Number.POSITIVE_INFINITY, 'backlog');
      const backlog = await measure(transact, nc, stream, 'backlog', async () => 0);
      log('');
      log(report('steady', steady));
      // A backlog's latency says how long it waited, not how fast the path is: rate only.
      log(`backlog  ${backlog.events} events in ${backlog.seconds.toFixed(1)} s: ${Math.round(backlog.rate)} events/s`);
      log(
        `target     ≥ ${TARGET_PER_SECOND}/s sustained ${steady.rate >= TARGET_PER_SECOND ? 'met' : 'MISSED'}; ` +
          `p99 ≤ ${TARGET_P99_MS} ms ${steady.p99 <= TARGET_P99_MS ? 'met' : 'MISSED'}`,
      );
    } finally {
      await (await jetstreamManager(nc)).streams.delete(stream).catch(() => false);
      await nc.close();
      await orm.close();
    }
  });
}

interface Measurement {
  events: number;
  seconds: number;
  rate: number;
  /** How fast the writer managed to append; below the offered rate the machine, not the bus, set the pace. */
  writtenRate: number;
  p50: number;
  p99: number;
  max: number;
}

/**
 * Starts a durable consumer and the relay, runs `write`, and waits until the consumer has
 * handled everything in the outbox; the clock runs from the start to the last handled event.
 */
async function measure(
  transact: Transact,
  nc: NatsConnection,
  stream: string,
  name: string,
  write: () => Promise<number>,
): Promise<Measurement> {
  const [{ n }] = await transact((sql) =>
    sql.query<{ n: number }>('select count(*)::int as n from kiban_outbox where published_at is null'),
  );
  const latencies: number[] = [];
  let lastHandledAt = 0;
  const consumer = await startNatsConsumer({
    nc,
    transact,
    name,
    stream,
    filter: `${name}.>`,
    handler: async (event) => {
      lastHandledAt = Date.now();
      latencies.push(lastHandledAt - Date.parse(event.createdAt));
    },
  });
  const startedAt = Date.now();
  const relay = startRelay({ transact, publish: natsPublisher(nc, stream), batchSize: 1000, idleMs: 5 });
  const written = await write();
  const writeSeconds = (Date.now() - startedAt) / 1000;
  const total = Number(n) + written;
  while (latencies.length < total) await new Promise((resolve) => setTimeout(resolve, 20));
  await relay.stop();
  await consumer.stop();
  const seconds = (lastHandledAt - startedAt) / 1000;
  const sorted = Float64Array.from(latencies).sort();
  return {
    events: total,
    seconds,
    rate: total / seconds,
    writtenRate: written / writeSeconds,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    max: sorted[sorted.length - 1],
  };
}

function report(label: string, m: Measurement): string {
  return (
    `${label.padEnd(8)} ${m.events} events (written at ${Math.round(m.writtenRate)}/s) handled in ` +
    `${m.seconds.toFixed(1)} s: ${Math.round(m.rate)} events/s; ` +
    `created_at → handled p50 ${m.p50.toFixed(0)} ms, p99 ${m.p99.toFixed(0)} ms, max ${m.max.toFixed(0)} ms`
  );
}

/**
 * Appends `total` events at `perSecond`, one transaction per tick. Each phase has its own
 * subjects (`<phase>.record.created`), so its consumer sees none of the other phase's events.
 */
async function produce(transact: Transact, total: number, perSecond: number, phase: string): Promise<number> {
  const startedAt = Date.now();
  for (let written = 0; written < total; written += EVENTS_PER_TRANSACTION) {
    const wait = startedAt + (written / perSecond) * 1000 - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const events = Array.from({ length: EVENTS_PER_TRANSACTION }, (_, n) => ({
      type: `${phase}.record.created`,
      payload: { entity: 'bench', id: `${written + n}`, version: 1 },
    }));
    await transact((sql) => appendEvents(sql, events));
  }
  return total;
}
