import type { JobContext, JobContribution, RecordData } from '@kiban/sdk';
import { Webhook } from 'standardwebhooks';
import type { Clock } from '../clock.ts';
import { ENTITY, SYSTEM } from '../entities.ts';
import { crmSettings, DEFAULT_MAX_ATTEMPTS } from '../settings.ts';
import { retryDelayMs } from './backoff.ts';
import { clearWake, type DeliveryOutcome, type PendingDelivery, pendingWindow, recordOutcomes } from './deliveries.ts';
import { DISPATCH_JOB } from './enqueue.ts';
import { disableGoneSystem } from './gone.ts';
import type { SendOutcome, WebhookSender } from './send.ts';

const WINDOW = 1000;
/** Keys sent at once per system: also the connections kept open to one receiver. */
export const PARALLEL_QUEUES = 32;

/**
 * Sends a system's pending deliveries: oldest first, one at a time per ordering key (a resident)
 * and up to 32 keys at once. A key whose oldest pending delivery waits for a retry holds back
 * the rest of that key. A transaction-scoped advisory lock per system serialises runs, so two
 * engine nodes never send the same delivery; the outcomes commit with the job. Failures get
 * the next retry time and a job for it; after the last attempt a delivery is dead (the
 * dead-letter list) and its key moves on; a 410 disables the system.
 */
export function dispatchJob(clock: Clock, sender: WebhookSender): JobContribution<{ systemId: string }> {
  return {
    name: DISPATCH_JOB,
    maxAttempts: 20,
    async handler({ systemId }, ctx) {
      await ctx.sql.query(`select pg_advisory_xact_lock(hashtext('crm.dispatch:' || $1))`, [systemId]);
      await clearWake(ctx, systemId);
      // A retry or sweep run may find its deliveries sent by an earlier run: find that out first, cheaply.
      const window = await pendingWindow(ctx, systemId, WINDOW);
      if (window.length === 0) return;
      const [system] = await ctx.data(SYSTEM).list(ENTITY.system, { filter: { id: { eq: systemId } }, limit: 1 });
      if (system?.status !== 'active' || typeof system.endpoint !== 'string') return;
      const settings = await crmSettings(ctx);
      const secret = settings.secrets?.[String(system.code)]?.signingSecret;
      if (!secret) {
        ctx.logger.warn('A connected system has no signing secret; its deliveries wait.', { system: system.code });
        return;
      }
      const run: Run = {
        clock,
        sender,
        system,
        signer: new Webhook(secret),
        maxAttempts: settings.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
        gone: undefined,
        outcomes: [],
      };
      await inParallel(dueQueues(window, clock()), PARALLEL_QUEUES, (queue) => sendQueue(run, queue));
      await recordOutcomes(ctx, run.outcomes);
      if (run.gone) {
        await disableGoneSystem(ctx, system, run.gone);
        return;
      }
      await scheduleRetries(ctx, systemId, run.outcomes);
      if (window.length === WINDOW && run.outcomes.some((outcome) => outcome.status !== 'pending')) {
        await ctx.jobs.enqueue(DISPATCH_JOB, { systemId }, { key: `dispatch:${systemId}:more:${crypto.randomUUID()}` });
      }
    },
  };
}

interface Run {
  clock: Clock;
  sender: WebhookSender;
  system: RecordData;
  signer: Webhook;
  maxAttempts: number;
  /** When a receiver answered 410: nothing more is sent in this run. */
  gone: Date | undefined;
  outcomes: DeliveryOutcome[];
}

/** Deliveries grouped by ordering key, in order; keys whose head waits for a retry are left out. */
function dueQueues(window: PendingDelivery[], now: Date): PendingDelivery[][] {
  const queues = new Map<string, PendingDelivery[]>();
  for (const delivery of window) {
    const queue = queues.get(delivery.order_key);
    if (queue) queue.push(delivery);
    else queues.set(delivery.order_key, [delivery]);
  }
  return [...queues.values()].filter((queue) => {
    const next = queue[0]?.next_attempt_at;
    return next === null || next === undefined || new Date(next).getTime() <= now.getTime();
  });
}

async function sendQueue(run: Run, queue: PendingDelivery[]): Promise<void> {
  for (const delivery of queue) {
    if (run.gone) return;
    const now = run.clock();
    const outcome = await run.sender.send(
      String(run.system.endpoint),
      run.signer,
      { id: delivery.id, body: delivery.body },
      now,
    );
    const attempts = delivery.attempts + 1;
    if (outcome.ok) {
      run.outcomes.push(result(delivery, 'delivered', attempts, outcome, { deliveredAt: now }));
      continue;
    }
    if (outcome.status === 410) {
      run.gone = now;
      run.outcomes.push(result(delivery, 'gone', attempts, outcome));
      return;
    }
    if (attempts >= run.maxAttempts) {
      run.outcomes.push(result(delivery, 'dead', attempts, outcome));
      continue;
    }
    const nextAttemptAt = new Date(now.getTime() + retryDelayMs(attempts));
    run.outcomes.push(result(delivery, 'pending', attempts, outcome, { nextAttemptAt }));
    return;
  }
}

function result(
  delivery: PendingDelivery,
  status: DeliveryOutcome['status'],
  attempts: number,
  outcome: SendOutcome,
  times: { deliveredAt?: Date; nextAttemptAt?: Date } = {},
): DeliveryOutcome {
  return {
    id: delivery.id,
    status,
    attempts,
    lastStatus: outcome.status ?? null,
    lastError: outcome.ok ? null : (outcome.error?.slice(0, 500) ?? null),
    deliveredAt: times.deliveredAt ?? null,
    nextAttemptAt: times.nextAttemptAt ?? null,
  };
}

async function scheduleRetries(ctx: JobContext, systemId: string, outcomes: DeliveryOutcome[]): Promise<void> {
  for (const outcome of outcomes) {
    if (outcome.status !== 'pending' || !outcome.nextAttemptAt) continue;
    const key = `dispatch:${systemId}:retry:${outcome.id}:${outcome.attempts}`;
    await ctx.jobs.enqueue(DISPATCH_JOB, { systemId }, { at: outcome.nextAttemptAt, key });
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
