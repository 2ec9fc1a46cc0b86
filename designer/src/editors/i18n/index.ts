import type { EditorLanguage } from '../errors.ts';
import type { EditorMessageKey, EditorMessages } from './catalogue.ts';
import { en } from './en.ts';
import { fillTemplate } from './fill-template.ts';
import { ja } from './ja.ts';

export type { EditorMessageKey, EditorMessages } from './catalogue.ts';
export { fillTemplate, localizedString } from './fill-template.ts';

/**
 * The editors' texts by designer language. Every key starts with `editor.`, so the designer
 * shell can merge these catalogues into its own without a clash.
 */
export const editorMessages: Record<EditorLanguage, EditorMessages> = { ja, en };

/** The text of `key` in `language`, with `{name}` placeholders filled from `params`. */
export function editorText(
  language: EditorLanguage,
  key: EditorMessageKey,
  params: Record<string, string | number> = {},
): string {
  const template = (editorMessages[language] ?? ja)[key];
  return fillTemplate(template, params);
}
