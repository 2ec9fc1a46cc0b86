import { describe, expect, it } from 'vitest';
import { car, household, resident, residentRule } from '../rules/test-entities.ts';
import type { RuleCondition } from './types.ts';
import { validateMetadata } from './validate.ts';

const problems = (condition: RuleCondition) =>
  validateMetadata([household, resident, car, residentRule(condition)]).map(({ pointer, code }) => ({ pointer, code }));

describe('rule checks', () => {
  it('accepts facts, reference paths, ages and relative dates that fit', () => {
    expect(
      problems({
        all: [
          { fact: 'age', of: 'birthDate', op: 'between', value: [65, 74] },
          { fact: 'household.ward', op: 'eq', value: 'kita' },
          { not: { fact: 'hasCar', op: 'eq', value: true } },
          { fact: 'registeredAt', op: 'gte', value: { relative: '-30d' } },
          { fact: 'tags', op: 'arrayContains', value: 'senior' },
          { fact: 'count', of: 'cars', op: 'eq', value: 0 },
        ],
      }),
    ).toEqual([]);
  });

  it('reports unknown facts, misfit operators and values where they are', () => {
    expect(
      problems({
        any: [
          { fact: 'nmae', op: 'eq', value: 'x' },
          { fact: 'name', op: 'lt', value: 'x' },
          { fact: 'household.ward', op: 'eq', value: 'east' },
          { fact: 'age', of: 'income', op: 'gt', value: 3 },
          { fact: 'householdSize', op: 'eq', value: 1.5 },
          { fact: 'name.ward', op: 'eq', value: 'x' },
          { fact: 'count', of: 'name', op: 'gt', value: 0 },
        ],
      }),
    ).toEqual([
      { pointer: '/condition/any/0/fact', code: 'semantic.rule.unknownFact' },
      { pointer: '/condition/any/1/op', code: 'semantic.rule.operatorMismatch' },
      { pointer: '/condition/any/2/value', code: 'semantic.rule.invalidValue' },
      { pointer: '/condition/any/3/of', code: 'semantic.rule.ageNeedsDate' },
      { pointer: '/condition/any/4/value', code: 'semantic.rule.invalidValue' },
      { pointer: '/condition/any/5/fact', code: 'semantic.rule.notAReference' },
      { pointer: '/condition/any/6/of', code: 'semantic.rule.countNeedsCollection' },
    ]);
  });

  it('refuses by schema a value for isNull and a missing one elsewhere', () => {
    expect(problems({ fact: 'name', op: 'isNull', value: true }).length).toBeGreaterThan(0);
    expect(problems({ fact: 'name', op: 'eq' } as RuleCondition).length).toBeGreaterThan(0);
  });
});
