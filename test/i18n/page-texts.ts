/**
 * Checks a plugin page's text tables against the Japanese one, so a language that misses a
 * translation, carries a stale key or a function that returns no text is named in the failure.
 */
import { LANGUAGES } from '../../runtime-ui/src/i18n/languages.ts';

export { LANGUAGES };

/** Arguments a text function is called with: numbers read as a count, a year and month, or a name. */
const SAMPLE_ARGUMENTS = [2026, 12, 3];

/** Every difference in shape between `table` and `reference`, each as a path and what is wrong. */
export function shapeDifferences(reference: unknown, table: unknown, path = ''): string[] {
  if (typeof reference === 'function') {
    if (typeof table !== 'function') return [`${path}: should be a function`];
    const result = table(...SAMPLE_ARGUMENTS.slice(0, table.length));
    const ok = typeof result === 'string' && result.trim() !== '' && !result.includes('undefined');
    return ok ? [] : [`${path}: returns ${JSON.stringify(result)}`];
  }
  if (Array.isArray(reference)) {
    if (!Array.isArray(table)) return [`${path}: should be a list`];
    if (table.length !== reference.length) return [`${path}: ${table.length} items, not ${reference.length}`];
    return reference.flatMap((item, index) => shapeDifferences(item, table[index], `${path}[${index}]`));
  }
  if (reference !== null && typeof reference === 'object') {
    if (table === null || typeof table !== 'object' || Array.isArray(table)) return [`${path}: should be an object`];
    const expected = Object.keys(reference);
    const extra = Object.keys(table).filter((key) => !expected.includes(key));
    return [
      ...extra.map((key) => `${path}.${key}: not in the Japanese table`),
      ...expected.flatMap((key) =>
        key in table
          ? shapeDifferences(
              (reference as Record<string, unknown>)[key],
              (table as Record<string, unknown>)[key],
              `${path}.${key}`,
            )
          : [`${path}.${key}: missing`],
      ),
    ];
  }
  return typeof table === 'string' && table.trim() !== '' ? [] : [`${path}: should be a non-empty text`];
}

/** A browser module of a plugin, loaded untyped (the UI is plain JavaScript). */
export function loadModule(url: URL): Promise<Record<string, unknown>> {
  return import(url.href);
}
