export { authorizeRuleFacts, type CallerFacts, type ReadableRows, ruleFactsReadable } from './caller-facts.ts';
export {
  type CompiledSql,
  type CompileOptions,
  compileRuleCondition,
  compileRuleToSql,
  type ReadableIds,
  SUBJECT_ALIAS,
} from './compile-sql.ts';
export { type Described, describeCondition, isFieldOperand } from './describe.ts';
export {
  type EvaluateOptions,
  evaluateRule,
  prepareRuleEvaluator,
  type RelatedRecords,
  type RuleEvaluator,
} from './evaluate.ts';
export { prepareRulesEvaluator, type RulesEvaluator } from './evaluate-many.ts';
export { addDays, evaluationDate, RULE_TIME_ZONE } from './evaluation-date.ts';
export { PREVIEW_SAMPLE_SIZE, previewRule, previewSegment, type SegmentPreview } from './preview.ts';
export { conditionRule, recordMeets, referencesIn } from './record-condition.ts';
export { loadRelatedRecords } from './related-records.ts';
export { ruleProblems } from './rule-problems.ts';
