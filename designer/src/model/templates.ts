import type { Kind, MetadataItem } from './types.ts';

const label = (name: string) => ({ ja: name, en: name });

/**
 * A small item of each kind to start from. `entity` is the entity a form, view, rule or
 * workflow belongs to and `field` one of its fields (the designer offers the first published
 * entity). All but the workflow are valid as they stand; a workflow's state field must be an
 * enum field of its entity, which the draft check points out.
 */
export function templateItem(kind: Kind, name: string, entity = 'Entity', field = 'title'): MetadataItem {
  switch (kind) {
    case 'entity':
      return {
        kind,
        name,
        label: label(name),
        fields: [{ name: 'title', type: 'string', label: { ja: '名称', en: 'Title' }, required: true }],
      };
    case 'form':
      return {
        kind,
        name,
        label: label(name),
        entity,
        sections: [{ name: 'main', label: { ja: '入力項目', en: 'Details' }, fields: [{ field }] }],
      };
    case 'view':
      return { kind, name, label: label(name), entity, columns: [{ field }] };
    case 'role':
      return { kind, name, label: label(name), audience: 'staff', permissions: [] };
    case 'rule':
      return { kind, name, label: label(name), entity, condition: { all: [{ fact: field, op: 'isNotNull' }] } };
    case 'workflow':
      return {
        kind,
        name,
        label: label(name),
        entity,
        stateField: 'status',
        initial: 'draft',
        states: [{ name: 'draft', label: { ja: '下書き', en: 'Draft' } }],
        transitions: [],
      };
    case 'page':
      return {
        kind,
        name,
        label: label(name),
        portal: 'staff',
        route: `/${name}`,
        layout: [{ type: 'markdown', content: { ja: name } }],
      };
    case 'report':
      return {
        kind,
        name,
        label: label(name),
        entity,
        measures: [{ name: 'records', label: { ja: '件数', en: 'Records' }, op: 'count' }],
      };
    case 'dashboard':
      return { kind, name, label: label(name), reports: [{ report: name }] };
    case 'agent':
      return {
        kind,
        name,
        label: label(name),
        instructions: { ja: '市の資料だけを使って、短く答えてください。' },
        knowledge: { kinds: ['faq'] },
        answerer: 'extractive',
      };
  }
}

/** Names the engine accepts (common.json `entityName` for entities, `itemName` for the rest). */
export function validName(kind: Kind, name: string): boolean {
  return kind === 'entity' ? /^[A-Z][A-Za-z0-9]{0,62}$/.test(name) : /^[a-z](?:-?[a-z0-9]){0,62}$/.test(name);
}
