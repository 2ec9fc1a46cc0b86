import type { Actor, DataApi, ListOptions } from '@kiban/sdk';
import { findPrincipalById, type Principal } from '../access/index.ts';
import { type Sql, sqlOf } from '../data/index.ts';
import { KibanError } from '../errors.ts';
import {
  countRecords,
  countRecordsBy,
  createRecord,
  createRecords,
  deleteRecord,
  denialAudit,
  getRecord,
  type ListQuery,
  listRecords,
  type RecordScope,
  updateRecord,
} from '../records/index.ts';
import type { LiveApp } from '../runtime/live-app.ts';
import { principalOf } from './actors.ts';
import { recordRefusal } from './refusal-audit.ts';
import { currentTransaction } from './transaction-context.ts';

/** What a plugin's data API stands on. */
export interface DataApiDeps {
  plugin: string;
  live(): LiveApp;
  systemPrincipal(): Principal;
}

/** Like the REST API's pages; a plugin that wants everything pages with `offset`. */
const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 200;

/**
 * The records service as `actor`, with the plugin named in the audit trail. Each call joins
 * the plugin transaction it runs in, or runs (and commits) on its own.
 */
export function createDataApi(deps: DataApiDeps, actor: Actor): DataApi {
  const call = <T>(request: DataCall, work: (scope: RecordScope) => Promise<T>) =>
    withScope(deps, actor, request, work);
  return {
    get: (entity, id, options = {}) =>
      call({ name: 'get', entity, id }, (scope) => {
        if (options.forUpdate && !scope.em) throw lockOutsideTransaction();
        return getRecord(scope, entity, id, { forUpdate: options.forUpdate });
      }),
    list: (entity, options = {}) =>
      call({ name: 'list', entity }, async (scope) => (await listRecords(scope, entity, listQuery(options))).items),
    count: (entity, filter = {}) => call({ name: 'count', entity }, (scope) => countRecords(scope, entity, filter)),
    countBy: (entity, field, filter = {}) =>
      call({ name: 'countBy', entity }, (scope) => countRecordsBy(scope, entity, field, filter)),
    create: (entity, data) => call({ name: 'create', entity }, (scope) => createRecord(scope, entity, data)),
    createMany: (entity, rows) => call({ name: 'createMany', entity }, (scope) => createRecords(scope, entity, rows)),
    update: (entity, id, patch, expectedVersion) =>
      call({ name: 'update', entity, id }, (scope) => updateRecord(scope, entity, id, patch, expectedVersion)),
    delete: (entity, id, expectedVersion) =>
      call({ name: 'delete', entity, id }, (scope) => deleteRecord(scope, entity, id, expectedVersion)),
  };
}

/** One call of the data API, named for the audit of refusals. */
interface DataCall {
  name: string;
  entity: string;
  id?: string;
}

async function withScope<T>(
  deps: DataApiDeps,
  actor: Actor,
  call: DataCall,
  work: (scope: RecordScope) => Promise<T>,
): Promise<T> {
  const plugin = { name: deps.plugin, system: actor.kind === 'system' };
  const transaction = currentTransaction();
  if (transaction) {
    const identity = { principal: await withStoredAttributes(sqlOf(transaction.em), actor, deps), plugin };
    try {
      return await work({ live: transaction.live, em: transaction.em, ...identity });
    } catch (error) {
      await auditRefusal(error, identity, call, transaction);
      throw error;
    }
  }
  const live = deps.live();
  const identity = { principal: await withStoredAttributes(live.sql(), actor, deps), plugin };
  const release = live.enter();
  try {
    return await work({ live, ...identity });
  } catch (error) {
    await auditRefusal(error, identity, call, { live });
    throw error;
  } finally {
    release();
  }
}

/**
 * The actor's principal with its department and attributes as stored, so that row policies on
 * `$principal.department` or `$principal.<attribute>` hold for a plugin acting for a member of
 * staff exactly as they do over REST (the actor carries only id, kind and roles).
 */
async function withStoredAttributes(sql: Sql, actor: Actor, deps: DataApiDeps): Promise<Principal> {
  const principal = principalOf(actor, deps.systemPrincipal);
  if (actor.kind !== 'principal') return principal;
  const stored = await findPrincipalById(sql, actor.id);
  if (!stored) return principal;
  return { ...principal, department: stored.department, attributes: stored.attributes };
}

/** Refusals of the data API go on the audit trail like the REST API's (`access.denied`, with the plugin and call named). */
async function auditRefusal(
  error: unknown,
  identity: { principal: Principal; plugin: { name: string } },
  call: DataCall,
  transaction: Parameters<typeof recordRefusal>[1],
): Promise<void> {
  const entry = denialAudit(error, {
    principal: identity.principal,
    entity: call.entity,
    id: call.id,
    method: `ctx.data.${call.name}`,
    plugin: identity.plugin.name,
  });
  if (entry) await recordRefusal(entry, transaction);
}

function listQuery(options: ListOptions): ListQuery {
  const limit = options.limit ?? DEFAULT_LIMIT;
  const offset = options.offset ?? 0;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT || !Number.isInteger(offset) || offset < 0) {
    throw new KibanError('query.invalid', 400, {
      ja: `limit は 1〜${MAX_LIMIT} の整数、offset は 0 以上の整数で指定してください。`,
      en: `limit must be a whole number from 1 to ${MAX_LIMIT}, and offset a whole number from 0.`,
    });
  }
  return { filter: options.filter ?? {}, sort: options.sort, limit, offset, fields: options.fields };
}

function lockOutsideTransaction() {
  return new KibanError('plugin.lockOutsideTransaction', 500, {
    ja: 'forUpdate の行ロックは ctx.transaction の中でだけ使えます。',
    en: 'A forUpdate row lock is only possible inside ctx.transaction.',
  });
}
