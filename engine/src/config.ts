import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Everything the engine reads from its environment, resolved once at start-up. */
export interface EngineConfig {
  /**
   * `KIBAN_ENV=production`: the start is refused unless the audit trail is out of the engine's
   * reach (PostgreSQL, least-privilege role); development (the default) allows the embedded PGlite.
   */
  production: boolean;
  /** PostgreSQL server URL; when absent the engine runs PGlite in `dataDir`. */
  databaseUrl?: string;
  /** Where embedded state lives (PGlite data, first-run files). */
  dataDir: string;
  host: string;
  port: number;
  /** Largest accepted request body in bytes. */
  bodyLimitBytes: number;
  /** Lifetime of a sign-in session. */
  sessionTtlSeconds: number;
  /** Directories of metadata published at start-up when the registry is empty. */
  seedMetadataDirs: string[];
  /** Password for the first administrator; generated and written to a file when absent. */
  initialAdminPassword?: string;
  /**
   * Always send cookies with the Secure flag. Without it they are Secure whenever the request
   * came over HTTPS, directly or (with `trustProxy`) as the proxy's X-Forwarded-Proto says.
   */
  secureCookies: boolean;
  /**
   * The engine runs behind a reverse proxy that sets X-Forwarded-For and X-Forwarded-Proto;
   * only then are those headers believed (for the client address and for HTTPS).
   */
  trustProxy: boolean;
  /** Plugins to load: bare names (`@kiban/plugin-<name>`), module specifiers or paths. */
  plugins: string[];
  /** Every `KIBAN_PLUGIN_<NAME>_<KEY>` variable; the plugin host assigns them once it knows the names. */
  pluginVariables: Record<string, string>;
  /** Configuration objects by plugin name; they override the variables. */
  pluginConfig?: Record<string, Record<string, unknown>>;
  /** NATS server with JetStream; when absent the embedded event bus delivers events in this process. */
  natsUrl?: string;
  /** The JetStream stream of this environment's events (`KIBAN_EVENTS` when absent); environments sharing a NATS server need one each. */
  natsStream?: string;
  /** How often due workflow timers (escalations, automatic transitions) are looked for. */
  workflowTimerSeconds: number;
  /** How often open realtime sockets are checked for an ended session (and closed). */
  realtimeSessionCheckSeconds: number;
  /** How often due background jobs are looked for; 0 runs them only on demand (`engine.jobs.runDue`). */
  jobPollMilliseconds: number;
  /** The city's time zone (IANA), in which job cron expressions are read. */
  timeZone: string;
  /** The key plugin secrets are encrypted with (32 bytes, base64 or hex); generated into `dataDir` when absent. */
  secretKey?: string;
  /** Days published events, receipts, fired timers and finished jobs are kept (at least 1); audit records are kept regardless. */
  retentionDays: number;
  /** The built portals to serve at `/` and `/staff`; the API alone when the directory does not exist. */
  uiDir: string;
  /** The built designer to serve at `/designer`. */
  designerDir: string;
  /**
   * SMTP server the engine's own mail (scheduled reports) goes through, as a URL:
   * `smtp://user:password@host:587` or `smtps://…:465`. Without it nothing is sent and every
   * delivery fails as "mail not configured".
   */
  smtpUrl?: string;
  /** The From address of the engine's own mail. */
  mailFrom: string;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): EngineConfig {
  return {
    production: environment(env.KIBAN_ENV) === 'production',
    databaseUrl: env.KIBAN_DATABASE_URL || undefined,
    dataDir: resolve(env.KIBAN_DATA_DIR ?? '.kiban'),
    host: env.KIBAN_HOST ?? '127.0.0.1',
    port: integer(env.KIBAN_PORT, 3000, 'KIBAN_PORT'),
    bodyLimitBytes: integer(env.KIBAN_BODY_LIMIT_BYTES, 1024 * 1024, 'KIBAN_BODY_LIMIT_BYTES'),
    sessionTtlSeconds: integer(env.KIBAN_SESSION_TTL_SECONDS, 8 * 3600, 'KIBAN_SESSION_TTL_SECONDS'),
    seedMetadataDirs: list(env.KIBAN_SEED_METADATA).map((dir) => resolve(dir)),
    initialAdminPassword: env.KIBAN_ADMIN_PASSWORD || undefined,
    secureCookies: env.KIBAN_SECURE_COOKIES === 'true',
    trustProxy: env.KIBAN_TRUST_PROXY === 'true',
    plugins: list(env.KIBAN_PLUGINS),
    natsUrl: env.KIBAN_NATS_URL || undefined,
    natsStream: env.KIBAN_NATS_STREAM || undefined,
    uiDir: resolve(env.KIBAN_UI_DIR ?? fileURLToPath(new URL('../../runtime-ui/dist', import.meta.url))),
    designerDir: resolve(env.KIBAN_DESIGNER_DIR ?? fileURLToPath(new URL('../../designer/dist', import.meta.url))),
    workflowTimerSeconds: integer(env.KIBAN_WORKFLOW_TIMER_SECONDS, 60, 'KIBAN_WORKFLOW_TIMER_SECONDS'),
    realtimeSessionCheckSeconds: integer(env.KIBAN_SESSION_CHECK_SECONDS, 60, 'KIBAN_SESSION_CHECK_SECONDS'),
    jobPollMilliseconds: integer(env.KIBAN_JOB_POLL_MS, 1000, 'KIBAN_JOB_POLL_MS'),
    timeZone: env.KIBAN_TIME_ZONE || 'Asia/Tokyo',
    secretKey: env.KIBAN_SECRET_KEY || undefined,
    smtpUrl: env.KIBAN_SMTP_URL || undefined,
    mailFrom: env.KIBAN_MAIL_FROM || 'kiban@localhost',
    retentionDays: Math.max(1, integer(env.KIBAN_RETENTION_DAYS, 7, 'KIBAN_RETENTION_DAYS')),
    pluginVariables: Object.fromEntries(
      Object.entries(env).filter(
        (entry): entry is [string, string] => entry[0].startsWith('KIBAN_PLUGIN_') && entry[1] !== undefined,
      ),
    ),
  };
}

function list(raw: string | undefined): string[] {
  return (raw ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
}

function environment(raw: string | undefined): 'development' | 'production' {
  if (raw === undefined || raw === '' || raw === 'development') return 'development';
  if (raw === 'production') return 'production';
  throw new Error(`KIBAN_ENV must be "development" or "production", got "${raw}"`);
}

function integer(raw: string | undefined, fallback: number, name: string): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return value;
}
