import { type AuditInput, recordAudit } from '../access/index.ts';
import { sqlOf } from '../data/index.ts';
import type { LiveApp } from '../runtime/live-app.ts';
import type { PluginTransaction } from './transaction-context.ts';

/**
 * Writes the audit entry of a refusal so that it outlives the refusal: inside a plugin
 * transaction it waits for its end (the refusal usually rolls it back); a transaction someone
 * else commits (a workflow's) takes it in, since a second connection would wait on it;
 * outside any transaction it is written at once.
 */
export async function recordRefusal(
  entry: AuditInput,
  transaction: { live: LiveApp } & Partial<Pick<PluginTransaction, 'em' | 'afterEnd'>>,
): Promise<void> {
  const { live, em, afterEnd } = transaction;
  if (afterEnd) afterEnd.push(() => recordAudit(live.sql(), entry).then(() => {}));
  else await recordAudit(em ? sqlOf(em) : live.sql(), entry);
}
