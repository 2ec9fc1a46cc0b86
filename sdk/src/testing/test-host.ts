import {
  connectRealtime,
  type LogEntry,
  type RealtimeTestClient,
  startTestEngine,
  TEST_ADMIN_PASSWORD,
  type TestClient,
  type TestResponse,
} from '@kiban/engine/testing';
import type { Actor, DataApi, FilesApi, PluginContext, PluginDefinition } from '../types.ts';

export type { LogEntry, RealtimeTestClient, TestResponse };

export interface TestHostOptions {
  plugins: PluginDefinition[];
  /** Metadata directories of the app around the plugins, published when the host starts. */
  packages?: string[];
  /** PGlite (the default) or the PostgreSQL server `KIBAN_TEST_DATABASE_URL` names. */
  kind?: 'pglite' | 'postgres';
  /** Configuration by plugin name, as `KIBAN_PLUGIN_<NAME>_<KEY>` variables would give it. */
  config?: Record<string, Record<string, unknown>>;
  /** Also print the plugins' log lines; they are always collected in `logs`. */
  printLogs?: boolean;
  /** As if behind a trusted reverse proxy (`KIBAN_TRUST_PROXY`): X-Forwarded-For names the client. */
  trustProxy?: boolean;
  /** The SMTP server `ctx.mail` sends through (`KIBAN_SMTP_URL`); none when absent. */
  smtpUrl?: string;
}

/** A stored job as the test host lists it. */
export interface TestJob {
  id: string;
  name: string;
  status: 'pending' | 'running' | 'done' | 'dead';
  attempts: number;
  lastError: string | null;
  runAt: string;
}

/** A signed-in principal: its actor, for `data(actor)`, and an HTTP client carrying its session. */
export interface TestHostClient {
  readonly username: string;
  readonly actor: Actor;
  /** `kiban_session=…`, the cookie its requests (and realtime sockets) carry. */
  readonly cookie: string;
  request(
    method: string,
    path: string,
    options?: { body?: unknown; rawBody?: string; headers?: Record<string, string> },
  ): Promise<TestResponse>;
}

export interface TestRequestOptions {
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as it is (a CSV, or a signed body whose bytes must not change); `body` wins when both are given. */
  rawBody?: string;
  /** Who sends it: a client from `signInAs`, a username signed in before, or `admin`; nobody when absent. */
  as?: TestHostClient | string;
  headers?: Record<string, string>;
}

export interface TestHost {
  /** A request through the engine's HTTP API, in-process. */
  request(method: string, path: string, options?: TestRequestOptions): Promise<TestResponse>;
  /** Creates a principal with these roles (as the administrator) and signs it in. */
  signInAs(
    kind: 'staff' | 'resident' | 'system',
    username: string,
    roles: string[],
    profile?: { department?: string },
  ): Promise<TestHostClient>;
  /** The data API as `actor`, acting through `plugin` (the first plugin when absent). */
  data(actor: Actor, plugin?: string): DataApi;
  /** Files of records as `actor`, acting through `plugin` (the first plugin when absent). */
  files(actor: Actor, plugin?: string): FilesApi;
  /** The context a plugin's code receives. */
  context(plugin?: string): PluginContext;
  /** The engine's data directory: a temporary one, removed by `close()`, where stored files live (`files/`). */
  readonly dataDir: string;
  /**
   * Resolves once every event written so far has reached every handler; an event whose
   * handler failed counts once it has been tried (its retry comes later, after a back-off).
   */
  settled(): Promise<void>;
  /**
   * A socket.io client on `/realtime`, signed in as `as` (a client from `signInAs` or a username
   * signed in before), or a guest without a session for `null`: `join(channel, room, since?,
   * credential?)`, then `waitForMessage`, `messages`, `errors`. The host starts listening on a
   * free loopback port the first time; `close()` ends both.
   */
  realtime(as: TestHostClient | string | null): Promise<RealtimeTestClient>;
  /**
   * Runs every job that is due at `now` (the database's clock when absent): enqueued ones and
   * scheduled ones (pass a later `now` to reach a schedule's next run). The test host never
   * runs jobs on its own.
   */
  /**
   * Makes the host listen on a free loopback port (once) and answers its origin,
   * `http://127.0.0.1:<port>`, for clients that must talk real HTTP (an OpenID relying party).
   */
  listen(): Promise<{ origin: string }>;
  runJobs(now?: Date): Promise<{ done: number; retried: number; dead: number }>;
  /** Stored jobs, newest first: `dead` ones are the dead-letter list. */
  jobs(status?: 'pending' | 'running' | 'done' | 'dead'): Promise<TestJob[]>;
  /**
   * Sets a plugin's settings as an administrator would (checked against its schema, secrets
   * sealed); resolves to the API's answer, so that a test can also assert a refusal.
   */
  setSettings(plugin: string, values: Record<string, unknown>): Promise<TestResponse>;
  /** Every line the plugins logged, oldest first. */
  readonly logs: LogEntry[];
  close(): Promise<void>;
}

/**
 * An engine with the given plugins on a fresh database, in this process: plugin authors test
 * their actions, routes, handlers and hooks against the real host, policies included.
 */
export async function createTestHost(options: TestHostOptions): Promise<TestHost> {
  const logs: LogEntry[] = [];
  const test = await startTestEngine(
    options.kind ?? 'pglite',
    options.packages ?? [],
    // Port 0: the OS picks a free one if a realtime client makes the host listen.
    {
      pluginConfig: options.config ?? {},
      jobPollMilliseconds: 0,
      port: 0,
      trustProxy: options.trustProxy ?? false,
      ...(options.smtpUrl ? { smtpUrl: options.smtpUrl } : {}),
    },
    {
      plugins: options.plugins,
      log: (entry) => {
        logs.push(entry);
        if (options.printLogs) console.log(JSON.stringify(entry));
      },
    },
  );
  const clients = new Map<string, TestHostClient>();
  let admin: TestClient | undefined;
  let listening: Promise<{ port: number; close(): Promise<void> }> | undefined;
  const sockets: RealtimeTestClient[] = [];
  const contextOf = (plugin?: string) => {
    const name = plugin ?? test.engine.plugins.names[0];
    if (name === undefined) throw new Error('The test host has no plugin to act through.');
    return test.engine.plugins.context(name);
  };
  const clientOf = async (as: TestHostClient | string | undefined): Promise<TestClient> => {
    if (as === undefined) return test.client();
    if (typeof as !== 'string') return as;
    if (as === 'admin' && !clients.has(as)) {
      admin ??= await test.signIn('admin', TEST_ADMIN_PASSWORD);
      return admin;
    }
    const client = clients.get(as);
    if (!client) throw new Error(`${as} has not signed in; call signInAs first.`);
    return client;
  };

  return {
    logs,
    async request(method, path, requestOptions = {}) {
      const client = await clientOf(requestOptions.as);
      return client.request(method, path, {
        body: requestOptions.body,
        rawBody: requestOptions.rawBody,
        headers: requestOptions.headers,
      });
    },
    async signInAs(kind, username, roles, profile) {
      const client = await test.principal(kind, username, roles, profile);
      const me = await client.request('GET', '/api/auth/me');
      const actor: Actor = { kind: 'principal', id: me.body.principal.id, principalKind: kind, roles: [...roles] };
      const signedIn: TestHostClient = {
        username,
        actor,
        cookie: client.cookie ?? '',
        request: (m, p, o) => client.request(m, p, o),
      };
      clients.set(username, signedIn);
      return signedIn;
    },
    data: (actor, plugin) => contextOf(plugin).data(actor),
    files: (actor, plugin) => contextOf(plugin).files(actor),
    dataDir: test.engine.config.dataDir,
    context: contextOf,
    settled: () => test.engine.plugins.settled(),
    runJobs: (now) => test.engine.jobs.runDue(now),
    async setSettings(plugin, values) {
      const client = await clientOf('admin');
      return client.request('PUT', `/api/admin/settings/${encodeURIComponent(plugin)}`, { body: values });
    },
    jobs: (status) => test.engine.jobs.list({ status }),
    async listen() {
      listening ??= test.engine.listen();
      const { port } = await listening;
      return { origin: `http://127.0.0.1:${port}` };
    },
    async realtime(as) {
      const client = typeof as === 'string' ? clients.get(as) : as;
      if (client === undefined) throw new Error(`${String(as)} has not signed in; call signInAs first.`);
      listening ??= test.engine.listen();
      const { port } = await listening;
      const credentials = client === null ? { guest: true } : { cookie: client.cookie };
      const socket = await connectRealtime(`http://127.0.0.1:${port}`, credentials);
      sockets.push(socket);
      return socket;
    },
    async close() {
      for (const socket of sockets) socket.close();
      if (listening) await (await listening).close();
      await test.close();
    },
  };
}
