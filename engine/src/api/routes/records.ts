import { Hono } from 'hono';
import type { Principal } from '../../access/index.ts';
import {
  createRecord,
  deleteRecord,
  getRecord,
  listRecords,
  listRelated,
  type RecordScope,
  updateRecord,
} from '../../records/index.ts';
import type { ApiDeps, ApiEnv } from '../env.ts';
import { requireFormAssurance } from '../form-assurance.ts';
import { etag, parseIfMatch } from '../if-match.ts';
import { parseListQuery } from '../list-query.ts';
import { auditDenials } from '../middleware/audit-denials.ts';
import { onBehalfOf } from '../middleware/on-behalf-of.ts';
import { httpError } from '../problem.ts';
import { readJsonObject } from '../request-body.ts';

/** The generated REST API: one set of routes interprets every published entity. */
export function recordRoutes(delegation?: ApiDeps['delegation']) {
  const routes = new Hono<ApiEnv>();
  // The path is /api/data/:entity/:id…
  routes.use(
    '*',
    auditDenials((path) => ({ entity: path[2], id: path[3] })),
  );
  routes.use('*', onBehalfOf(delegation));
  // Acting for someone: their policies decide, and the audit names who acted (`delegate`).
  const scopeOf = (c: { var: ApiEnv['Variables'] }): RecordScope => {
    const principal = c.var.principal as Principal;
    const delegated = c.var.onBehalfOf;
    return delegated
      ? { live: c.var.live, principal: delegated.subject, delegate: { actor: principal, plugin: delegated.plugin } }
      : { live: c.var.live, principal };
  };

  routes.get('/:entity', async (c) => {
    const page = await listRecords(scopeOf(c), c.req.param('entity'), parseListQuery(new URL(c.req.url)));
    return c.json(page);
  });

  routes.post('/:entity', async (c) => {
    const entity = c.req.param('entity');
    requireFormAssurance(c.var.live, c.var.principal as Principal, entity);
    const record = await createRecord(scopeOf(c), entity, await readJsonObject(c));
    c.header('ETag', etag(record.version));
    c.header('Location', `/api/data/${entity}/${record.id}`);
    return c.json(record, 201);
  });

  routes.get('/:entity/:id', async (c) => {
    const record = await getRecord(scopeOf(c), c.req.param('entity'), c.req.param('id'));
    c.header('ETag', etag(record.version));
    if (c.req.header('if-none-match') === etag(record.version)) return c.body(null, 304);
    return c.json(record);
  });

  routes.get('/:entity/:id/:collection', async (c) => {
    const { entity, id, collection } = c.req.param();
    return c.json(await listRelated(scopeOf(c), entity, id, collection, parseListQuery(new URL(c.req.url))));
  });

  routes.patch('/:entity/:id', async (c) => {
    const expected = parseIfMatch(c.req.header('if-match'));
    if (expected === undefined) {
      throw httpError(428, 'record.ifMatchRequired', {
        ja: '更新には If-Match ヘッダー（取得時の ETag）が必要です。',
        en: 'An update needs the If-Match header (the ETag you read).',
      });
    }
    const patch = await readJsonObject(c);
    const record = await updateRecord(scopeOf(c), c.req.param('entity'), c.req.param('id'), patch, expected);
    c.header('ETag', etag(record.version));
    return c.json(record);
  });

  routes.delete('/:entity/:id', async (c) => {
    await deleteRecord(scopeOf(c), c.req.param('entity'), c.req.param('id'), parseIfMatch(c.req.header('if-match')));
    return c.body(null, 204);
  });

  return routes;
}
