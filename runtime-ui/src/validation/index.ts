export type { FieldProblem } from './field-problem.ts';
export { problemMessage } from './problem-message.ts';
export { conditionProblems } from './record-conditions.ts';
export { type RecordValidator, validatorOrNone } from './record-validator.ts';
export { type ServerProblems, serverProblems } from './server-problem.ts';
