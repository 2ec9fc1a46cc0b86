import type { PluginContext } from '@kiban/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reindexWhenAnalysisChanged } from '../src/analysis-upgrade.ts';
import { ANALYSIS_VERSION } from '../src/search/index.ts';
import { databaseKinds, startHost, type TestHost } from './support.ts';

/**
 * Passages are stored analysed: after an upgrade that changes the analysis, the old terms must
 * not stay behind. A start that finds passages of an older version queues one rewrite of them.
 */
describe.each(databaseKinds())('passages analysed by an older analyser on %s', (kind) => {
  let host: TestHost;
  let ctx: PluginContext;

  beforeAll(async () => {
    host = await startHost(kind);
    ctx = host.context('knowledge');
  }, 300_000);
  afterAll(() => host?.close());

  const storedVersion = async () =>
    (await ctx.sql.query<{ version: number }>('select version from analysis_state')).rows[0]?.version;
  const passageSeq = async (id: string) =>
    (await ctx.sql.query<{ seq: string }>('select seq::text from passage where source_id = $1', [id])).rows[0]?.seq;
  const pendingRewrites = async () => (await host.jobs('pending')).filter((job) => job.name.endsWith('reindexAll'));

  it('records the current version on a database without passages, and queues nothing', async () => {
    expect(await storedVersion()).toBe(ANALYSIS_VERSION);
    expect(await pendingRewrites()).toEqual([]);
    expect(await reindexWhenAnalysisChanged(ctx)).toBe(false);
  });

  it('rewrites every passage once when they were analysed by an older version', async () => {
    const faq = await host.data({ kind: 'system' }, 'knowledge').create('KnowledgeFaq', {
      externalId: 'upgrade-1',
      question: '粗大ごみの出し方は？',
      answer: '粗大ごみは事前に申し込みが必要です。',
      classification: 'public',
      status: 'published',
    });
    await host.settled();
    const before = await passageSeq(String(faq.id));
    expect(before).toBeDefined();
    await ctx.sql.query('update analysis_state set version = $1', [ANALYSIS_VERSION - 1]);

    expect(await reindexWhenAnalysisChanged(ctx)).toBe(true);
    // A second process starting during the same upgrade queues nothing more.
    expect(await reindexWhenAnalysisChanged(ctx)).toBe(false);
    expect(await pendingRewrites()).toHaveLength(1);

    expect((await host.runJobs()).dead).toBe(0);
    expect(Number(await passageSeq(String(faq.id)))).toBeGreaterThan(Number(before));
    expect(await storedVersion()).toBe(ANALYSIS_VERSION);
    expect(await reindexWhenAnalysisChanged(ctx)).toBe(false);
  });
});
