import { type Actor, definePlugin, type PluginContext } from '@kiban/sdk';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { MetadataItem, RuleMetadata } from '../metadata/index.ts';
import { startTestEngine, type TestEngine, testDatabaseKinds } from '../testing/index.ts';
import { metadataDir } from './plugin-test-support.ts';

const SYSTEM: Actor = { kind: 'system' };

const CHILD: MetadataItem = {
  kind: 'entity',
  name: 'Child',
  label: { ja: '子ども', en: 'Child' },
  fields: [
    { name: 'name', type: 'string', label: { ja: '氏名', en: 'Name' }, required: true },
    { name: 'birthDate', type: 'date', label: { ja: '生年月日', en: 'Date of birth' } },
    { name: 'checkupDue', type: 'date', label: { ja: '健診期限', en: 'Check-up due' } },
  ],
};

/** A segment rule on `Child`, as a plain object: the shape both `publish` and `segments` take. */
const rule = (name: string, condition: RuleMetadata['condition']) => ({
  kind: 'rule' as const,
  name,
  label: { ja: name },
  entity: 'Child',
  use: 'segment' as const,
  condition,
});
type SegmentRuleItem = ReturnType<typeof rule>;

const THREE_YEAR_OLDS = rule('three-year-olds', { fact: 'age', of: 'birthDate', op: 'gte', value: 3 });
const DUE_WITHIN_NINE_DAYS = rule('due-within-nine-days', {
  fact: 'checkupDue',
  op: 'between',
  value: [{ relative: '+0d' }, { relative: '+9d' }],
});

/**
 * `segments.matcher` plans its rules once and keeps the plan while it holds: these are the two
 * moments it must not — the city's day changes (ages and relative dates move) and another
 * version of the app is published (a named rule may now say something else).
 */
describe.each(testDatabaseKinds())('segments.matcher re-planning on %s', (kind) => {
  let host: TestEngine;
  let ctx: PluginContext;
  let child: string;

  beforeAll(async () => {
    const metadata = await metadataDir([CHILD, THREE_YEAR_OLDS, DUE_WITHIN_NINE_DAYS]);
    const plugins = [definePlugin({ name: 'checkups', version: '1.0.0', metadata: [metadata] })];
    host = await startTestEngine(kind, [], {}, { plugins, log: () => {} });
    ctx = host.engine.plugins.context('checkups');
    // Turns three on 1 April 2026; the check-up is due on 10 April.
    const created = await ctx
      .data(SYSTEM)
      .create('Child', { name: '札幌 花子', birthDate: '2023-04-01', checkupDue: '2026-04-10' });
    child = String(created.id);
  });
  afterEach(() => vi.useRealTimers());
  afterAll(() => host?.close());

  /** What the SQL interpreter says of the child for each rule, at the same (faked) time. */
  async function bySql(rules: SegmentRuleItem[]): Promise<boolean[]> {
    const answers: boolean[] = [];
    for (const each of rules) {
      const { text, params } = await ctx.segments.select('Child', each);
      answers.push((await ctx.sql.query<{ id: string }>(text, params)).rows.some((row) => row.id === child));
    }
    return answers;
  }

  it('answers an age and a relative date again when the day changes in Asia/Tokyo', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-31T23:30:00+09:00'));
    const rules = [THREE_YEAR_OLDS, DUE_WITHIN_NINE_DAYS];
    const matcher = await ctx.segments.matcher('Child', rules);
    expect(await matcher.matches(child)).toEqual([false, false]);
    expect(await bySql(rules)).toEqual([false, false]);

    // Still 31 March in UTC, already 1 April in the city: the same matcher answers for the new day.
    vi.setSystemTime(new Date('2026-04-01T00:30:00+09:00'));
    expect(await matcher.matches(child)).toEqual([true, true]);
    expect(await bySql(rules)).toEqual([true, true]);

    vi.setSystemTime(new Date('2026-04-11T09:00:00+09:00'));
    expect(await matcher.matches(child)).toEqual([true, false]);
    expect(await bySql(rules)).toEqual([true, false]);
  });

  it('follows a named rule that a newly published version of the app changes', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-06-01T12:00:00+09:00'));
    const matcher = await ctx.segments.matcher('Child', [{ segment: 'three-year-olds' }]);
    expect(await matcher.matches(child)).toEqual([true]);

    const olderThanTen = rule('three-year-olds', { fact: 'age', of: 'birthDate', op: 'gte', value: 10 });
    await host.engine.publish({ upserts: [olderThanTen], removals: [] });
    expect(await matcher.matches(child)).toEqual([false]);
    expect(await bySql([olderThanTen])).toEqual([false]);

    await host.engine.publish({ upserts: [THREE_YEAR_OLDS], removals: [] });
    expect(await matcher.matches(child)).toEqual([true]);
  });
});
