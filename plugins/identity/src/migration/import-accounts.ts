import { type Actor, type PluginContext, PluginError } from '@kiban/sdk';
import { accountDigest, parseAccounts, type RowProblem } from './accounts-csv.ts';

export interface ImportReport {
  dryRun: boolean;
  applied: boolean;
  counts: { create: number; unchanged: number; error: number };
  rows: { line: number; id: string; outcome: 'create' | 'unchanged' | 'error'; problems: RowProblem[] }[];
  fileProblems: RowProblem[];
}

/**
 * ID migration (#1): the dry run reports every row (create, unchanged, error) and changes
 * nothing; the import applies all rows in one transaction or, when any row has a problem, none.
 * A row imported before with the same values is unchanged; with other values it is an error
 * (the former system's export must not silently rewrite an account). Each imported account is a
 * resident without a password, to be completed by email verification or a linked sign-in method.
 */
export async function importAccounts(
  ctx: PluginContext,
  actor: Actor,
  csv: string,
  dryRun: boolean,
): Promise<ImportReport> {
  const { rows, fileProblems } = parseAccounts(csv);
  return ctx.transaction(actor, async () => {
    const { rows: existing } = await ctx.sql.query<{ legacy_id: string; digest: string }>(
      'select legacy_id, digest from migrated_account where legacy_id = any($1::text[])',
      [rows.map((row) => row.id)],
    );
    const digests = new Map(existing.map((row) => [row.legacy_id, row.digest]));
    const report: ImportReport = {
      dryRun,
      applied: false,
      counts: { create: 0, unchanged: 0, error: 0 },
      rows: [],
      fileProblems,
    };
    for (const row of rows) {
      const problems = [...row.problems];
      const previous = digests.get(row.id);
      if (row.account && previous !== undefined && previous !== accountDigest(row.account)) {
        problems.push({
          column: 'row',
          code: 'identity.migration.changed',
          message: {
            ja: 'この ID は別の内容で取り込み済みです。',
            en: 'This id was imported before with other values.',
          },
        });
      }
      const outcome = problems.length > 0 ? 'error' : previous !== undefined ? 'unchanged' : 'create';
      report.counts[outcome] += 1;
      report.rows.push({ line: row.line, id: row.id, outcome, problems });
    }
    if (dryRun) return report;
    if (report.counts.error > 0 || fileProblems.length > 0) {
      throw new PluginError(
        'identity.migration.refused',
        422,
        {
          ja: `取り込めない行が ${report.counts.error} 行あるため、何も取り込みませんでした。`,
          en: `${report.counts.error} row(s) cannot be imported, so nothing was imported.`,
        },
        [...fileProblems, ...report.rows.flatMap((each) => each.problems.map((p) => ({ ...p, line: each.line })))].map(
          (p) => ({ pointer: `/csv/${'line' in p ? p.line : 0}/${p.column}`, code: p.code, message: p.message }),
        ),
      );
    }
    for (const row of rows) {
      if (!row.account || digests.has(row.id)) continue;
      const { id } = await ctx.identity.ensurePrincipal({
        kind: 'resident',
        username: `legacy:${row.account.id}`,
        displayName: row.account.name,
      });
      await ctx.sql.query(
        `insert into migrated_account (legacy_id, principal_id, email, kana, verified, digest) values ($1, $2, $3, $4, $5, $6)`,
        [row.account.id, id, row.account.email, row.account.kana, row.account.verified, accountDigest(row.account)],
      );
    }
    await ctx.audit({ actor, action: 'identity.migration.imported', details: report.counts });
    return { ...report, applied: true };
  });
}
