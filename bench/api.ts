import { measureBigTablePublish } from './api/big-table-publish.ts';
import { deleteBranchesOwnedBy } from './api/branch-data.ts';
import { type Comparison, compareEndpoint } from './api/compare.ts';
import { branchEndpoints } from './api/endpoints.ts';
import { type ApiFixture, startApiFixture } from './api/fixture.ts';
import { startHandWrittenApi } from './api/hand-written-app.ts';
import { formatBigTablePublish, formatComparisons } from './api/report.ts';
import { formatRowsRead, measureRowsRead, type RowsReadResult } from './api/rows-read.ts';
import { withBenchDatabase } from './lib/bench-database.ts';
import { listenOnLoopback } from './lib/server.ts';

const SEEDED_BRANCHES = 10_000;
const CONCURRENCY = 8;
const ROUNDS = 5;
const REQUESTS_PER_ROUND = { get: 3000, list: 1500, create: 1500 };
const BIG_TABLE_ROWS = 1_000_000;

/**
 * The generated REST API against a hand-written Hono + MikroORM API doing the same work on
 * the same table, over real HTTP on loopback; then the time to publish a new field on a
 * table of a million rows. See bench/README.md for how to read the output.
 */
export async function run(): Promise<void> {
  const log = (line: string) => console.log(line);
  await withBenchDatabase(async (url) => {
    const fixture = await startApiFixture(url, SEEDED_BRANCHES);
    try {
      log(`published library-card, seeded ${SEEDED_BRANCHES} branches`);
      const { comparisons, rowsRead } = await compareApis(url, fixture, log);
      log('filling the big table and publishing a new field…');
      const publish = await measureBigTablePublish(fixture.engine, BIG_TABLE_ROWS);
      log('');
      log(formatComparisons(comparisons, CONCURRENCY));
      log('');
      log(formatRowsRead(rowsRead));
      log('');
      log(formatBigTablePublish(publish));
    } finally {
      await fixture.close();
    }
  });
}

async function compareApis(
  databaseUrl: string,
  fixture: ApiFixture,
  log: (line: string) => void,
): Promise<{ comparisons: Comparison[]; rowsRead: RowsReadResult[] }> {
  const handWritten = await startHandWrittenApi(databaseUrl);
  const generatedServer = await listenOnLoopback(fixture.engine.app.fetch);
  const handWrittenServer = await listenOnLoopback(handWritten.app.fetch);
  try {
    const endpoints = branchEndpoints(
      {
        generatedOrigin: generatedServer.origin,
        handWrittenOrigin: handWrittenServer.origin,
        cookie: fixture.cookie,
        branchIds: fixture.branchIds,
        seededBranches: SEEDED_BRANCHES,
        removeCreated: () => deleteBranchesOwnedBy(fixture.engine.live().sql(), fixture.principalId),
      },
      REQUESTS_PER_ROUND,
    );
    const comparisons: Comparison[] = [];
    for (const endpoint of endpoints) {
      comparisons.push(await compareEndpoint(endpoint, { rounds: ROUNDS, concurrency: CONCURRENCY, log }));
    }
    log('counting rows read per request…');
    const rowsRead = await measureRowsRead(fixture.engine.live().sql(), endpoints, CONCURRENCY);
    return { comparisons, rowsRead };
  } finally {
    await generatedServer.close();
    await handWrittenServer.close();
    await handWritten.close();
  }
}
