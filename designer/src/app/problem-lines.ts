import type { Language } from '@kiban/runtime-ui';
import { DesignerApiError } from '../api/designer-api.ts';
import { type DesignerMessageKey, say } from '../i18n/index.ts';

/** A refusal as lines to show: the server's explanation, then each located error. */
export function problemLines(error: unknown, language: Language, fallback: DesignerMessageKey): string[] {
  if (!(error instanceof DesignerApiError)) return [say(language, fallback)];
  const { detail, errors = [] } = error.problem;
  return [
    detail ?? say(language, fallback),
    ...errors.map((each) => say(language, 'editor.errorAt', { pointer: each.pointer || '/', message: each.message })),
  ];
}
