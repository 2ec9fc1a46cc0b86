import type { ViewMetadata } from '../metadata/index.ts';
import type { PortalApp, PortalEntity } from '../portal/portal-types.ts';

/** How many of an entity's own fields a list shows when no view is published for it. */
const DEFAULT_COLUMNS = 5;

/**
 * The list of an entity in the staff portal: its first published view, or one made from the
 * title field and the next few plain fields, newest first.
 */
export function viewFor(app: PortalApp, entity: PortalEntity): ViewMetadata {
  const published = Object.values(app.views).find((view) => view.entity === entity.name);
  if (published) return published;
  // The same object for the same entity: a new one would make the list load again.
  let view = defaults.get(entity);
  if (!view) {
    view = defaultView(entity);
    defaults.set(entity, view);
  }
  return view;
}

const defaults = new WeakMap<PortalEntity, ViewMetadata>();

function defaultView(entity: PortalEntity): ViewMetadata {
  const fields = entity.fields.filter((field) => field.type !== 'collection' && field.type !== 'json');
  const ordered = [
    ...fields.filter((field) => field.name === entity.titleField),
    ...fields.filter((field) => field.name !== entity.titleField),
  ].slice(0, DEFAULT_COLUMNS);
  return {
    kind: 'view',
    name: `${entity.name}-default`,
    label: entity.label,
    entity: entity.name,
    columns: [...ordered.map((field) => ({ field: field.name })), { field: 'createdAt' }],
    sort: [{ field: 'createdAt', direction: 'desc' }],
    pageSize: 20,
  };
}
