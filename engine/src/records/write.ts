import { type EntityManager, OptimisticLockError } from '@mikro-orm/postgresql';
import { type AuditInput, checkWritable, recordAudit } from '../access/index.ts';
import { runAppends } from '../data/appends.ts';
import { type ApiRecord, findUnstorableJson, insertRows, sqlOf } from '../data/index.ts';
import { KibanError } from '../errors.ts';
import { compileRecordValidator, normalizeRecordInput, type RecordMode } from '../metadata/index.ts';
import { parentLinks, recomputeAfterWrite, recomputesItself, refuseComputedInput } from './computed.ts';
import { isNativeDatabaseError, translateDatabaseError } from './database-errors.ts';
import { denialOf, markDenial, notFoundUnderPolicy } from './denials.ts';
import { fieldsNotAllowed, recordNotFound, underPointer, versionConflict } from './errors.ts';
import { checkLineItemCounts } from './line-item-counts.ts';
import { splitLineItems, writeLineItems } from './line-items.ts';
import { selectProperties } from './read.ts';
import { allReferencesReadable, checkReferences } from './references.ts';
import { checkRowWritable } from './row-checks.ts';
import {
  type Authorized,
  auditDetail,
  auditPrincipal,
  authorization,
  authorize,
  inScopeTransaction,
  type RecordChange,
  type RecordScope,
  reportChange,
  rowPolicyFilter,
  stagedWrites,
  toApiRecord,
} from './scope.ts';
import { checkValidations } from './validations.ts';
import { workflowStateInput } from './workflow-state.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Validates the input with the entity's JSON Schema, refuses fields the principal may not
 * write, stores the record owned by the principal and audits the write in the same
 * transaction, with whatever the live app's write listeners add (the outbox event). The stored
 * record must satisfy the create permission's row condition.
 *
 * The row never enters the unit of work: in a long plugin transaction — an import of
 * thousands of rows — every flush would otherwise compare every row written before it, which
 * made such an import quadratic.
 */
export async function createRecord(scope: RecordScope, entityName: string, input: Record<string, unknown>) {
  const authorized = authorize(scope, entityName, 'create');
  const { fields: given, owner } = splitOwner(scope, normalizeRecordInput(authorized.entity, input));
  refuseComputedInput(authorized.entity, given);
  const fields = { ...given, ...workflowStateInput(scope, entityName, given, 'create') };
  checkInput(authorized, fields, 'create', given);
  const { fields: values, lineItems } = splitLineItems(authorized.entity, fields);
  const readable = readableProperties(scope, authorized);
  const written = await writing(scope, authorized, async () =>
    inScopeTransaction(scope, async (em) => {
      await checkReferences(em, scope, authorized.entity, given);
      // One statement past the unit of work (nothing reads the row back through it); the row
      // comes back with its defaults, so the checks below see them. A refusal rolls it back.
      const [row] = await insertRows(
        sqlOf(em),
        authorized.entity,
        [values],
        owner === undefined ? scope.principal.id : owner,
      );
      await checkRowWritable(em, scope, authorized, row, { locks: true });
      await checkLineItemCounts(em, scope, authorized.entity, [row]);
      const id = String(row.id);
      const lines = await writeLineItems(scope, em, { entity: authorized.entity, id }, lineItems, 'create');
      const write = { action: 'created', entity: entityName, id, version: Number(row.version) } as const;
      // The lines' audit rows and events go with the parent's, all with its recompute.
      const audits = [...lines.audits, auditEntry(scope, entityName, 'create', id, Object.keys(input))];
      const staged = stagedWrites(scope, [...lines.writes, write], audits);
      const computed = await recompute(em, scope, entityName, row, { self: true }, staged.work.appends);
      // Validations read the stored computed values (a total), which the row object does not hold.
      await checkValidations(em, scope.live, authorized.entity, { ...row, ...computed }, 'all');
      await staged.work.after(em);
      return { change: staged.changes[staged.changes.length - 1], record: answer(row, computed, readable) };
    }),
  );
  reportChange(scope, written.change);
  return written.record;
}

/** What a new parent's line items leave for the parent to write with its own audit row and event. */
export interface PendingWrites {
  audits: AuditInput[];
  writes: Omit<RecordChange, 'principal' | 'plugin'>[];
}

/**
 * The line items of a new parent, in its transaction: each row refused and validated like a
 * create (errors under `at(i)`), all inserted in one statement. Their audit row (one for all) and
 * writes (one event each) are handed back to the parent, which writes them with its own after
 * recomputing its computed fields.
 */
export async function createLineItemRecords(
  scope: RecordScope & { em: EntityManager },
  entityName: string,
  rows: readonly Record<string, unknown>[],
  at: (index: number) => string,
): Promise<PendingWrites> {
  if (rows.length === 0) return { audits: [], writes: [] };
  const authorized = authorize(scope, entityName, 'create');
  const inputs = rows.map((given, index) => {
    try {
      refuseComputedInput(authorized.entity, given);
      const fields = { ...given, ...workflowStateInput(scope, entityName, given, 'create') };
      checkInput(authorized, fields, 'create', given);
      return fields;
    } catch (error) {
      throw error instanceof KibanError ? underPointer(error, at(index)) : error;
    }
  });
  const { em } = scope;
  return writing(scope, authorized, async () => {
    // Row by row only when some reference is refused, so that the first such row answers.
    if (!(await allReferencesReadable(em, scope, authorized.entity, inputs))) {
      for (const [index, fields] of inputs.entries()) {
        await checkReferences(em, scope, authorized.entity, fields).catch((error) => {
          if (!(error instanceof KibanError)) throw error;
          // Moved under the row's pointer, still marked for the audit of refusals.
          const moved = underPointer(error, at(index));
          const denial = denialOf(error);
          throw denial ? markDenial(moved, denial) : moved;
        });
      }
    }
    // One statement for all rows, past the unit of work: nothing reads them back through it.
    const created = await insertRows(sqlOf(em), authorized.entity, inputs, scope.principal.id);
    for (const row of created) await checkRowWritable(em, scope, authorized, row, { locks: true });
    const ids = created.map((row) => String(row.id));
    const stored = await recomputeAfterWrite(em, scope.live.entities, entityName, ids, {
      self: true,
      skipParent: scope.lineItemParent,
    });
    for (const row of created) {
      await checkValidations(em, scope.live, authorized.entity, { ...row, ...stored.get(String(row.id)) }, 'all');
    }
    const fields = [...new Set(rows.flatMap((row) => Object.keys(row)))];
    return {
      audits: [{ ...auditEntry(scope, entityName, 'create', ids[0], fields), recordIds: ids }],
      writes: created.map((row) => ({
        action: 'created' as const,
        entity: entityName,
        id: String(row.id),
        version: Number(row.version),
      })),
    };
  });
}

/**
 * A partial update that applies only to the version the caller read (412 otherwise); the
 * record must satisfy the update permission's row condition before and after.
 */
export async function updateRecord(
  scope: RecordScope,
  entityName: string,
  id: string,
  patch: Record<string, unknown>,
  expectedVersion?: number,
) {
  const authorized = authorize(scope, entityName, 'update');
  const { fields: given, owner } = splitOwner(scope, normalizeRecordInput(authorized.entity, patch));
  refuseComputedInput(authorized.entity, given);
  workflowStateInput(scope, entityName, given, 'update');
  checkInput(authorized, given, 'update');
  const { fields, lineItems } = splitLineItems(authorized.entity, given);
  const readable = readableProperties(scope, authorized);
  const written = await writing(scope, authorized, async () =>
    inScopeTransaction(scope, async (em) => {
      const row = await findForWrite(em, scope, authorized, id, expectedVersion);
      await checkReferences(em, scope, authorized.entity, fields, row);
      await checkRowWritable(em, scope, authorized, row, { locks: true });
      const previousParents = parentLinks(scope.live.entities, entityName, row);
      const before = { ...row };
      em.assign(row, owner === undefined ? fields : { ...fields, owner });
      // Locks are decided on the record as it was, so a write may still set what locks it;
      // moving the record under another parent is decided on where it goes as well.
      await checkRowWritable(em, scope, authorized, row, { locks: movesReference(authorized, fields) });
      await checkValidations(em, scope.live, authorized.entity, row, new Set(Object.keys(fields)));
      await em.flush();
      if (movesReference(authorized, fields)) await checkLineItemCounts(em, scope, authorized.entity, [before, row]);
      await writeLineItems(scope, em, { entity: authorized.entity, id }, lineItems, 'update');
      const write = { action: 'updated', entity: entityName, id, version: Number(row.version) } as const;
      const staged = stagedWrites(scope, [write], [auditEntry(scope, entityName, 'update', id, Object.keys(patch))]);
      const computed = await recompute(
        em,
        scope,
        entityName,
        row,
        { self: true, previousParents },
        staged.work.appends,
      );
      await staged.work.after(em);
      em.getUnitOfWork().unsetIdentity(row);
      return { change: staged.changes[0], row, computed };
    }),
  );
  reportChange(scope, written.change);
  return answer(written.row, written.computed, readable);
}

/** Deletes a record the delete permission's row condition covers; with a version, only that version. */
export async function deleteRecord(scope: RecordScope, entityName: string, id: string, expectedVersion?: number) {
  const authorized = authorize(scope, entityName, 'delete');
  const change = await writing(scope, authorized, async () =>
    inScopeTransaction(scope, async (em) => {
      const row = await findForWrite(em, scope, authorized, id, expectedVersion);
      await checkRowWritable(em, scope, authorized, row, { locks: true });
      const previousParents = parentLinks(scope.live.entities, entityName, row);
      const deleted = await em.nativeDelete(authorized.schema, { id, version: row.version });
      if (deleted === 0) throw versionConflict(entityName, Number(row.version));
      await checkLineItemCounts(em, scope, authorized.entity, [row]);
      const write = { action: 'deleted', entity: entityName, id, version: null } as const;
      const staged = stagedWrites(scope, [write], [auditEntry(scope, entityName, 'delete', id, [])]);
      await recompute(em, scope, entityName, row, { self: false, previousParents }, staged.work.appends);
      await staged.work.after(em);
      return staged.changes[0];
    }),
  );
  reportChange(scope, change);
}

/**
 * Stores the computed fields the write changes, in its transaction, and sends the write's
 * appends (audit entries, events) with the record's own recompute statement, or alone when it
 * has none; answers the record's own stored values.
 */
async function recompute(
  em: EntityManager,
  scope: RecordScope,
  entityName: string,
  row: ApiRecord,
  options: { self: boolean; previousParents?: ReturnType<typeof parentLinks> },
  appends: readonly string[],
): Promise<Record<string, unknown>> {
  const id = String(row.id);
  const carried = options.self && recomputesItself(scope.live.entities, entityName);
  if (!carried) await runAppends(sqlOf(em), appends);
  const stored = await recomputeAfterWrite(em, scope.live.entities, entityName, [id], {
    ...options,
    skipParent: scope.lineItemParent,
    ...(carried ? { carry: appends } : {}),
  });
  return stored.get(id) ?? {};
}

/** The API view of a written row with its freshly stored computed values, as far as the reader may see them. */
function answer(row: ApiRecord, computed: Record<string, unknown>, readable: readonly string[]): ApiRecord {
  const record = toApiRecord(row, readable);
  for (const [name, value] of Object.entries(computed)) if (name in record) record[name] = value;
  return record;
}

export async function findForWrite(
  em: EntityManager,
  scope: RecordScope,
  authorized: Authorized,
  id: string,
  expectedVersion: number | undefined,
): Promise<ApiRecord> {
  const name = authorized.entity.name;
  if (!UUID.test(id)) throw recordNotFound(name);
  const row = (await em.findOne(authorized.schema, {
    $and: [{ id }, rowPolicyFilter(scope, authorized)],
  })) as ApiRecord | null;
  if (!row) throw await notFoundUnderPolicy(em, authorized, id, recordNotFound(name));
  if (expectedVersion !== undefined && row.version !== expectedVersion)
    throw versionConflict(name, Number(row.version));
  return row;
}

/** Whether an update changes a reference field (a record's parent). */
function movesReference({ entity }: Authorized, fields: Record<string, unknown>): boolean {
  return entity.fields.some((field) => field.type === 'reference' && field.name in fields);
}

/** Validates the whole input; access is checked on what the caller gave (not on what the engine adds). */
function checkInput(
  { entity, auth }: Authorized,
  input: Record<string, unknown>,
  mode: RecordMode,
  given: Record<string, unknown> = input,
): void {
  // The REST body was checked on arrival; plugins' and workflows' values come this way only.
  const unstorable = findUnstorableJson(input);
  const problems = unstorable ? [unstorable] : compileRecordValidator(entity, mode)(input);
  if (problems.length > 0) {
    throw new KibanError(
      'record.invalid',
      422,
      { ja: '入力内容に誤りがあります。', en: 'The record has invalid values.' },
      problems,
    );
  }
  const refused = checkWritable(given, auth);
  const labelOf = (name: string) => entity.fields.find((field) => field.name === name)?.label;
  if (refused.length > 0) throw fieldsNotAllowed('access.fieldReadOnly', refused, '', labelOf);
}

/**
 * A plugin's system actor or a workflow writes on a principal's behalf by naming the `owner`; for anyone
 * else `owner` stays an unknown property that the record schema refuses.
 */
function splitOwner(scope: RecordScope, input: Record<string, unknown>) {
  const acting = scope.plugin?.system || scope.workflow !== undefined;
  if (!acting || !('owner' in input)) return { fields: input, owner: undefined };
  const { owner, ...fields } = input;
  if (owner !== null && !(typeof owner === 'string' && UUID.test(owner))) {
    const message = {
      ja: '所有者は利用者の ID（UUID）か null です。',
      en: 'The owner must be a principal id (UUID) or null.',
    };
    throw new KibanError(
      'record.invalid',
      422,
      { ja: '入力内容に誤りがあります。', en: 'The record has invalid values.' },
      [{ pointer: '/owner', code: 'schema.format', message }],
    );
  }
  return { fields, owner: owner as string | null };
}

/** What the writer sees of the stored record: the fields their read permission shows. */
export function readableProperties(scope: RecordScope, authorized: Authorized): string[] {
  const reader = authorization(scope, authorized.entity, 'read');
  return reader.allowed ? selectProperties({ entity: authorized.entity, auth: reader }, undefined) : ['id', 'version'];
}

export function audit(
  em: EntityManager,
  scope: RecordScope,
  { entity }: Authorized,
  action: string,
  id: string,
  fields: string[],
) {
  return recordAudit(sqlOf(em), auditEntry(scope, entity.name, action, id, fields));
}

function auditEntry(scope: RecordScope, entity: string, action: string, id: string, fields: string[]): AuditInput {
  return { principal: auditPrincipal(scope), action, entity, recordIds: [id], fields, ...auditDetail(scope) };
}

/** Constraint violations become located 4xx errors; a concurrent change becomes 412. */
export async function writing<T>(scope: RecordScope, { entity }: Authorized, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof OptimisticLockError) {
      throw new KibanError('record.versionConflict', 412, {
        ja: 'レコードは他の操作で変更されました。読み込み直してからやり直してください。',
        en: 'The record was changed by someone else. Reload it and try again.',
      });
    }
    // Foreign keys are deferred, so a missing reference fails at COMMIT, where MikroORM
    // passes the driver's error on unconverted.
    const converted = isNativeDatabaseError(error)
      ? scope.live.orm.em.getPlatform().getExceptionConverter().convertException(error)
      : error;
    throw translateDatabaseError(converted, entity);
  }
}
