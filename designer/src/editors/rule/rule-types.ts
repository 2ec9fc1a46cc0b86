/**
 * The rule language as the engine defines it: a change to the language breaks this editor's
 * type check. (The operator and value-kind tables come from the engine too; see `rule-facts.ts`.)
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
