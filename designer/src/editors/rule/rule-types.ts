/**
 * The rule language as the engine defines it. Type-only: nothing of the engine reaches the
 * browser bundle, but a change to the language breaks this editor's type check.
 */
export type {
  EntityMetadata,
  FieldDefinition,
  I18nText,
  RelativeDate,
  RuleComparison,
  RuleCondition,
  RuleMetadata,
  RuleOperator,
} from '../../../../engine/src/metadata/types.ts';
