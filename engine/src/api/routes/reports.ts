import { type Context, Hono } from 'hono';
import type { Principal } from '../../access/index.ts';
import { KibanError } from '../../errors.ts';
import { type EntityMetadata, type MetadataItem, validateMetadata } from '../../metadata/index.ts';
import type { DashboardMetadata, ReportMetadata } from '../../metadata/types.ts';
import type { RecordScope } from '../../records/index.ts';
import { authorization } from '../../records/scope.ts';
import {
  bindReportParameters,
  exportTable,
  publishedReport,
  readWardMap,
  reportRecords,
  runPublishedReport,
  runReport,
  toCsv,
  toXlsx,
  withSavedConditions,
} from '../../reports/index.ts';
import type { ApiEnv } from '../env.ts';
import { auditDenials } from '../middleware/audit-denials.ts';
import { requireCapability } from '../middleware/require-capability.ts';
import { httpError, negotiateLang } from '../problem.ts';
import { readJsonObject } from '../request-body.ts';
import type { SettingsDeps } from './settings.ts';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Reports and dashboards. `GET /api/reports` lists the published reports the caller may run
 * (those over an entity they may read), `POST /:name/run` runs one with `{ parameters }`,
 * `GET /:name/export.csv|xlsx?<parameter>=…` writes it with its conditions, and
 * `POST /:name/records` with `{ parameters, keys }` lists the records behind one cell, and
 * `POST /preview` runs a report being edited (after the validation a publication would run;
 * `metadata.publish`). `GET /dashboards/:name` is a dashboard with the reports it lays out.
 * `GET /map` is the ward map the city set for map charts (404 `reports.noMap` without one).
 */
export function reportRoutes(settings?: SettingsDeps) {
  const routes = new Hono<ApiEnv>();
  routes.use('*', auditDenials());
  routes.get('/', (c) => {
    const scope = scopeOf(c);
    const items = scope.live.items.filter(
      (item): item is ReportMetadata => item.kind === 'report' && mayRun(scope, item),
    );
    return c.json({ items: items.map(summary) });
  });
  routes.get('/map', async (c) => {
    const map = settings ? await readWardMap(c.var.live.sql(), settings.key) : null;
    if (!map) {
      throw httpError(404, 'reports.noMap', {
        ja: '区の地図（GeoJSON）が設定されていません。',
        en: 'No ward map (GeoJSON) is set.',
      });
    }
    return c.json(map);
  });
  routes.post('/preview', requireCapability('metadata.publish'), async (c) => {
    const body = await readJsonObject(c);
    onlyKeys(body, ['report', 'parameters']);
    const report = validReport(c, body.report);
    return c.json(await runReport(scopeOf(c), report, body.parameters));
  });
  routes.get('/dashboards/:name', (c) => {
    const scope = scopeOf(c);
    const dashboard = scope.live.item('dashboard', c.req.param('name')) as DashboardMetadata | undefined;
    const allowed =
      dashboard && (!dashboard.roles || dashboard.roles.some((role) => scope.principal.roles.includes(role)));
    if (!dashboard || !allowed) {
      throw new KibanError('dashboard.notFound', 404, {
        ja: `ダッシュボード「${c.req.param('name')}」はありません。`,
        en: `There is no dashboard "${c.req.param('name')}".`,
      });
    }
    const reports = dashboard.reports.flatMap((entry) => {
      const report = scope.live.item('report', entry.report) as ReportMetadata | undefined;
      return report && mayRun(scope, report) ? [summary(report)] : [];
    });
    return c.json({ dashboard, reports });
  });
  routes.post('/:name/run', async (c) => {
    const body = await readJsonObject(c);
    onlyKeys(body, ['parameters']);
    return c.json(await runPublishedReport(scopeOf(c), c.req.param('name'), body.parameters));
  });
  routes.post('/:name/records', async (c) => {
    const body = await readJsonObject(c);
    onlyKeys(body, ['parameters', 'keys']);
    return c.json(await reportRecords(scopeOf(c), c.req.param('name'), body.parameters, body.keys));
  });
  routes.get('/:name/export.csv', async (c) => {
    const file = await exported(c);
    return c.body(toCsv(file.table), 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': disposition(file.name, 'csv'),
    });
  });
  routes.get('/:name/export.xlsx', async (c) => {
    const file = await exported(c);
    return c.body(new Uint8Array(await toXlsx(file.table)), 200, {
      'content-type': XLSX_TYPE,
      'content-disposition': disposition(file.name, 'xlsx'),
    });
  });
  return routes;
}

function scopeOf(c: Context<ApiEnv>): RecordScope {
  return { live: c.var.live, principal: c.var.principal as Principal };
}

/** Runs the report with the query string as its parameters and lays the result out for a file. */
async function exported(c: Context<ApiEnv>) {
  const scope = scopeOf(c);
  const report = publishedReport(scope, c.req.param('name') ?? '');
  const parameters = c.req.query();
  const result = await runReport(scope, report, parameters, { fromText: true });
  const entity = scope.live.entities.get(report.entity) as EntityMetadata;
  const { condition } = bindReportParameters(withSavedConditions(report, scope.live.items), parameters, true);
  const language = negotiateLang(c.req.header('accept-language'));
  return { name: report.name, table: exportTable(result, report, condition, entity, scope.live.entities, language) };
}

function disposition(name: string, extension: string): string {
  return `attachment; filename="${name}.${extension}"`;
}

function mayRun(scope: RecordScope, report: ReportMetadata): boolean {
  const entity = scope.live.entities.get(report.entity);
  return entity !== undefined && authorization(scope, entity, 'read').allowed;
}

/** What a portal needs to offer a report: its name, label, parameters, chart and columns. */
function summary(report: ReportMetadata) {
  const { name, label, description, entity, parameters, groupBy, measures, chart, minimumCellSize } = report;
  return { name, label, description, entity, parameters, groupBy, measures, chart, minimumCellSize };
}

function onlyKeys(body: Record<string, unknown>, allowed: string[]): void {
  const unknown = Object.keys(body).filter((key) => !allowed.includes(key));
  if (unknown.length === 0) return;
  throw new KibanError(
    'request.invalid',
    422,
    { ja: 'リクエスト本文に不明な項目があります。', en: 'The request body has unknown members.' },
    unknown.map((key) => ({
      pointer: `/${key}`,
      code: 'request.unknownProperty',
      message: { ja: `「${key}」は指定できません。`, en: `"${key}" is not allowed.` },
    })),
  );
}

/** A report being edited must pass the checks a publication would run against the published app. */
function validReport(c: Context<ApiEnv>, report: unknown): ReportMetadata {
  const live = c.var.live;
  const name = (report as { name?: unknown } | null)?.name;
  const others = live.items.filter((item) => !(item.kind === 'report' && item.name === name));
  const errors = validateMetadata([...others, report as MetadataItem], { fieldTypes: live.fieldTypes }).filter(
    (error) => error.kind === undefined || error.kind === 'report',
  );
  if (errors.length > 0 || (report as MetadataItem | null)?.kind !== 'report') {
    throw new KibanError(
      'report.invalid',
      422,
      { ja: 'レポートに誤りがあります。', en: 'The report has problems.' },
      errors.map(({ pointer, code, message }) => ({ pointer: `/report${pointer}`, code, message })),
    );
  }
  return report as ReportMetadata;
}
