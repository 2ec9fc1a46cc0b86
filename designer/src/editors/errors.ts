/**
 * Validation errors as the engine reports them for a metadata item, located by JSON pointer
 * (`/fields/2/type`). The editors show each one next to the control its pointer names, and
 * whatever no control claims in a summary, so that no error is ever hidden.
 */
export interface EditorError {
  pointer: string;
  code: string;
  message: { ja: string; en: string };
}

/** The language the designer itself is shown in. */
export type EditorLanguage = 'ja' | 'en';

/** The JSON pointer of a path of keys and indexes, escaped as RFC 6901 asks (`~0`, `~1`). */
export function pointerOf(...path: (string | number)[]): string {
  return path.map((segment) => `/${String(segment).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
}

/** Errors located exactly at `pointer`. */
export function errorsAt(errors: readonly EditorError[], pointer: string): EditorError[] {
  return errors.filter((error) => error.pointer === pointer);
}

/** Whether `pointer` is `prefix` itself or lies inside it (`/fields/2/type` is inside `/fields/2`). */
export function isWithin(pointer: string, prefix: string): boolean {
  return pointer === prefix || pointer.startsWith(`${prefix}/`);
}

/**
 * Errors inside `prefix` that none of `claimed` (pointers relative to `prefix`, each claiming
 * itself and everything inside it) shows: they are listed with the whole block instead.
 */
export function unclaimedErrors(
  errors: readonly EditorError[],
  prefix: string,
  claimed: readonly string[],
): EditorError[] {
  return errors.filter(
    (error) =>
      isWithin(error.pointer, prefix) && !claimed.some((relative) => isWithin(error.pointer, `${prefix}${relative}`)),
  );
}

export function errorText(error: EditorError, language: EditorLanguage): string {
  return error.message[language];
}
