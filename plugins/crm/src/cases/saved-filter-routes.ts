import type { Hono, PluginContext, PluginHttpEnv } from '@kiban/sdk';
import { crmError } from '../errors.ts';
import {
  createSavedFilter,
  deleteSavedFilter,
  type SavedFilterInput,
  savedFilters,
  updateSavedFilter,
} from './saved-filters.ts';

/**
 * The staff's named case filters, kept on the server per member of staff:
 * `GET /cases/filters` (one's own and those shared with one's department), `POST /cases/filters
 * {name, query, shared?}`, `PATCH /cases/filters/:id {name?, shared?}` and `DELETE
 * /cases/filters/:id` (the owner only; another's is 404).
 */
export function savedFilterRoutes(app: Hono<PluginHttpEnv>, ctx: PluginContext): void {
  app.get('/cases/filters', async (c) => c.json({ items: await savedFilters(ctx, c.get('actor')) }));
  app.post('/cases/filters', async (c) =>
    c.json(await createSavedFilter(ctx, c.get('actor'), await bodyOf(c.req.json())), 201),
  );
  app.patch('/cases/filters/:id', async (c) =>
    c.json(await updateSavedFilter(ctx, c.get('actor'), c.req.param('id'), await bodyOf(c.req.json()))),
  );
  app.delete('/cases/filters/:id', async (c) => {
    await deleteSavedFilter(ctx, c.get('actor'), c.req.param('id'));
    return c.body(null, 204);
  });
}

async function bodyOf(json: Promise<unknown>): Promise<SavedFilterInput> {
  const body: unknown = await json.catch(() => undefined);
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw crmError('filters.badBody', 400, '本文は JSON のオブジェクトです。', 'The body is a JSON object.');
  }
  const unknown = Object.keys(body).filter((key) => !['name', 'query', 'shared'].includes(key));
  if (unknown.length > 0) {
    throw crmError('filters.badBody', 400, '不明な項目があります。', `Unknown fields: ${unknown.join(', ')}.`);
  }
  return body as SavedFilterInput;
}
