import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { testDatabaseKinds } from '../testing/databases.ts';
import { startEmbeddedBus } from './embedded-bus.ts';
import { appendEvents, type BusEvent, countUnpublished, type Transact } from './outbox.ts';
import type { Relay } from './relay.ts';
import { type EventsTestDatabase, openEventsTestDatabase } from './test-support.ts';

describe.each(testDatabaseKinds())('embedded event bus on %s', (kind) => {
  let t: EventsTestDatabase;
  let bus: Relay | undefined;
  beforeEach(async () => {
    t = await openEventsTestDatabase(kind);
  });
  afterEach(async () => {
    await bus?.stop();
    bus = undefined;
    await t.close();
  });

  it('delivers committed events in order, once each, and none of a rolled-back write', async () => {
    const seen: BusEvent[] = [];
    await t.append(3);
    await t
      .transact(async (sql) => {
        await appendEvents(sql, [{ type: 'test.rolledBack', payload: {} }]);
        throw new Error('roll back');
      })
      .catch(() => {});
    bus = startEmbeddedBus({
      transact: t.transact,
      subscribers: [{ name: 'watcher', handler: async (event) => void seen.push(event) }],
      idleMs: 20,
    });
    await bus.drained();
    expect(seen.map((event) => [event.type, (event.payload as { n: number }).n])).toEqual([
      ['test.happened', 0],
      ['test.happened', 1],
      ['test.happened', 2],
    ]);
    expect(await countUnpublished(t.db.sql)).toBe(0);
  });

  it('retries a failed event until it is applied, and applies it once for each subscriber', async () => {
    await t.append(5);
    const failures = new Map<string, number>();
    const flaky = t.effectHandler((id) => {
      const count = failures.get(id) ?? 0;
      failures.set(id, count + 1);
      return count < 2; // every event fails twice before it goes through
    });
    const steady: string[] = [];
    bus = startEmbeddedBus({
      transact: t.transact,
      subscribers: [
        { name: 'flaky', handler: flaky },
        { name: 'steady', handler: async (event) => void steady.push(event.id) },
      ],
      idleMs: 10,
      backoff: { baseMs: 5, maxMs: 5 },
    });
    await vi.waitFor(async () => expect(await countUnpublished(t.db.sql)).toBe(0), { interval: 20 });
    const effects = await t.effects();
    expect(effects.size).toBe(5);
    expect([...effects.values()].every((n) => n === 1)).toBe(true);
    expect(new Set(steady).size).toBe(5);
    expect(steady).toHaveLength(5);
  });

  it('backs off an event a handler always fails, without holding up drained() or the events behind it', async () => {
    await t.append(3);
    const doomed = (await t.db.sql.query<{ id: string }>('select id::text as id from kiban_outbox order by seq'))[0].id;
    const failures: string[] = [];
    bus = startEmbeddedBus({
      transact: t.transact,
      subscribers: [{ name: 'picky', handler: t.effectHandler((id) => id === doomed) }],
      idleMs: 10,
      backoff: { baseMs: 60_000, maxMs: 60_000 },
      onError: (_, failed) => failures.push(`${failed?.subscriber} ${failed?.event.id}`),
    });
    await bus.drained();
    expect([...(await t.effects()).keys()].sort()).toHaveLength(2);
    expect(failures).toEqual([`picky ${doomed}`]);
    const [row] = await t.db.sql.query<{ attempts: number; waiting: boolean }>(
      'select attempts, retry_at > clock_timestamp() as waiting from kiban_outbox where published_at is null',
    );
    expect(row).toEqual({ attempts: 1, waiting: true });
  });

  it('resumes after a restart with what was not yet delivered', async () => {
    await t.append(2);
    const handled: string[] = [];
    const subscribers = [{ name: 'watcher', handler: async (event: BusEvent) => void handled.push(event.id) }];
    bus = startEmbeddedBus({ transact: t.transact, subscribers, idleMs: 10 });
    await bus.drained();
    await bus.stop();
    await t.append(3);
    bus = startEmbeddedBus({ transact: t.transact, subscribers, idleMs: 10 });
    await bus.drained();
    expect(handled).toHaveLength(5);
    expect(new Set(handled).size).toBe(5);
  });

  it('rests between polls when the transactions it is given wake it on every commit, as plugin transactions do', async () => {
    let polls = 0;
    const delivered: string[] = [];
    // Like the engine's plugin transactions: each commit wakes the bus.
    const waking: Transact = async (work) => {
      const result = await t.transact(work);
      bus?.wake();
      return result;
    };
    bus = startEmbeddedBus({
      transact: waking,
      relayTransact: (work) => {
        polls += 1;
        return t.transact(work);
      },
      subscribers: [{ name: 'watcher', handler: async (event) => void delivered.push(event.id) }],
      idleMs: 100,
    });
    await bus.drained();
    polls = 0;
    await new Promise((resolve) => setTimeout(resolve, 350));
    // A relay that woke itself on its own commits polled hundreds of times here.
    expect(polls).toBeLessThanOrEqual(5);
    await waking((sql) => appendEvents(sql, [{ type: 'test.happened', payload: {} }]));
    await bus.drained();
    expect(delivered).toHaveLength(1);
  });
});
