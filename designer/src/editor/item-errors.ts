import { itemPointer } from '../model/json-pointer.ts';
import type { ItemError, ItemKey, SavedDraft } from '../model/types.ts';

/** The draft check's errors about this item (it reports on the whole app as it would be). */
export function draftErrors(saved: SavedDraft, key: ItemKey): ItemError[] {
  return saved.errors
    .filter(
      (error) =>
        (error.kind === undefined || error.kind === key.kind) && (error.name === undefined || error.name === key.name),
    )
    .map((error) => ({ pointer: error.pointer, code: error.code, message: error.message }));
}

/**
 * A publish refusal's errors (pointers into the app: `/entity/Branch/fields/0/type`) about
 * this item. The refusal speaks the reader's language already; it stands for both.
 */
export function publishErrors(
  errors: { pointer: string; code?: string; message: string }[],
  key: ItemKey,
): ItemError[] {
  return errors.flatMap((error) => {
    const pointer = itemPointer(error.pointer, key.kind, key.name);
    return pointer === undefined
      ? []
      : [{ pointer, code: error.code ?? '', message: { ja: error.message, en: error.message } }];
  });
}
