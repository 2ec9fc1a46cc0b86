import type { ErrorDetail } from '../errors.ts';
import { type MetadataItem, validateMetadata } from '../metadata/index.ts';
import type { LiveApp } from '../runtime/live-app.ts';

/**
 * What a publication would say about `rule` (a rule being edited, or one a plugin passes) next
 * to the published app, which replaces any published rule of the same name. Problems of the
 * rest of the app are not this rule's; an empty list means it compiles.
 */
export function ruleProblems(live: LiveApp, rule: unknown): ErrorDetail[] {
  const name = (rule as { name?: unknown } | null)?.name;
  const others = live.items.filter((item) => !(item.kind === 'rule' && item.name === name));
  const problems = validateMetadata([...others, rule as MetadataItem], { fieldTypes: live.fieldTypes })
    .filter((error) => error.kind === undefined || error.kind === 'rule')
    .map(({ pointer, code, message }) => ({ pointer, code, message }));
  if ((rule as MetadataItem | null)?.kind === 'rule' || problems.length > 0) return problems;
  return [{ pointer: '/kind', code: 'rule.invalid', message: { ja: 'kind は rule です。', en: 'kind must be rule.' } }];
}
