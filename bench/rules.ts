import pg from 'pg';
import type { ApiRecord } from '../engine/src/data/index.ts';
import { compileRuleToSql, prepareRuleEvaluator } from '../engine/src/rules/index.ts';
import { withBenchDatabase } from './lib/bench-database.ts';
import { benchResident, createResidentTable, fillResidents, seniorsSegment } from './rules/population.ts';

const RESIDENTS = 1_000_000;
const BATCH = 10_000;
const TARGET_RATIO = 100;
const TARGET_SQL_MS = 1500;

/**
 * One 5-condition segment over a million residents, decided twice: compiled to SQL (a count
 * and the ids), and by json-rules-engine one resident at a time over every row read through a
 * cursor. Prints both times, their ratio and whether the two id sets are identical.
 */
export async function run(): Promise<void> {
  const log = (line: string) => console.log(line);
  await withBenchDatabase(async (url) => {
    await createResidentTable(url);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      let started = performance.now();
      await fillResidents(client, RESIDENTS);
      log(`generated ${RESIDENTS.toLocaleString('en')} residents in ${seconds(performance.now() - started)}`);

      const now = new Date();
      const count = compileRuleToSql(seniorsSegment, benchResident, { now, select: 'count' });
      const ids = compileRuleToSql(seniorsSegment, benchResident, { now });
      started = performance.now();
      const [{ count: matched }] = (await client.query<{ count: number }>(count.text, count.values)).rows;
      const countMs = performance.now() - started;
      started = performance.now();
      const sqlIds = (await client.query<{ id: string }>(ids.text, ids.values)).rows.map((row) => row.id);
      const idsMs = performance.now() - started;
      log(`SQL: count ${seconds(countMs)}, ids ${seconds(idsMs)} → ${matched.toLocaleString('en')} residents`);

      const engine = await evaluateOneByOne(client, now, log);
      const sqlMs = countMs + idsMs;
      const ratio = engine.totalMs / sqlMs;
      const identical = sameIds(sqlIds, engine.ids) && matched === sqlIds.length;
      log('');
      log(
        `SQL (count + ids)          ${seconds(sqlMs).padStart(9)}   target ≤ ${seconds(TARGET_SQL_MS)}: ${verdict(sqlMs <= TARGET_SQL_MS)}`,
      );
      log(
        `json-rules-engine, 1 by 1  ${seconds(engine.totalMs).padStart(9)}   (${seconds(engine.evaluateMs)} evaluating, the rest reading rows)`,
      );
      log(
        `ratio                      ${`${ratio.toFixed(0)}×`.padStart(9)}   target ≥ ${TARGET_RATIO}×: ${verdict(ratio >= TARGET_RATIO)}`,
      );
      log(
        `result sets identical      ${String(identical).padStart(9)}   (${sqlIds.length} by SQL, ${engine.ids.length} by the engine)`,
      );
    } finally {
      await client.end();
    }
  });
}

/** Reads every resident through a cursor, as API records, and decides each with the engine. */
async function evaluateOneByOne(client: pg.Client, now: Date, log: (line: string) => void) {
  const evaluate = prepareRuleEvaluator(seniorsSegment, { now, entity: benchResident });
  // A server-side cursor: PostgreSQL hands the rows over a batch at a time.
  await client.query('begin');
  await client.query(
    `declare residents no scroll cursor for
       select id, birth_date::text as "birthDate", ward, has_car as "hasCar", income::text as income,
              household_size as "householdSize"
         from app_resident`,
  );
  const ids: string[] = [];
  let evaluateMs = 0;
  let seen = 0;
  const started = performance.now();
  for (;;) {
    const { rows } = await client.query<ApiRecord>(`fetch ${BATCH} from residents`);
    if (rows.length === 0) break;
    const batchStarted = performance.now();
    for (const row of rows) if (await evaluate(row)) ids.push(row.id as string);
    evaluateMs += performance.now() - batchStarted;
    seen += rows.length;
    if (seen % 200_000 === 0) log(`  engine: ${seen.toLocaleString('en')} residents decided…`);
  }
  await client.query('commit');
  return { ids, evaluateMs, totalMs: performance.now() - started };
}

function sameIds(sqlIds: string[], engineIds: string[]): boolean {
  if (sqlIds.length !== engineIds.length) return false;
  const sorted = [...engineIds].sort();
  return [...sqlIds].sort().every((id, i) => id === sorted[i]);
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(3)} s`;
}

function verdict(met: boolean): string {
  return met ? 'met' : 'MISSED';
}
