import { isCalendarDate } from './calendar-date.ts';
import { resolveFact } from './rule-facts.ts';
import { fieldNamed } from './semantic-context.ts';
import type { ComputeExpression, EntityMetadata, FieldDefinition } from './types.ts';

/** What a computed expression's values are; both interpreters switch on it. */
export type ComputeKind = 'integer' | 'decimal' | 'text' | 'date';

export type Arithmetic = 'add' | 'sub' | 'mul' | 'div';
export type Aggregate = 'sum' | 'min' | 'max';
export type DateFunction = 'addDays' | 'addBusinessDays' | 'daysBetween' | 'ageOn';

/**
 * A computed expression with every fact resolved against the metadata and every node's kind
 * known. A fact naming another computed field of the same record carries that field's
 * resolved expression (`compute`), so both interpreters inline it and never read a value
 * the same write is about to replace.
 */
export type ResolvedExpression =
  | { node: 'literal'; kind: ComputeKind; value: string | number }
  | { node: 'field'; kind: ComputeKind; field: FieldDefinition; compute?: ResolvedExpression }
  | {
      node: 'reference';
      kind: ComputeKind;
      reference: FieldDefinition;
      target: EntityMetadata;
      field: FieldDefinition;
    }
  | { node: 'count'; kind: 'integer'; collection: FieldDefinition; target: EntityMetadata; inverse: FieldDefinition }
  | {
      node: 'aggregate';
      fn: Aggregate;
      kind: ComputeKind;
      collection: FieldDefinition;
      target: EntityMetadata;
      inverse: FieldDefinition;
      value: ResolvedExpression;
    }
  | { node: 'arithmetic'; fn: Arithmetic; kind: 'integer' | 'decimal'; args: ResolvedExpression[] }
  | { node: 'concat'; kind: 'text'; args: ResolvedExpression[] }
  | { node: 'date'; fn: DateFunction; kind: ComputeKind; args: ResolvedExpression[] };

export type ComputeProblem =
  | 'unknownFact'
  | 'unsupportedFact'
  | 'notACollection'
  | 'nestedAggregate'
  | 'kindMismatch'
  | 'exponentLiteral'
  | 'cycle';

export interface ComputeFailure {
  problem: ComputeProblem;
  /** Where under `compute` the problem is, e.g. `['sum', 'mul', 1]`. */
  path: (string | number)[];
  detail: string;
}

/** Field types a computed field may have, with the kind its expression must produce. */
export const COMPUTED_FIELD_KINDS: Readonly<Record<string, ComputeKind>> = {
  string: 'text',
  text: 'text',
  integer: 'integer',
  decimal: 'decimal',
  date: 'date',
};

const FACT_KINDS: Readonly<Record<string, ComputeKind>> = {
  ...COMPUTED_FIELD_KINDS,
  enum: 'text',
  kana: 'text',
  email: 'text',
  phone: 'text',
  postalCode: 'text',
};

class Failure extends Error {
  readonly failure: ComputeFailure;
  constructor(failure: ComputeFailure) {
    super(failure.detail);
    this.failure = failure;
  }
}

/** Resolves the computed field's expression, or says what is wrong with it and where. */
export function resolveCompute(
  field: FieldDefinition,
  entity: EntityMetadata,
  entities: ReadonlyMap<string, EntityMetadata>,
): ResolvedExpression | ComputeFailure {
  try {
    return resolveField(field, entity, entities, []);
  } catch (error) {
    if (error instanceof Failure) return error.failure;
    throw error;
  }
}

export function isComputeFailure(value: ResolvedExpression | ComputeFailure): value is ComputeFailure {
  return 'problem' in value;
}

function resolveField(
  field: FieldDefinition,
  entity: EntityMetadata,
  entities: ReadonlyMap<string, EntityMetadata>,
  visiting: string[],
): ResolvedExpression {
  if (visiting.includes(field.name)) {
    throw new Failure({ problem: 'cycle', path: [], detail: [...visiting, field.name].join(' → ') });
  }
  const scope: Scope = { entity, entities, visiting: [...visiting, field.name], inAggregate: false };
  return resolve(field.compute as ComputeExpression, scope, []);
}

interface Scope {
  entity: EntityMetadata;
  entities: ReadonlyMap<string, EntityMetadata>;
  /** Computed fields of `entity` being inlined, to catch `a` computed from `b` computed from `a`. */
  visiting: string[];
  inAggregate: boolean;
}

function fail(problem: ComputeProblem, path: (string | number)[], detail: string): never {
  throw new Failure({ problem, path, detail });
}

function resolve(expression: ComputeExpression, scope: Scope, path: (string | number)[]): ResolvedExpression {
  if (typeof expression === 'string') return { node: 'literal', kind: 'text', value: expression };
  if (typeof expression === 'boolean') return fail('kindMismatch', path, 'true/false');
  if (typeof expression === 'number') {
    const text = String(expression);
    if (/e/i.test(text)) fail('exponentLiteral', path, text);
    return { node: 'literal', kind: Number.isInteger(expression) ? 'integer' : 'decimal', value: text };
  }
  if ('fact' in expression) return resolveFactExpression(expression, scope, path);
  if ('sum' in expression) return resolveAggregate('sum', expression.sum, expression.of, scope, path);
  if ('min' in expression) return resolveAggregate('min', expression.min, expression.of, scope, path);
  if ('max' in expression) return resolveAggregate('max', expression.max, expression.of, scope, path);
  if ('concat' in expression) {
    const args = expression.concat.map((each, i) => operand(each, scope, [...path, 'concat', i], ['text']));
    return { node: 'concat', kind: 'text', args };
  }
  for (const fn of ['add', 'sub', 'mul', 'div'] as const) {
    if (fn in expression) {
      const operands = (expression as Record<typeof fn, ComputeExpression[]>)[fn];
      const args = operands.map((each, i) => operand(each, scope, [...path, fn, i], ['integer', 'decimal']));
      const kind = fn === 'div' || args.some((arg) => arg.kind === 'decimal') ? 'decimal' : 'integer';
      return { node: 'arithmetic', fn, kind, args };
    }
  }
  return resolveDateFunction(expression, scope, path);
}

const DATE_SIGNATURES: Record<DateFunction, { args: [ComputeKind, ComputeKind]; kind: ComputeKind }> = {
  addDays: { args: ['date', 'integer'], kind: 'date' },
  addBusinessDays: { args: ['date', 'integer'], kind: 'date' },
  daysBetween: { args: ['date', 'date'], kind: 'integer' },
  ageOn: { args: ['date', 'date'], kind: 'integer' },
};

function resolveDateFunction(expression: object, scope: Scope, path: (string | number)[]): ResolvedExpression {
  const fn = (Object.keys(DATE_SIGNATURES) as DateFunction[]).find((name) => name in expression);
  if (!fn) return fail('unknownFact', path, JSON.stringify(expression));
  const signature = DATE_SIGNATURES[fn];
  const operands = (expression as Record<DateFunction, ComputeExpression[]>)[fn];
  const args = operands.map((each, i) => operand(each, scope, [...path, fn, i], [signature.args[i] as ComputeKind]));
  return { node: 'date', fn, kind: signature.kind, args };
}

/** Resolves an operand that must be of one of `kinds`. */
function operand(
  expression: ComputeExpression,
  scope: Scope,
  path: (string | number)[],
  kinds: ComputeKind[],
): ResolvedExpression {
  const resolved = resolve(expression, scope, path);
  // Where a date belongs, a text literal spelling a calendar date is one.
  if (kinds.includes('date') && resolved.node === 'literal' && isCalendarDate(String(resolved.value))) {
    return { ...resolved, kind: 'date' };
  }
  checkKind(resolved, kinds, path);
  return resolved;
}

function resolveFactExpression(
  expression: { fact: string; of?: string },
  scope: Scope,
  path: (string | number)[],
): ResolvedExpression {
  const { entity, entities } = scope;
  const factPath = [...path, expression.of === undefined ? 'fact' : 'of'];
  if (expression.of !== undefined && expression.fact !== 'count') {
    // age changes every day, so a stored age would go stale: ageOn names the date it is taken on.
    return fail('unsupportedFact', [...path, 'fact'], `${expression.fact}(${expression.of})`);
  }
  const resolved = resolveFact(expression, entity, entities);
  if ('problem' in resolved) return fail('unknownFact', factPath, expression.of ?? expression.fact);
  if (resolved.source === 'count') {
    if (scope.inAggregate) fail('nestedAggregate', factPath, expression.of ?? '');
    return {
      node: 'count',
      kind: 'integer',
      collection: resolved.field,
      target: resolved.target,
      inverse: resolved.inverse,
    };
  }
  if (resolved.source === 'age') return fail('unsupportedFact', factPath, expression.fact);
  const kind = FACT_KINDS[resolved.field.type];
  if (!kind) return fail('unsupportedFact', factPath, expression.fact);
  if (resolved.source === 'reference') {
    return { node: 'reference', kind, reference: resolved.reference, target: resolved.target, field: resolved.field };
  }
  const field = resolved.field;
  if (field.compute === undefined || scope.inAggregate) return { node: 'field', kind, field };
  // Another computed field of the same record: inlined, so one write computes both from the same inputs.
  const inner = resolveField(field, entity, entities, scope.visiting);
  return { node: 'field', kind, field, compute: inner };
}

function resolveAggregate(
  fn: Aggregate,
  value: ComputeExpression,
  of: string,
  scope: Scope,
  path: (string | number)[],
): ResolvedExpression {
  if (scope.inAggregate) fail('nestedAggregate', [...path, fn], of);
  const collection = fieldNamed(scope.entity, of);
  if (collection?.type !== 'collection' || !collection.target || !collection.inverse) {
    return fail('notACollection', [...path, 'of'], of);
  }
  const target = scope.entities.get(collection.target);
  const inverse = target && fieldNamed(target, collection.inverse);
  if (!target || !inverse) return fail('notACollection', [...path, 'of'], of);
  const inner = resolve(value, { ...scope, entity: target, visiting: [], inAggregate: true }, [...path, fn]);
  const kinds: ComputeKind[] = fn === 'sum' ? ['integer', 'decimal'] : ['integer', 'decimal', 'date'];
  checkKind(inner, kinds, [...path, fn]);
  return { node: 'aggregate', fn, kind: inner.kind, collection, target, inverse, value: inner };
}

function checkKind(resolved: ResolvedExpression, kinds: ComputeKind[], path: (string | number)[]): void {
  if (!kinds.includes(resolved.kind)) fail('kindMismatch', path, `${resolved.kind} ∉ ${kinds.join('|')}`);
}
