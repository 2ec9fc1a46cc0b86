import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '../testing/databases.ts';
import type { BusEvent } from './outbox.ts';
import { applyBatchOnce, applyEachOnce } from './receipts.ts';
import { type EventsTestDatabase, openEventsTestDatabase } from './test-support.ts';

const event = (id: string): BusEvent => ({ id, type: 'test.happened', payload: {}, createdAt: '' });
const A = event('00000000-0000-4000-8000-00000000000a');
const B = event('00000000-0000-4000-8000-00000000000b');

describe.each(testDatabaseKinds())('idempotent consumers on %s', (kind) => {
  let t: EventsTestDatabase;
  beforeEach(async () => {
    t = await openEventsTestDatabase(kind);
  });
  afterEach(() => t.close());

  it('applies an event once per consumer, also when a batch holds it twice', async () => {
    expect(await applyBatchOnce(t.transact, 'one', [A, A, B], t.effectHandler())).toBe(2);
    expect(await applyBatchOnce(t.transact, 'one', [A, B], t.effectHandler())).toBe(0);
    expect(await applyBatchOnce(t.transact, 'two', [A], t.effectHandler())).toBe(1);
    expect(Object.fromEntries(await t.effects())).toEqual({ [A.id]: 2, [B.id]: 1 });
  });

  it('rolls a failed event back with its receipt and still applies the rest of its batch', async () => {
    const failed = await applyEachOnce(
      t.transact,
      'one',
      [A, B],
      t.effectHandler((id) => id === A.id),
    );
    expect([...failed.keys()]).toEqual([A]);
    expect(Object.fromEntries(await t.effects())).toEqual({ [B.id]: 1 });
    expect(await applyBatchOnce(t.transact, 'one', [A, B], t.effectHandler())).toBe(1);
  });
});
