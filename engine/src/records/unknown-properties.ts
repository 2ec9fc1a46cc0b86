import { KibanError } from '../errors.ts';
import type { EntityMetadata } from '../metadata/index.ts';
import { recordProperties } from './scope.ts';

/** A 400 naming every requested property the entity does not have, or null when all exist. */
export function unknownProperties(entity: EntityMetadata, names: string[]): KibanError | null {
  const known = new Set(recordProperties(entity));
  const unknown = names.filter((name) => !known.has(name));
  if (unknown.length === 0) return null;
  return new KibanError(
    'query.unknownField',
    400,
    {
      ja: `${entity.name} にない項目が指定されています。`,
      en: `The request names fields ${entity.name} does not have.`,
    },
    unknown.map((name) => ({
      pointer: `/fields/${name}`,
      code: 'query.unknownField',
      message: { ja: `項目「${name}」はありません。`, en: `There is no field "${name}".` },
    })),
  );
}
