import type { JobContext, JobContribution, RecordData } from '@kiban/sdk';
import type { Clock } from '../clock.ts';
import { ENTITY, SYSTEM } from '../entities.ts';
import { crmSettings, DEFAULT_MAX_ATTEMPTS } from '../settings.ts';
import { retryDelayMs } from './backoff.ts';
import { DISPATCH_JOB } from './enqueue.ts';
import { disableGoneSystem } from './gone.ts';
import { type SendOutcome, sendWebhook } from './send.ts';

const PAGE = 200;
const WINDOW_PAGES = 5;
const PARALLEL_QUEUES = 32;

/**
 * Sends a system's pending deliveries: oldest first, one at a time per ordering key (a resident)
 * and up to 32 keys at once. A key whose oldest pending delivery waits for a retry holds back
 * the rest of that key. The system's row is locked for the run, so two engine nodes never send
 * the same delivery; each outcome commits with the job. Failures get the next retry time and a
 * job for it; after the last attempt the delivery is dead (the dead-letter list) and its key
 * moves on; a 410 disables the system.
 */
export function dispatchJob(clock: Clock): JobContribution<{ systemId: string }> {
  return {
    name: DISPATCH_JOB,
    maxAttempts: 20,
    async handler({ systemId }, ctx) {
      await ctx.transaction(SYSTEM, async (data) => {
        const system = await data.get(ENTITY.system, systemId, { forUpdate: true });
        if (system.status !== 'active' || typeof system.endpoint !== 'string') return;
        const settings = await crmSettings(ctx);
        const secret = settings.secrets?.[String(system.code)]?.signingSecret;
        if (!secret) {
          ctx.logger.warn('A connected system has no signing secret; its deliveries wait.', { system: system.code });
          return;
        }
        const run: Run = {
          ctx,
          clock,
          system,
          secret,
          maxAttempts: settings.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
          gone: undefined,
          outcomes: [],
        };
        const window = await pendingWindow(ctx, systemId);
        const queues = dueQueues(window, clock());
        await inParallel(queues, PARALLEL_QUEUES, (queue) => sendQueue(run, queue));
        // The sends ran in parallel; the transaction's writes go one after another.
        await recordOutcomes(run);
        if (run.gone) {
          await disableGoneSystem(ctx, system, run.gone);
          return;
        }
        if (window.length === PAGE * WINDOW_PAGES) {
          await ctx.jobs.enqueue(
            DISPATCH_JOB,
            { systemId },
            { key: `dispatch:${systemId}:more:${crypto.randomUUID()}` },
          );
        }
      });
    },
  };
}

interface Run {
  ctx: JobContext;
  clock: Clock;
  system: RecordData;
  secret: string;
  maxAttempts: number;
  /** When a receiver answered 410: nothing more is sent in this run. */
  gone: Date | undefined;
  outcomes: Outcome[];
}

interface Outcome {
  delivery: RecordData;
  patch: RecordData;
  retryAt?: Date;
}

/** The oldest pending deliveries of the system: a prefix of the order, so each key's head is in it. */
async function pendingWindow(ctx: JobContext, systemId: string): Promise<RecordData[]> {
  const window: RecordData[] = [];
  for (let page = 0; page < WINDOW_PAGES; page += 1) {
    const rows = await ctx.data(SYSTEM).list(ENTITY.delivery, {
      filter: { system: { eq: systemId }, status: { eq: 'pending' } },
      sort: 'orderAt,createdAt,id',
      limit: PAGE,
      offset: page * PAGE,
    });
    window.push(...rows);
    if (rows.length < PAGE) break;
  }
  return window;
}

/** Deliveries grouped by ordering key, in order; keys whose head waits for a retry are left out. */
function dueQueues(window: RecordData[], now: Date): RecordData[][] {
  const queues = new Map<string, RecordData[]>();
  for (const delivery of window) {
    const key = String(delivery.orderKey);
    const queue = queues.get(key);
    if (queue) queue.push(delivery);
    else queues.set(key, [delivery]);
  }
  return [...queues.values()].filter((queue) => {
    const next = queue[0]?.nextAttemptAt;
    return typeof next !== 'string' || new Date(next).getTime() <= now.getTime();
  });
}

async function sendQueue(run: Run, queue: RecordData[]): Promise<void> {
  for (const delivery of queue) {
    if (run.gone) return;
    const now = run.clock();
    const outcome = await sendWebhook(
      String(run.system.endpoint),
      run.secret,
      { id: String(delivery.id), body: JSON.stringify(delivery.payload) },
      now,
    );
    const attempts = Number(delivery.attempts) + 1;
    if (outcome.ok) {
      const patch = { status: 'delivered', attempts, lastStatus: outcome.status, deliveredAt: now.toISOString() };
      run.outcomes.push({ delivery, patch });
      continue;
    }
    if (outcome.status === 410) {
      run.gone = now;
      run.outcomes.push({ delivery, patch: { status: 'gone', attempts, lastStatus: 410, lastError: outcome.error } });
      return;
    }
    if (attempts >= run.maxAttempts) {
      run.outcomes.push({ delivery, patch: failure('dead', attempts, outcome) });
      continue;
    }
    const retryAt = new Date(now.getTime() + retryDelayMs(attempts));
    run.outcomes.push({
      delivery,
      patch: { ...failure('pending', attempts, outcome), nextAttemptAt: retryAt.toISOString() },
      retryAt,
    });
    return;
  }
}

function failure(status: 'pending' | 'dead', attempts: number, outcome: SendOutcome): RecordData {
  return { status, attempts, lastStatus: outcome.status ?? null, lastError: outcome.error?.slice(0, 500) ?? null };
}

async function recordOutcomes(run: Run): Promise<void> {
  const systemId = String(run.system.id);
  for (const { delivery, patch, retryAt } of run.outcomes) {
    await run.ctx.data(SYSTEM).update(ENTITY.delivery, String(delivery.id), patch);
    if (retryAt) {
      const key = `dispatch:${systemId}:retry:${String(delivery.id)}:${String(patch.attempts)}`;
      await run.ctx.jobs.enqueue(DISPATCH_JOB, { systemId }, { at: retryAt, key });
    }
  }
}

async function inParallel<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next];
      next += 1;
      if (item !== undefined) await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
