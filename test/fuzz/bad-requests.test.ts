import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '../../engine/src/testing/index.ts';
import { badAccountsAndWorkflows } from './bad-accounts.ts';
import { badMetadata } from './bad-metadata.ts';
import { badPackages } from './bad-packages.ts';
import { badListQueries } from './bad-queries.ts';
import { badRecordWrites, type FuzzRequest } from './bad-records.ts';
import { badRules } from './bad-rules.ts';
import { dataDigest, expectRefusal, type FuzzHost, startFuzzHost } from './fuzz-host.ts';

/**
 * Generated bad requests against a running engine with the library-card and inquiry apps:
 * every one must be answered with a 4xx problem (never a 5xx, never a success) and leave
 * every table as it was. About 1,100 requests per database kind and run.
 */
describe.each(testDatabaseKinds())('bad requests on %s', (kind) => {
  let fuzz: FuzzHost;

  beforeAll(async () => {
    fuzz = await startFuzzHost(kind);
  });
  afterAll(() => fuzz.host.close());

  const refusedWithoutChanges = async (requests: fc.Arbitrary<FuzzRequest>, numRuns: number) => {
    const before = await dataDigest(fuzz.host);
    await fc.assert(
      fc.asyncProperty(requests, async (request) => {
        expectRefusal(await fuzz.send(request), request);
      }),
      { numRuns },
    );
    await fuzz.host.engine.plugins.settled();
    expect(await dataDigest(fuzz.host)).toEqual(before);
  };

  it('refuses record writes with one bad value', () => refusedWithoutChanges(badRecordWrites(fuzz.ids), 300));
  it('refuses list queries with a bad parameter', () => refusedWithoutChanges(badListQueries(), 200));
  it('refuses rules with a bad comparison, previewed or published', () => refusedWithoutChanges(badRules(), 200));
  it('refuses bad metadata items, published or tried', () => refusedWithoutChanges(badMetadata(), 120));
  it('refuses archives that are not valid packages', () => refusedWithoutChanges(badPackages(fuzz.exported), 120));
  it('refuses bad accounts, profiles and workflow requests', () =>
    refusedWithoutChanges(badAccountsAndWorkflows(fuzz.ids), 160));
});
