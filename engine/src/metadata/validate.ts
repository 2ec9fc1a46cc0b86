import type { LoadedItem } from './load-files.ts';
import { validateItemShape } from './schemas.ts';
import { collectSemanticProblems } from './semantic-checks.ts';
import type { MetadataError, MetadataItem } from './types.ts';

/**
 * Validates a whole set of items: each against its kind's schema, then the shape-valid ones
 * together for meaning. Errors carry the file of their item when the items came from files.
 */
export function validateMetadata(items: LoadedItem[] | MetadataItem[]): MetadataError[] {
  const entries = items.map((entry) => (isLoadedItem(entry) ? entry : { item: entry, file: undefined }));
  const errors: MetadataError[] = [];
  const valid: MetadataItem[] = [];
  const fileOf = new Map<MetadataItem, string>();
  const unverifiedEntities: string[] = [];
  for (const { item, file } of entries) {
    const shapeErrors = validateItemShape(item);
    errors.push(...shapeErrors.map((error) => withFile(error, file)));
    if (shapeErrors.length === 0) {
      valid.push(item);
      if (file !== undefined) fileOf.set(item, file);
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
