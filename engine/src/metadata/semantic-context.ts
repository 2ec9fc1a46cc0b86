import type { LocalizedMessage } from './message-subject.ts';
import { closestName } from './suggest.ts';
import type { EntityMetadata, FieldDefinition, MetadataError, MetadataItem, MetadataKind } from './types.ts';

/** A semantic problem with the item it was found in, so that callers can map it to a file. */
export interface SemanticProblem {
  item: MetadataItem;
  error: MetadataError;
}

/** What the checks of one item may look up about the others, and where they report. */
export interface SemanticContext {
  entities: ReadonlyMap<string, EntityMetadata>;
  /** Every item checked together, for references between kinds (a workflow's guard rule and roles). */
  items: readonly MetadataItem[];
  /**
   * Entities that exist but failed shape validation. References to them are not reported
   * (the entity is there), and their fields are not trusted enough to check against.
   */
  unverifiedEntities: ReadonlySet<string>;
  report(item: MetadataItem, pointer: string, code: string, message: LocalizedMessage): void;
}

export const KIND_NAMES: Record<MetadataKind, LocalizedMessage> = {
  entity: { ja: 'エンティティ', en: 'entity' },
  form: { ja: 'フォーム', en: 'form' },
  view: { ja: 'ビュー', en: 'view' },
  role: { ja: 'ロール', en: 'role' },
  rule: { ja: 'ルール', en: 'rule' },
  workflow: { ja: 'ワークフロー', en: 'workflow' },
  page: { ja: 'ページ', en: 'page' },
  report: { ja: 'レポート', en: 'report' },
  dashboard: { ja: 'ダッシュボード', en: 'dashboard' },
  agent: { ja: 'エージェント', en: 'agent' },
};

/**
 * System properties that views and row policies may filter, sort and show like fields:
 * described as the field types they behave as.
 */
export const SYSTEM_PROPERTY_FIELDS: ReadonlyMap<string, FieldDefinition> = new Map([
  ['id', { name: 'id', type: 'reference', label: { ja: 'ID', en: 'ID' } }],
  ['owner', { name: 'owner', type: 'reference', label: { ja: '所有者', en: 'Owner' } }],
  ['createdAt', { name: 'createdAt', type: 'datetime', label: { ja: '作成日時', en: 'Created at' } }],
  ['updatedAt', { name: 'updatedAt', type: 'datetime', label: { ja: '更新日時', en: 'Updated at' } }],
]);

export function fieldNamed(entity: EntityMetadata, name: string): FieldDefinition | undefined {
  return entity.fields.find((field) => field.name === name);
}

/** " もしかして「name」？" — a hint for a mistyped name, or nothing. */
export function didYouMean(name: string, candidates: Iterable<string>): LocalizedMessage {
  const guess = closestName(name, candidates);
  return guess ? { ja: `もしかして「${guess}」ですか？`, en: ` Did you mean "${guess}"?` } : { ja: '', en: '' };
}

export function unknownEntityMessage(path: string, name: string, entities: Iterable<string>): LocalizedMessage {
  const hint = didYouMean(name, entities);
  return {
    ja: `${path} に指定したエンティティ「${name}」はありません。${hint.ja}`,
    en: `${path} names the entity "${name}", which does not exist.${hint.en}`,
  };
}

export function unknownFieldMessage(entity: string, name: string, candidates: Iterable<string>): LocalizedMessage {
  const hint = didYouMean(name, candidates);
  return {
    ja: `エンティティ「${entity}」にフィールド「${name}」はありません。${hint.ja}`,
    en: `The entity "${entity}" has no field "${name}".${hint.en}`,
  };
}

export function collectionNotAllowedMessage(name: string): LocalizedMessage {
  return {
    ja: `フィールド「${name}」は一覧（collection）なので、ここでは使えません。`,
    en: `The field "${name}" is a collection and cannot be used here.`,
  };
}
