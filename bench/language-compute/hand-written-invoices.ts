import { randomUUID } from 'node:crypto';
import { type EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie } from 'hono/cookie';
import { secureHeaders } from 'hono/secure-headers';
import { type Principal, recordAudit, resolveSession } from '../../engine/src/access/index.ts';
import { SESSION_COOKIE } from '../../engine/src/api/middleware/authenticate.ts';
import { sqlOf } from '../../engine/src/data/index.ts';
import { appendEvents } from '../../engine/src/events/index.ts';

interface LineInput {
  description?: string;
  quantity: number;
  unitPrice: number | string;
}

const DECIMAL = /^-?\d{1,8}(?:\.\d{1,2})?$/;

/** Hand-written validation of an invoice with its lines; the problems, or none. */
function problems(body: Record<string, unknown>): string[] {
  const found: string[] = [];
  if (typeof body.title !== 'string' || body.title.length === 0 || body.title.length > 100) found.push('title');
  const lines = body.lines;
  if (!Array.isArray(lines) || lines.length < 1 || lines.length > 50) return [...found, 'lines'];
  lines.forEach((line: Partial<LineInput>, i) => {
    if (line.description !== undefined && (typeof line.description !== 'string' || line.description.length > 100))
      found.push(`lines/${i}/description`);
    if (!Number.isInteger(line.quantity) || (line.quantity as number) < 1 || (line.quantity as number) > 1000)
      found.push(`lines/${i}/quantity`);
    if (!DECIMAL.test(String(line.unitPrice))) found.push(`lines/${i}/unitPrice`);
  });
  return found;
}

/**
 * POST /invoices as a careful developer would hand-code it without the engine: the same
 * security headers and body limit as the hand-written app of the `api` benchmark, session
 * sign-in, a hard-coded role check, hand-written validation, the invoice and its lines in one
 * transaction (the lines in one multi-row insert), the total summed in SQL, audit rows and an
 * outbox event per stored record. The baseline the generated API with its computed total is
 * measured against.
 */
export async function startHandWrittenInvoices(databaseUrl: string) {
  const orm = await MikroORM.init({
    clientUrl: databaseUrl,
    entities: [],
    pool: { min: 0, max: 10 },
    discovery: { warnWhenNoEntities: false },
  });
  const app = new Hono<{ Variables: { em: EntityManager; principal: Principal } }>();
  app.use('*', secureHeaders());
  app.use('*', bodyLimit({ maxSize: 1024 * 1024, onError: (c) => c.json({ error: 'body too large' }, 413) }));
  app.use('*', async (c, next) => {
    const em = orm.em.fork();
    const token = getCookie(c, SESSION_COOKIE);
    const principal = token ? await resolveSession(sqlOf(em), token) : null;
    if (!principal) return c.json({ error: 'sign-in required' }, 401);
    if (principal.kind !== 'staff' || !principal.roles.includes('clerk')) return c.json({ error: 'forbidden' }, 403);
    c.set('em', em);
    c.set('principal', principal);
    await next();
  });
  app.post('/invoices', async (c) => {
    const body: unknown = await c.req.json().catch(() => undefined);
    if (body === null || typeof body !== 'object' || Array.isArray(body)) return c.json({ error: 'JSON object' }, 400);
    const found = problems(body as Record<string, unknown>);
    if (found.length > 0) return c.json({ error: 'invalid invoice', problems: found }, 422);
    const { title, lines } = body as { title: string; lines: LineInput[] };
    const principal = c.var.principal;
    const invoice = await c.var.em.transactional(async (em) => {
      const sql = sqlOf(em);
      const id = randomUUID();
      const lineIds = lines.map(() => randomUUID());
      await sql.run(
        `insert into app_invoice (id, version, owner_id, created_at, updated_at, title) values (?, 1, ?, now(), now(), ?)`,
        [id, principal.id, title],
      );
      await sql.run(
        `insert into app_invoice_line (id, version, owner_id, created_at, updated_at, invoice_id, description, quantity, unit_price)
         select l.id, 1, ?, now(), now(), ?, l.description, l.quantity, l.unit_price
         from unnest(array[?]::uuid[], array[?]::text[], array[?]::integer[], array[?]::numeric[]) as l(id, description, quantity, unit_price)`,
        [
          principal.id,
          id,
          lineIds,
          lines.map((line) => line.description ?? ''),
          lines.map((line) => line.quantity),
          lines.map((line) => String(line.unitPrice)),
        ],
      );
      const [stored] = await sql.query<{ total: string; created_at: string }>(
        `update app_invoice set total = (select coalesce(sum(quantity * unit_price), 0) from app_invoice_line where invoice_id = ?)
         where id = ? returning total::text, created_at::text`,
        [id, id],
      );
      await recordAudit(sql, {
        principal,
        action: 'create',
        entity: 'Invoice',
        recordIds: [id],
        fields: ['title', 'lines'],
      });
      await recordAudit(sql, {
        principal,
        action: 'create',
        entity: 'InvoiceLine',
        recordIds: lineIds,
        fields: ['description', 'quantity', 'unitPrice'],
      });
      await appendEvents(sql, [
        { type: 'record.created', payload: { entity: 'Invoice', id, version: 1 } },
        ...lineIds.map((lineId) => ({
          type: 'record.created',
          payload: { entity: 'InvoiceLine', id: lineId, version: 1 },
        })),
      ]);
      return { id, title, total: stored?.total, version: 1, owner: principal.id, createdAt: stored?.created_at };
    });
    c.header('Location', `/invoices/${invoice.id}`);
    return c.json(invoice, 201);
  });
  return { app, close: () => orm.close() };
}
