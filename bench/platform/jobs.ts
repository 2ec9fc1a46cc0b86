import { MikroORM } from '@mikro-orm/postgresql';
import { inTransaction, type Sql } from '../../engine/src/data/index.ts';
import type { Transact } from '../../engine/src/events/index.ts';
import { ensureJobTables, type JobHandler, nextRunOf, runDueJobs } from '../../engine/src/jobs/index.ts';
import { withBenchDatabase } from '../lib/bench-database.ts';
import { formatTable } from '../lib/table.ts';

const JOBS = 20_000;
const TARGET_PER_SECOND = 2_000;
const BATCH_SIZES = [100, 500];

/**
 * One process draining a backlog of enqueued jobs on PostgreSQL: each job's handler writes one
 * effect row in the transaction that marks the job done (applied once). The baseline is the
 * least a queue can do on the same server: delete a batch with `skip locked` and write the
 * effects, no leases, retries or dead letters. See bench/README.md.
 */
export async function run(): Promise<void> {
  await withBenchDatabase(async (url) => {
    const orm = await MikroORM.init({
      entities: [],
      clientUrl: url,
      discovery: { warnWhenNoEntities: false },
      pool: { min: 1, max: 4 },
    });
    const transact: Transact = (work) => inTransaction(orm.em.fork(), (sql) => work(sql));
    try {
      await transact(async (sql) => {
        await ensureJobTables(sql);
        await sql.run('create table bench_effect (job_id uuid not null)');
        await sql.run('create table bench_queue (id bigint generated always as identity primary key, payload jsonb)');
      });
      const rows: string[][] = [];
      for (const batchSize of BATCH_SIZES) {
        const engine = await drainJobs(transact, batchSize);
        const baseline = await drainBaseline(transact, batchSize);
        rows.push([
          `batch ${batchSize}`,
          fmt(engine),
          fmt(baseline),
          `${(engine / baseline).toFixed(2)}×`,
          engine >= TARGET_PER_SECOND ? `met (≥ ${TARGET_PER_SECOND})` : `missed (≥ ${TARGET_PER_SECOND})`,
        ]);
      }
      console.log(`${JOBS.toLocaleString('en')} jobs per run, one process`);
      console.log(formatTable(['round', 'jobs/s', 'baseline/s', 'jobs/baseline', 'target'], rows));
    } finally {
      await orm.close();
    }
  });
}

async function drainJobs(transact: Transact, batchSize: number): Promise<number> {
  await transact(async (sql) => {
    await sql.run('truncate kiban_job, bench_effect');
    await sql.run(
      `insert into kiban_job (name, payload) select 'bench.work', jsonb_build_object('n', n) from generate_series(1, ?) n`,
      [JOBS],
    );
  });
  await analyze(transact, 'kiban_job');
  const handler: JobHandler = async (job, sql: Sql) => {
    await sql.run('insert into bench_effect (job_id) values (?::uuid)', [job.id]);
  };
  const started = performance.now();
  const summary = await runDueJobs({
    transact,
    handlers: new Map([['bench.work', handler]]),
    nextRun: (schedule, from) => nextRunOf(schedule, 'Asia/Tokyo', from),
    batchSize,
  });
  const seconds = (performance.now() - started) / 1000;
  await check(transact, summary.done, 'bench_effect');
  return summary.done / seconds;
}

async function drainBaseline(transact: Transact, batchSize: number): Promise<number> {
  await transact(async (sql) => {
    await sql.run('truncate bench_queue, bench_effect');
    await sql.run(`insert into bench_queue (payload) select jsonb_build_object('n', n) from generate_series(1, ?) n`, [
      JOBS,
    ]);
  });
  await analyze(transact, 'bench_queue');
  let done = 0;
  const started = performance.now();
  for (;;) {
    const taken = await transact(async (sql) => {
      const rows = await sql.query<{ id: string }>(
        `delete from bench_queue where id in (select id from bench_queue order by id limit ? for update skip locked)
         returning id::text as id`,
        [batchSize],
      );
      for (const _row of rows) await sql.run('insert into bench_effect (job_id) values (gen_random_uuid())');
      return rows.length;
    });
    if (taken === 0) break;
    done += taken;
  }
  const seconds = (performance.now() - started) / 1000;
  await check(transact, done, 'bench_effect');
  return done / seconds;
}

async function analyze(transact: Transact, table: string): Promise<void> {
  await transact((sql) => sql.run(`analyze ${table}`));
}

/** A run that lost or doubled a job is a failed benchmark, not a fast one. */
async function check(transact: Transact, done: number, table: string): Promise<void> {
  const [row] = await transact((sql) => sql.query<{ n: string }>(`select count(*)::text as n from ${table}`));
  if (done !== JOBS || Number(row.n) !== JOBS) {
    throw new Error(`expected ${JOBS} jobs applied once, got ${done} done and ${row.n} effects`);
  }
}

function fmt(perSecond: number): string {
  return Math.round(perSecond).toLocaleString('en');
}
