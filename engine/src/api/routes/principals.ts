import { Hono } from 'hono';
import {
  createApiToken,
  createPrincipal,
  findPrincipalById,
  listApiTokens,
  listPrincipals,
  type Principal,
  type PrincipalKind,
  recordAudit,
  revokeApiToken,
  setAttributes,
  setRoles,
} from '../../access/index.ts';
import type { Sql } from '../../data/index.ts';
import { checkAssignableRoles } from '../../runtime/assignable-roles.ts';
import { checkAssignableAttributes } from '../../runtime/principal-attributes.ts';
import type { ApiEnv } from '../env.ts';
import { requireCapability } from '../middleware/require-capability.ts';
import { httpError } from '../problem.ts';
import { readJsonObject } from '../request-body.ts';
import { validateRequest } from '../request-schemas.ts';

/** Accounts and API tokens, for principals with `principals.manage`. */
export function principalRoutes() {
  const routes = new Hono<ApiEnv>();
  routes.use('*', requireCapability('principals.manage'));

  routes.get('/', async (c) => c.json({ items: await listPrincipals(c.var.live.sql()) }));

  routes.post('/', async (c) => {
    const body = validateRequest<{
      kind: PrincipalKind;
      username: string;
      displayName?: string;
      password?: string;
      roles: string[];
      department?: string;
      attributes?: Record<string, string>;
    }>('createPrincipal', await readJsonObject(c));
    checkAssignableRoles(c.var.live, body.roles, body.kind);
    checkAssignableAttributes(c.var.live, body.attributes ?? {}, body.kind);
    const principal = await c.var.live.transaction(async (_em, sql) => {
      const created = await createPrincipal(sql, body);
      await audit(sql, c.var.principal, 'principal.create', { principalId: created.id, roles: created.roles });
      return created;
    });
    return c.json(principal, 201);
  });

  routes.put('/:id/roles', async (c) => {
    const body = validateRequest<{ roles: string[] }>('setRoles', await readJsonObject(c));
    const principal = await c.var.live.transaction(async (_em, sql) => {
      const existing = await findPrincipalById(sql, c.req.param('id'));
      if (!existing) throw notFound();
      checkAssignableRoles(c.var.live, body.roles, existing.kind);
      const updated = await setRoles(sql, existing.id, body.roles);
      await audit(sql, c.var.principal, 'principal.roles', { principalId: existing.id, roles: body.roles });
      return updated;
    });
    return c.json(principal);
  });

  routes.put('/:id/attributes', async (c) => {
    const body = validateRequest<{ attributes: Record<string, string> }>('setAttributes', await readJsonObject(c));
    const principal = await c.var.live.transaction(async (_em, sql) => {
      const existing = await findPrincipalById(sql, c.req.param('id'));
      if (!existing) throw notFound();
      checkAssignableAttributes(c.var.live, body.attributes, existing.kind);
      const updated = await setAttributes(sql, existing.id, body.attributes);
      await audit(sql, c.var.principal, 'principal.attributes', {
        principalId: existing.id,
        attributes: Object.keys(body.attributes),
      });
      return updated;
    });
    return c.json(principal);
  });

  routes.get('/:id/tokens', async (c) => c.json({ items: await listApiTokens(c.var.live.sql(), c.req.param('id')) }));

  routes.post('/:id/tokens', async (c) => {
    const body = validateRequest<{ name: string; expiresAt?: string }>('createToken', await readJsonObject(c));
    const expiresAt = body.expiresAt ? new Date(body.expiresAt) : undefined;
    const created = await c.var.live.transaction(async (_em, sql) => {
      const token = await createApiToken(sql, c.req.param('id'), body.name, { expiresAt });
      await audit(sql, c.var.principal, 'token.create', { principalId: c.req.param('id'), tokenId: token.id });
      return token;
    });
    return c.json(created, 201);
  });

  routes.delete('/:id/tokens/:tokenId', async (c) => {
    const { id, tokenId } = c.req.param();
    await c.var.live.transaction(async (_em, sql) => {
      // Only a live token of the principal in the URL: another principal's token id is not found here.
      const owned = (await listApiTokens(sql, id)).some((token) => token.id === tokenId && token.revokedAt === null);
      if (!owned || !(await revokeApiToken(sql, tokenId))) throw tokenNotFound();
      await audit(sql, c.var.principal, 'token.revoke', { principalId: id, tokenId });
    });
    return c.body(null, 204);
  });

  return routes;
}

function audit(sql: Sql, principal: Principal | null, action: string, detail: Record<string, unknown>) {
  return recordAudit(sql, { principal, action, detail });
}

function notFound() {
  return httpError(404, 'principal.notFound', {
    ja: '指定された利用者は見つかりません。',
    en: 'The principal was not found.',
  });
}

function tokenNotFound() {
  return httpError(404, 'token.notFound', {
    ja: '指定された API トークンは見つからないか、すでに無効です。',
    en: 'The API token was not found or is already revoked.',
  });
}
