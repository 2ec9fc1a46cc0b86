import type { NormalizeStep } from './normalization.ts';
import type { JsonSchema } from './record-schema.ts';
import { didYouMean } from './semantic-context.ts';
import type { EntityMetadata, FieldDefinition, I18nText, MetadataError, MetadataItem } from './types.ts';

/** The built-in types a plugin field type can be stored as. */
export type BaseFieldType = 'string' | 'text' | 'integer' | 'decimal' | 'boolean' | 'date' | 'datetime' | 'json';

/** A field type a plugin adds to the language, under its qualified name `<plugin>.<name>`. */
export interface PluginFieldType {
  name: string;
  base: BaseFieldType;
  /** What a value must satisfy besides its base type's schema. */
  schema: JsonSchema;
  /** How a typed value is normalised before it is checked (e.g. `['nfkc', 'trim']`). */
  normalize?: readonly NormalizeStep[];
  /** Said when a value does not satisfy `schema`, instead of the schema's raw wording. */
  message?: I18nText;
}

/** The plugin field types of one engine, by qualified name. */
export type FieldTypeRegistry = ReadonlyMap<string, PluginFieldType>;

export const NO_PLUGIN_FIELD_TYPES: FieldTypeRegistry = new Map();

/** `<plugin>.<name>`: a kebab-case plugin name, a dot, a camelCase type name. */
export function isPluginFieldType(type: unknown): type is string {
  return typeof type === 'string' && type.includes('.');
}

/**
 * The item with every plugin field type replaced by its base type and annotated with the
 * type as written and its extra schema, so that validation, the data layer and the record
 * schemas only ever meet built-in types. Items without plugin types come back as they are.
 * A type no registered plugin provides is reported at the field's `type`.
 */
export function resolveFieldTypes(
  item: MetadataItem,
  registry: FieldTypeRegistry,
): { item: MetadataItem; errors: MetadataError[] } {
  if (item.kind !== 'entity' || !item.fields.some((field) => isPluginFieldType(field.type))) {
    return { item, errors: [] };
  }
  const errors: MetadataError[] = [];
  const fields = item.fields.map((field, index) => {
    if (!isPluginFieldType(field.type)) return field;
    const registered = registry.get(field.type);
    if (!registered) {
      errors.push(unknownFieldType(item, index, field.type, registry));
      return field;
    }
    const resolved: FieldDefinition = {
      ...field,
      type: registered.base,
      customType: {
        name: registered.name,
        schema: registered.schema,
        ...(registered.normalize ? { normalize: registered.normalize } : {}),
        ...(registered.message ? { message: registered.message } : {}),
      },
    };
    return resolved;
  });
  const resolved: EntityMetadata = { ...item, fields };
  return { item: resolved, errors };
}

/** Every item resolved; throws when published metadata names a type no loaded plugin provides. */
export function resolveAllFieldTypes(items: readonly MetadataItem[], registry: FieldTypeRegistry): MetadataItem[] {
  return items.map((item) => {
    const { item: resolved, errors } = resolveFieldTypes(item, registry);
    if (errors.length > 0) throw new UnknownFieldTypeError(errors);
    return resolved;
  });
}

/** Published metadata uses a plugin field type, but the plugin that provides it is not loaded. */
export class UnknownFieldTypeError extends Error {
  readonly errors: MetadataError[];

  constructor(errors: MetadataError[]) {
    super(errors.map((error) => error.message.en).join(' '));
    this.name = 'UnknownFieldTypeError';
    this.errors = errors;
  }
}

function unknownFieldType(
  entity: EntityMetadata,
  index: number,
  type: string,
  registry: FieldTypeRegistry,
): MetadataError {
  const hint = didYouMean(type, registry.keys());
  return {
    kind: 'entity',
    name: entity.name,
    pointer: `/fields/${index}/type`,
    code: 'semantic.unknownFieldType',
    message: {
      ja: `${entity.name}.${entity.fields[index].name} の型「${type}」を提供するプラグインが読み込まれていません。${hint.ja}`,
      en: `No loaded plugin provides the type "${type}" of ${entity.name}.${entity.fields[index].name}.${hint.en}`,
    },
  };
}
