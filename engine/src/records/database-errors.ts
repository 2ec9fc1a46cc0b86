import {
  DriverException,
  ForeignKeyConstraintViolationException,
  NotNullConstraintViolationException,
  UniqueConstraintViolationException,
} from '@mikro-orm/postgresql';
import { columnName } from '../data/index.ts';
import { type ErrorDetail, KibanError } from '../errors.ts';
import type { EntityMetadata } from '../metadata/index.ts';

/**
 * Turns a constraint violation into a located client error. The field is found from the
 * column PostgreSQL names; the offending value it also reports is never passed on.
 */
export function translateDatabaseError(error: unknown, entity: EntityMetadata): unknown {
  if (!(error instanceof DriverException)) return error;
  const fields = fieldsOf(error, entity);
  if (error instanceof UniqueConstraintViolationException) {
    return new KibanError(
      'record.unique',
      409,
      { ja: '同じ値のレコードがすでにあります。', en: 'A record with the same value already exists.' },
      located(fields, 'record.unique', { ja: 'この値はすでに使われています。', en: 'This value is already taken.' }),
    );
  }
  if (error instanceof ForeignKeyConstraintViolationException) {
    const referenced = /is still referenced/.test(error.message);
    return referenced
      ? new KibanError('record.referenced', 409, {
          ja: '他のレコードから参照されているため削除できません。',
          en: 'Other records refer to this record, so it cannot be deleted.',
        })
      : new KibanError(
          'record.referenceMissing',
          422,
          { ja: '参照先のレコードが存在しません。', en: 'The referenced record does not exist.' },
          located(fields, 'record.referenceMissing', {
            ja: '参照先のレコードが存在しません。',
            en: 'The referenced record does not exist.',
          }),
        );
  }
  if (error instanceof NotNullConstraintViolationException) {
    return new KibanError(
      'record.required',
      422,
      { ja: '必須項目が入力されていません。', en: 'A required field is missing.' },
      located(fields, 'record.required', { ja: '必須項目です。', en: 'This field is required.' }),
    );
  }
  return error;
}

/**
 * An error straight from the PostgreSQL driver, not yet converted by MikroORM: it carries a
 * five-character SQLSTATE (`23503`) and a severity. KibanError codes contain dots, so they never match.
 */
export function isNativeDatabaseError(error: unknown): error is Error & { code: string } {
  if (!(error instanceof Error) || error instanceof DriverException) return false;
  const { code, severity } = error as Error & { code?: unknown; severity?: unknown };
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && typeof severity === 'string';
}

/** Fields named by the violation: `Key (code)=…` in the detail, or the column of a not-null error. */
function fieldsOf(error: DriverException, entity: EntityMetadata): string[] {
  const raw = error as DriverException & { detail?: string; column?: string };
  const columns = raw.column
    ? [raw.column]
    : (/Key \(([^)]+)\)=/
        .exec(raw.detail ?? '')?.[1]
        .split(',')
        .map((column) => column.trim()) ?? []);
  return entity.fields.filter((field) => columns.includes(columnName(field))).map((field) => field.name);
}

function located(fields: string[], code: string, message: ErrorDetail['message']): ErrorDetail[] {
  return fields.map((field) => ({ pointer: `/${field}`, code, message }));
}
