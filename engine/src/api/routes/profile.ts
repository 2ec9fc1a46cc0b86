import { Hono } from 'hono';
import { type Principal, type Profile, readProfile, recordAudit, writeProfile } from '../../access/index.ts';
import type { ApiEnv } from '../env.ts';
import { readJsonObject } from '../request-body.ts';
import { validateRequest } from '../request-schemas.ts';

/** `GET /api/profile` and `PUT /api/profile`: the signed-in person's own profile and preferences. */
export function profileRoutes() {
  const routes = new Hono<ApiEnv>();

  routes.get('/', async (c) => c.json(await readProfile(c.var.live.sql(), c.var.principal as Principal)));

  routes.put('/', async (c) => {
    const changes = validateRequest<Partial<Profile>>('profile', await readJsonObject(c));
    const principal = c.var.principal as Principal;
    const profile = await c.var.live.transaction(async (_em, sql) => {
      const next = { ...(await readProfile(sql, principal)), ...changes };
      await writeProfile(sql, principal.id, next);
      // Which parts changed, never their values: the profile is personal data.
      await recordAudit(sql, { principal, action: 'profile.update', fields: Object.keys(changes) });
      return next;
    });
    return c.json(profile);
  });

  return routes;
}
