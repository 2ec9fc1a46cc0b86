import { type FieldTypeRegistry, NO_PLUGIN_FIELD_TYPES, resolveFieldTypes } from './field-types.ts';
import type { LoadedItem } from './load-files.ts';
import { validateItemShape } from './schemas.ts';
import { collectSemanticProblems } from './semantic-checks.ts';
import type { MetadataError, MetadataItem } from './types.ts';

export interface ValidateOptions {
  /** The plugin field types metadata may use; without them a `<plugin>.<name>` type is an error. */
  fieldTypes?: FieldTypeRegistry;
}

/**
 * Validates a whole set of items: each against its kind's schema, then the shape-valid ones
 * together for meaning, with plugin field types resolved to their base types. Errors carry
 * the file of their item when the item came from a file.
 */
export function validateMetadata(items: (LoadedItem | MetadataItem)[], options: ValidateOptions = {}): MetadataError[] {
  const entries = items.map((entry) => (isLoadedItem(entry) ? entry : { item: entry, file: undefined }));
  const errors: MetadataError[] = [];
  const valid: MetadataItem[] = [];
  const fileOf = new Map<MetadataItem, string>();
  const unverifiedEntities: string[] = [];
  for (const { item, file } of entries) {
    const shapeErrors = validateItemShape(item);
    const resolution =
      shapeErrors.length === 0 ? resolveFieldTypes(item, options.fieldTypes ?? NO_PLUGIN_FIELD_TYPES) : undefined;
    const itemErrors = resolution ? resolution.errors : shapeErrors;
    errors.push(...itemErrors.map((error) => withFile(error, file)));
    if (resolution && itemErrors.length === 0) {
      valid.push(resolution.item);
      if (file !== undefined) fileOf.set(resolution.item, file);
    } else if (isNamedEntity(item)) {
      unverifiedEntities.push(item.name);
    }
  }
  for (const { item, error } of collectSemanticProblems(valid, { unverifiedEntities })) {
    errors.push(withFile(error, fileOf.get(item)));
  }
  return errors;
}

function withFile(error: MetadataError, file: string | undefined): MetadataError {
  return file === undefined ? error : { file, ...error };
}

function isLoadedItem(entry: LoadedItem | MetadataItem): entry is LoadedItem {
  return (
    typeof entry === 'object' && entry !== null && 'item' in entry && typeof (entry as LoadedItem).file === 'string'
  );
}

function isNamedEntity(item: unknown): item is { name: string } {
  const candidate = item as { kind?: unknown; name?: unknown } | null;
  return candidate?.kind === 'entity' && typeof candidate.name === 'string';
}
