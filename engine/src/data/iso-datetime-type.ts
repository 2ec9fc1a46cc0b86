import { Type, ValidationError } from '@mikro-orm/postgresql';
import { DATETIME_PRECISION } from './column-types.ts';
import { canonicalDateTime, timestamptzToIso } from './values.ts';

/**
 * A timestamptz the API sees as a UTC ISO string. MikroORM's own `datetime` type yields a
 * JavaScript Date, which serializes the same way but compares by identity and is not the
 * JSON value the API promises; strings also survive cursors and JSON round trips unchanged.
 */
export class IsoDateTimeType extends Type<string | null | undefined, string | null | undefined> {
  override convertToDatabaseValue(value: unknown): string | null | undefined {
    if (value === null || value === undefined) return value;
    const iso = canonicalDateTime(value);
    if (iso === undefined) throw ValidationError.invalidType(IsoDateTimeType, value, 'JS');
    return iso;
  }

  override convertToJSValue(value: unknown): string | null | undefined {
    if (value === null || value === undefined) return value;
    if (value instanceof Date) return value.toISOString();
    return timestamptzToIso(String(value));
  }

  override getColumnType(): string {
    return `timestamptz(${DATETIME_PRECISION})`;
  }

  override compareAsType(): string {
    return 'string';
  }

  override get runtimeType(): string {
    return 'string';
  }
}
