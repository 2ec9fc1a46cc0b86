import { randomUUID } from 'node:crypto';
import { type EntityManager, MikroORM, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie } from 'hono/cookie';
import { secureHeaders } from 'hono/secure-headers';
import { type Principal, recordAudit, resolveSession } from '../../engine/src/access/index.ts';
import { SESSION_COOKIE } from '../../engine/src/api/middleware/authenticate.ts';
import { sqlOf } from '../../engine/src/data/index.ts';
import { appendEvents } from '../../engine/src/events/index.ts';
import { type BranchRow, BranchSchema } from './hand-written-schema.ts';
import { type BranchInput, branchInputProblems } from './hand-written-validation.ts';

interface HandWrittenEnv {
  Variables: { em: EntityManager; principal: Principal };
}

export interface HandWrittenApi {
  app: Hono<HandWrittenEnv>;
  close(): Promise<void>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The Branch endpoints as a careful developer would hand-code them for the city, without
 * the engine: the same session sign-in, a hard-coded role check, hand-written validation,
 * a hand-mapped MikroORM entity, and the audit row the city requires of every write, in the
 * write's transaction. It is the baseline the generated API is measured against.
 */
export async function startHandWrittenApi(databaseUrl: string): Promise<HandWrittenApi> {
  // The same pool size as the engine's live generation, so neither side gets more connections.
  const orm = await MikroORM.init({
    clientUrl: databaseUrl,
    entities: [BranchSchema],
    pool: { min: 0, max: 10 },
    allowGlobalContext: false,
    debug: false,
  });
  const app = new Hono<HandWrittenEnv>();
  app.use('*', secureHeaders());
  app.use('*', bodyLimit({ maxSize: 1024 * 1024, onError: (c) => c.json({ error: 'body too large' }, 413) }));
  app.use('*', async (c, next) => {
    const em = orm.em.fork();
    const token = getCookie(c, SESSION_COOKIE);
    const principal = token ? await resolveSession(sqlOf(em), token) : null;
    if (!principal) return c.json({ error: 'sign-in required' }, 401);
    if (!isLibrarian(principal)) return c.json({ error: 'forbidden' }, 403);
    c.set('em', em);
    c.set('principal', principal);
    await next();
  });

  app.get('/branches/:id', async (c) => {
    const id = c.req.param('id');
    const row = UUID.test(id) ? await c.var.em.findOne(BranchSchema, { id }) : null;
    if (!row) return c.json({ error: 'not found' }, 404);
    c.header('ETag', `"${row.version}"`);
    return c.json(toJson(row));
  });

  app.get('/branches', async (c) => {
    const ward = c.req.query('ward');
    if (ward !== undefined && ward.length > 20) return c.json({ error: 'ward: at most 20 characters' }, 400);
    const rows = await c.var.em.find(BranchSchema, ward === undefined ? {} : { ward }, {
      orderBy: { id: 'asc' },
      limit: 20,
    });
    return c.json({ items: rows.map(toJson) });
  });

  app.post('/branches', async (c) => {
    if (!(c.req.header('content-type') ?? '').startsWith('application/json'))
      return c.json({ error: 'send application/json' }, 415);
    const body: unknown = await c.req.json().catch(() => undefined);
    if (body === null || typeof body !== 'object' || Array.isArray(body))
      return c.json({ error: 'the body must be a JSON object' }, 400);
    const problems = branchInputProblems(body as Record<string, unknown>);
    if (problems.length > 0) return c.json({ error: 'invalid branch', problems }, 422);
    const input = body as BranchInput;
    const principal = c.var.principal;
    try {
      const row = await c.var.em.transactional(async (em) => {
        const created = em.create(BranchSchema, {
          id: randomUUID(),
          owner: principal.id,
          name: input.name,
          code: input.code,
          ward: input.ward ?? null,
          openedOn: input.openedOn ?? null,
          seats: input.seats ?? null,
        } as BranchRow);
        await em.flush();
        await recordAudit(sqlOf(em), {
          principal,
          action: 'create',
          entity: 'Branch',
          recordIds: [created.id],
          fields: Object.keys(input),
        });
        // A city endpoint announces its writes for integrations, as every engine write does.
        await appendEvents(sqlOf(em), [
          { type: 'record.created', payload: { entity: 'Branch', id: created.id, version: created.version } },
        ]);
        return created;
      });
      c.header('Location', `/branches/${row.id}`);
      c.header('ETag', `"${row.version}"`);
      return c.json(toJson(row), 201);
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) return c.json({ error: 'code already taken' }, 409);
      throw error;
    }
  });

  return { app, close: () => orm.close() };
}

/** Hard-coded: the city's librarians (and administrators) manage branches. */
function isLibrarian(principal: Principal): boolean {
  return (
    principal.kind === 'staff' && (principal.roles.includes('librarian') || principal.roles.includes('kiban:admin'))
  );
}

function toJson(row: BranchRow) {
  return {
    id: row.id,
    name: row.name,
    code: row.code,
    ward: row.ward,
    openedOn: row.openedOn,
    seats: row.seats,
    owner: row.owner,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
