import { checkFilter, type FieldScope, resolveField } from './filter-checks.ts';
import { displayPath, pointerOf } from './json-pointer.ts';
import { type SemanticContext, unknownEntityMessage } from './semantic-context.ts';
import type { ViewMetadata } from './types.ts';

/** A view lists records of an existing entity by its stored fields and system properties. */
export function checkView(view: ViewMetadata, context: SemanticContext): void {
  if (context.unverifiedEntities.has(view.entity)) return;
  const entity = context.entities.get(view.entity);
  if (!entity) {
    context.report(
      view,
      '/entity',
      'semantic.unknownEntity',
      unknownEntityMessage(displayPath('/entity'), view.entity, context.entities.keys()),
    );
    return;
  }
  const scope: FieldScope = { item: view, entity, context, systemProperties: true, userPlaceholder: false };
  const shown = new Set<string>();
  view.columns.forEach((column, i) => {
    const pointer = pointerOf('columns', i, 'field');
    if (!resolveField(column.field, pointer, scope)) return;
    if (shown.has(column.field)) {
      context.report(view, pointer, 'semantic.duplicateColumn', {
        ja: `フィールド「${column.field}」の列はすでにあります。`,
        en: `There is already a column for the field "${column.field}".`,
      });
    }
    shown.add(column.field);
  });
  for (const [i, name] of (view.filterable ?? []).entries()) resolveField(name, pointerOf('filterable', i), scope);
  for (const [i, key] of (view.sort ?? []).entries()) resolveField(key.field, pointerOf('sort', i, 'field'), scope);
  if (view.filter) checkFilter(view.filter, '/filter', scope);
}
