import { Hono } from 'hono';
import {
  getDraft,
  type ItemKey,
  listDrafts,
  listVersions,
  METADATA_KINDS,
  type MetadataItem,
  type MetadataKind,
  saveDraft,
  validateMetadata,
} from '../../metadata/index.ts';
import type { ApiDeps, ApiEnv } from '../env.ts';
import { etag, parseIfMatch } from '../if-match.ts';
import { requireCapability } from '../middleware/require-capability.ts';
import { httpError } from '../problem.ts';
import { readJsonObject } from '../request-body.ts';
import { validateRequest } from '../request-schemas.ts';

/**
 * The registry over HTTP: read what is published, keep drafts (guarded by revision so two
 * editors get a conflict instead of a silent overwrite), validate, plan and publish.
 */
export function metadataRoutes(deps: ApiDeps) {
  const routes = new Hono<ApiEnv>();
  routes.use('*', requireCapability('metadata.read'));

  routes.get('/', (c) => c.json({ generation: c.var.live.generation, items: c.var.live.items }));

  routes.get('/drafts', async (c) => c.json({ items: await listDrafts(c.var.live.sql()) }));

  routes.get('/drafts/:kind/:name', async (c) => {
    const draft = await getDraft(c.var.live.sql(), itemKey(c.req.param('kind'), c.req.param('name')));
    if (!draft) throw notFound();
    c.header('ETag', etag(draft.revision));
    return c.json(draft);
  });

  routes.put('/drafts/:kind/:name', requireCapability('metadata.publish'), async (c) => {
    const key = itemKey(c.req.param('kind'), c.req.param('name'));
    const body = validateRequest<MetadataItem>('draft', await readJsonObject(c));
    if (body.kind !== key.kind || body.name !== key.name) {
      throw httpError(422, 'draft.keyMismatch', {
        ja: '本文の kind と name が URL と一致しません。',
        en: 'The body kind and name do not match the URL.',
      });
    }
    const expectedRevision = parseIfMatch(c.req.header('if-match')) ?? 0;
    const saved = await saveDraft(c.var.live.sql(), body, {
      expectedRevision,
      updatedBy: c.var.principal?.id ?? null,
    });
    if (!saved) {
      throw httpError(412, 'draft.conflict', {
        ja: '他の人がこの下書きを先に保存しました。最新の内容を読み込んでからやり直してください。',
        en: 'Someone else saved this draft first. Reload it and apply your change again.',
      });
    }
    c.header('ETag', etag(saved.revision));
    const others = c.var.live.items.filter((i) => !sameKey(i, key));
    return c.json({ ...saved, errors: validateMetadata([...others, body], { fieldTypes: c.var.live.fieldTypes }) });
  });

  routes.get('/:kind/:name/versions', async (c) =>
    c.json({ items: await listVersions(c.var.live.sql(), itemKey(c.req.param('kind'), c.req.param('name'))) }),
  );

  routes.get('/:kind/:name', (c) => {
    const key = itemKey(c.req.param('kind'), c.req.param('name'));
    const item = c.var.live.item(key.kind, key.name);
    if (!item) throw notFound();
    return c.json(item);
  });

  routes.post('/publish', requireCapability('metadata.publish'), async (c) => {
    const body = validateRequest<{
      upserts?: MetadataItem[];
      removals?: ItemKey[];
      drafts?: boolean;
      confirmDestructive?: boolean;
      dryRun?: boolean;
    }>('publish', await readJsonObject(c));
    const drafts = body.drafts ? (await listDrafts(c.var.live.sql())).map((draft) => draft.item) : [];
    const outcome = await deps.publish(
      { upserts: [...drafts, ...(body.upserts ?? [])], removals: body.removals ?? [] },
      {
        confirmDestructive: body.confirmDestructive ?? false,
        dryRun: body.dryRun ?? false,
        principal: c.var.principal,
      },
    );
    const { items: _items, ...summary } = outcome;
    return c.json(summary);
  });

  return routes;
}

function itemKey(kind: string, name: string): ItemKey {
  if (!(METADATA_KINDS as readonly string[]).includes(kind)) throw notFound();
  return { kind: kind as MetadataKind, name };
}

function sameKey(a: ItemKey, b: ItemKey): boolean {
  return a.kind === b.kind && a.name === b.name;
}

function notFound() {
  return httpError(404, 'metadata.notFound', {
    ja: '指定されたメタデータは見つかりません。',
    en: 'The metadata item was not found.',
  });
}
