import type { EntityManager } from '@mikro-orm/postgresql';
import { checkWritable } from '../access/index.ts';
import type { ApiRecord } from '../data/index.ts';
import { KibanError } from '../errors.ts';
import type { FieldDefinition } from '../metadata/index.ts';
import { fieldsNotAllowed } from './errors.ts';
import { checkRowWritable } from './row-checks.ts';
import {
  type Authorized,
  authorization,
  authorize,
  type RecordScope,
  recordWritten,
  reportChange,
  toApiRecord,
} from './scope.ts';
import { audit, findForWrite, readableProperties, writing } from './write.ts';

/** A file field's value: the description of the stored file (see metadata/file-fields.ts). */
export interface FileValue {
  id: string;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
}

/**
 * Who may attach a file: whoever may update the record; and the owner of a record who may
 * create such records but not change them, for filling an empty file field once — a resident
 * attaching the document of the application they have just submitted.
 */
interface AttachAuthority {
  authorized: Authorized;
  /** Attaching under the create permission: only the owner, only into an empty field. */
  ownerFillsEmpty: boolean;
}

function attachAuthority(scope: RecordScope, entityName: string): AttachAuthority {
  const entity = scope.live.entities.get(entityName);
  const canCreate = entity !== undefined && authorization(scope, entity, 'create').allowed;
  if (entity && !authorization(scope, entity, 'update').allowed && canCreate) {
    return { authorized: authorize(scope, entityName, 'create'), ownerFillsEmpty: true };
  }
  return { authorized: authorize(scope, entityName, 'update'), ownerFillsEmpty: false };
}

function checkOwnerFillsEmpty(
  scope: RecordScope,
  { ownerFillsEmpty, authorized }: AttachAuthority,
  row: ApiRecord,
  fieldName: string,
  clearing: boolean,
) {
  if (!ownerFillsEmpty) return;
  if (row.owner === scope.principal.id && row[fieldName] == null && !clearing) return;
  throw new KibanError('access.denied', 403, {
    ja: `${authorized.entity.name} のファイルを変更する権限がありません（自分のレコードの空の項目にだけ添付できます）。`,
    en: `You may not change files of ${authorized.entity.name} records (only attach one to an empty field of your own record).`,
  });
}

/**
 * Checks, before any byte of an upload is accepted, that the principal may write the file
 * field of the record: the permission (see `attachAuthority`), its row condition and the
 * field policy.
 */
export async function checkFileWritable(
  scope: RecordScope,
  entityName: string,
  id: string,
  fieldName: string,
): Promise<FieldDefinition> {
  const authority = attachAuthority(scope, entityName);
  const field = fileField(authority.authorized, fieldName);
  refuseReadOnly(authority.authorized, fieldName);
  const row = await findForWrite(scope.em ?? scope.live.orm.em.fork(), scope, authority.authorized, id, undefined);
  checkOwnerFillsEmpty(scope, authority, row, fieldName, false);
  return field;
}

/**
 * Sets (or with null, clears) a file field as an update of the record: row lock, policies,
 * the record's locks (`lockedWhen`), audit and the write's listeners (its outbox event), all in one transaction with `alongside`,
 * which records the file's own bookkeeping. Answers the record and the value it replaced.
 */
export async function writeFileField(
  scope: RecordScope,
  entityName: string,
  id: string,
  fieldName: string,
  value: FileValue | null,
  alongside: (em: EntityManager, previous: FileValue | null) => Promise<void>,
): Promise<{ record: ApiRecord; previous: FileValue | null }> {
  const authority = attachAuthority(scope, entityName);
  const { authorized } = authority;
  fileField(authorized, fieldName);
  refuseReadOnly(authorized, fieldName);
  const readable = readableProperties(scope, authorized);
  const work = async (em: EntityManager) => {
    const row = await findForWrite(em, scope, authorized, id, undefined);
    checkOwnerFillsEmpty(scope, authority, row, fieldName, value === null);
    // The update permission's row condition and the record's locks, as for any update.
    await checkRowWritable(em, scope, authorized, row, { locks: true });
    const previous = (row[fieldName] ?? null) as FileValue | null;
    em.assign(row, { [fieldName]: value });
    await em.flush();
    await audit(em, scope, authorized, 'update', id, [fieldName]);
    const write = { action: 'updated', entity: entityName, id, version: Number(row.version) } as const;
    const change = await recordWritten(em, scope, write);
    await alongside(em, previous);
    return { change, record: toApiRecord(row, readable), previous };
  };
  const written = await writing(scope, authorized, () =>
    scope.em ? work(scope.em) : scope.live.orm.em.fork().transactional(work),
  );
  reportChange(scope, written.change);
  return { record: written.record, previous: written.previous };
}

function fileField({ entity }: Authorized, fieldName: string): FieldDefinition {
  const field = entity.fields.find((each) => each.name === fieldName);
  if (field?.type === 'file') return field;
  throw new KibanError('file.unknownField', 404, {
    ja: `${entity.name} に添付ファイルの項目「${fieldName}」はありません。`,
    en: `${entity.name} has no file field "${fieldName}".`,
  });
}

function refuseReadOnly({ auth }: Authorized, fieldName: string): void {
  const refused = checkWritable({ [fieldName]: true }, auth);
  if (refused.length > 0) throw fieldsNotAllowed('access.fieldReadOnly', refused);
}
