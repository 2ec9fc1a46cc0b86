import { startLineSandbox, startSmsSandbox } from '../src/sandbox/index.ts';
import { startSmtpServer } from './smtp.ts';
import type { TestHost } from './support.ts';

export const UNSUBSCRIBE_SECRET = 'unsubscribe-secret-0123456789';
export const INTAKE_SECRET = 'intake-secret-0123456789abcdef';
export const LINE_CHANNEL_SECRET = 'line-channel-secret-0123456789';

/** A real SMTP server and the LINE and SMS sandboxes, with the plugin's settings pointing at them. */
export async function startProviders(host: TestHost, extra: Record<string, unknown> = {}) {
  const smtp = await startSmtpServer();
  const line = await startLineSandbox({ accessToken: 'line-token', channelSecret: LINE_CHANNEL_SECRET });
  const sms = await startSmsSandbox({ accountSid: 'AC42', authToken: 'sms-token' });
  const settings = {
    publicBaseUrl: 'https://city.example.jp',
    email: { host: '127.0.0.1', port: smtp.port, from: 'noreply@city.example.jp' },
    line: { endpoint: line.url, accountLinkEndpoint: line.url },
    lineChannelAccessToken: 'line-token',
    lineChannelSecret: LINE_CHANNEL_SECRET,
    sms: { endpoint: sms.url, accountSid: 'AC42', from: '+815000000000' },
    smsAuthToken: 'sms-token',
    unsubscribeSecret: UNSUBSCRIBE_SECRET,
    intakeSecret: INTAKE_SECRET,
    retry: { maxAttempts: 2, backoffSeconds: 60 },
    providerTimeoutMs: 5000,
    ...extra,
  };
  const answer = await host.setSettings('notifications', settings);
  if (answer.status >= 300) throw new Error(`settings refused: ${JSON.stringify(answer.body)}`);
  return {
    smtp,
    line,
    sms,
    settings,
    close: () => Promise.all([smtp.close(), line.close(), sms.close()]),
  };
}

let lineUsers = 0;
/** A LINE user id of the form LINE gives (U + 32 hex digits). */
export function lineUserId(): string {
  lineUsers += 1;
  return `U${lineUsers.toString(16).padStart(32, '0')}`;
}

/** Runs due jobs until none is left, `at` the given time. */
export async function drainJobs(host: TestHost, at?: Date): Promise<void> {
  for (let round = 0; round < 20; round += 1) {
    const run = await host.runJobs(at);
    if (run.done + run.retried + run.dead === 0) return;
  }
}

/**
 * Rate windows are clock minutes and the handlers read the real clock: a test that counts what
 * one window allows starts early in a minute, so the window cannot turn while it runs.
 */
export async function startOfAMinute(): Promise<void> {
  const second = new Date().getUTCSeconds();
  if (second >= 30) await new Promise((resolve) => setTimeout(resolve, (61 - second) * 1000));
}

/**
 * Lets `minutes` pass for the stored due times: deliveries and rate windows move that far into
 * the past (the handlers read the real clock), and jobs enqueued for that span run.
 */
export async function passTime(host: TestHost, minutes: number): Promise<void> {
  const sql = host.context().sql;
  await sql.query('update delivery set next_attempt_at = next_attempt_at - make_interval(mins => $1)', [minutes]);
  await sql.query('update rate_window set window_start = window_start - make_interval(mins => $1)', [minutes]);
  await drainJobs(host, new Date(Date.now() + minutes * 60_000));
}

/** "HH:MM" in Tokyo, `minutes` from now. */
export function tokyoTime(minutes: number): string {
  return new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: 'Asia/Tokyo',
  }).format(new Date(Date.now() + minutes * 60_000));
}
