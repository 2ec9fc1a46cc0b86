import type { Actor, DataApi, ListOptions } from '@kiban/sdk';
import { findPrincipalById, type Principal } from '../access/index.ts';
import { type Sql, sqlOf } from '../data/index.ts';
import { KibanError } from '../errors.ts';
import {
  countRecords,
  createRecord,
  deleteRecord,
  getRecord,
  type ListQuery,
  listRecords,
  type RecordScope,
  updateRecord,
} from '../records/index.ts';
import type { LiveApp } from '../runtime/live-app.ts';
import { principalOf } from './actors.ts';
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
  const call = <T>(work: (scope: RecordScope) => Promise<T>) => withScope(deps, actor, work);
  return {
    get: (entity, id, options = {}) =>
      call((scope) => {
        if (options.forUpdate && !scope.em) throw lockOutsideTransaction();
        return getRecord(scope, entity, id, { forUpdate: options.forUpdate });
      }),
    list: (entity, options = {}) => call(async (scope) => (await listRecords(scope, entity, listQuery(options))).items),
    count: (entity, filter = {}) => call((scope) => countRecords(scope, entity, filter)),
    create: (entity, data) => call((scope) => createRecord(scope, entity, data)),
    update: (entity, id, patch, expectedVersion) =>
      call((scope) => updateRecord(scope, entity, id, patch, expectedVersion)),
    delete: (entity, id, expectedVersion) => call((scope) => deleteRecord(scope, entity, id, expectedVersion)),
  };
}

async function withScope<T>(deps: DataApiDeps, actor: Actor, work: (scope: RecordScope) => Promise<T>): Promise<T> {
  const plugin = { name: deps.plugin, system: actor.kind === 'system' };
  const transaction = currentTransaction();
  if (transaction) {
    const principal = await withStoredAttributes(sqlOf(transaction.em), actor, deps);
    return work({ live: transaction.live, em: transaction.em, principal, plugin });
  }
  const live = deps.live();
  const release = live.enter();
  try {
    const principal = await withStoredAttributes(live.sql(), actor, deps);
    return await work({ live, principal, plugin });
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
