import fc from 'fast-check';
import type { FuzzRequest } from './bad-records.ts';
import { hugeNumbers, nulText, structured, unknownKey } from './bad-values.ts';

type Condition = Record<string, unknown>;

/** Comparisons that are fine on a Branch, to surround the bad one. */
const goodComparison = fc.constantFrom<Condition>(
  { fact: 'ward', op: 'eq', value: '北区' },
  { fact: 'seats', op: 'gte', value: 10 },
  { fact: 'count', of: 'applications', op: 'gt', value: 0 },
  { fact: 'openedOn', op: 'lt', value: '2020-01-01' },
);

/** A comparison on a Branch that no interpreter may accept. */
const badComparison = fc.oneof(
  fc
    .tuple(hugeNumbers, fc.constantFrom('seats', 'count'))
    .map(([value, fact]) =>
      fact === 'count' ? { fact, of: 'applications', op: 'gt', value } : { fact, op: 'gt', value },
    ),
  fc.tuple(unknownKey, fc.jsonValue()).map(([fact, value]) => ({ fact, op: 'eq', value })),
  fc.constantFrom<Condition>(
    { fact: 'name', op: 'lt', value: 'あ' },
    { fact: 'seats', op: 'contains', value: '1' },
    { fact: 'count', of: 'name', op: 'gt', value: 1 },
    { fact: 'age', of: 'name', op: 'gt', value: 1 },
    { fact: 'applications.zzNope', op: 'eq', value: 1 },
    { fact: 'name.name', op: 'eq', value: 'x' },
    { fact: 'seats', op: 'between', value: [1] },
    { fact: 'seats', op: 'in', value: 3 },
    { fact: 'openedOn', op: 'withinDays', value: 'soon' },
    { fact: 'seats', op: 'like', value: 1 },
    { fact: 'seats', op: 'eq' },
    { op: 'eq', value: 1 },
  ),
  fc.oneof(nulText, structured, fc.constantFrom(Number.NaN, '1e400', '')).map((value) => ({
    fact: 'seats',
    op: 'eq',
    value,
  })),
  nulText.map((value) => ({ fact: 'name', op: 'contains', value })),
  fc.integer({ min: 65, max: 400 }).map((depth) => {
    let condition: Condition = { fact: 'seats', op: 'gt', value: 1 };
    for (let i = 0; i < depth; i++) condition = { not: condition };
    return condition;
  }),
);

/** A condition tree with one bad comparison somewhere in it. */
const badCondition: fc.Arbitrary<Condition> = fc
  .tuple(fc.array(goodComparison, { maxLength: 3 }), badComparison, fc.constantFrom('all', 'any', 'not'), fc.nat())
  .map(([good, bad, combinator, at]) => {
    if (combinator === 'not') return { not: { all: [...good, bad] } };
    const conditions = [...good];
    conditions.splice(at % (good.length + 1), 0, bad);
    return { [combinator]: conditions };
  });

const rule = (condition: Condition, entity = 'Branch') => ({
  kind: 'rule',
  name: 'fuzzRule',
  label: { ja: 'ファズ' },
  entity,
  condition,
});

/** Previews of rules being edited and publishes of rules, each rule with one bad comparison. */
export function badRules(): fc.Arbitrary<FuzzRequest> {
  return fc.oneof(
    badCondition.map((condition) => ({
      caller: 'admin',
      method: 'POST',
      path: '/api/segments/preview',
      body: { rule: rule(condition) },
    })),
    badCondition.map((condition) => ({
      caller: 'admin',
      method: 'POST',
      path: '/api/metadata/publish',
      body: { upserts: [rule(condition)] },
    })),
    fc.oneof(fc.constantFrom('Nope', '', 'branch'), nulText).map((entity) => ({
      caller: 'admin',
      method: 'POST',
      path: '/api/segments/preview',
      body: { rule: rule({ fact: 'seats', op: 'gt', value: 1 }, entity) },
    })),
    fc.oneof(unknownKey, nulText).map((name) => ({
      caller: 'librarian',
      method: 'POST',
      path: `/api/segments/${encodeURIComponent(name)}/preview`,
    })),
  ) as fc.Arbitrary<FuzzRequest>;
}
