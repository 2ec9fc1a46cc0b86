import { describe, expect, it } from 'vitest';
import type { RuleCondition } from '../metadata/types.ts';
import { compileRuleToSql } from './compile-sql.ts';
import { evaluateRule } from './evaluate.ts';
import { ageOn, evaluationDate } from './evaluation-date.ts';
import { resident, residentRule, ruleEntities } from './test-entities.ts';

const matches = (condition: RuleCondition, subject: Record<string, unknown>, now: string, related = {}) =>
  evaluateRule(residentRule(condition), subject, {
    now: new Date(now),
    entity: resident,
    entities: ruleEntities,
    related,
  });

describe('the evaluation date', () => {
  it('is the calendar date in Tokyo, whatever the zone of the instant', () => {
    expect(evaluationDate(new Date('2024-02-28T14:59:59.999Z')).today).toBe('2024-02-28');
    expect(evaluationDate(new Date('2024-02-28T15:00:00.000Z')).today).toBe('2024-02-29');
  });

  it('counts a 29 February birthday from 1 March in common years', () => {
    expect(ageOn('1960-02-29', '2025-02-28')).toBe(64);
    expect(ageOn('1960-02-29', '2025-03-01')).toBe(65);
    expect(ageOn('1960-02-29', '2024-02-29')).toBe(64);
    expect(ageOn('1960-03-01', '2024-02-29')).toBe(63);
  });
});

describe('evaluateRule', () => {
  const aged65 = { fact: 'age', of: 'birthDate', op: 'gte', value: 65 } as const;

  it('turns 65 on the Tokyo date of the birthday', async () => {
    const subject = { birthDate: '1959-03-01' };
    expect(await matches(aged65, subject, '2024-02-29T14:59:59.999Z')).toBe(false);
    expect(await matches(aged65, subject, '2024-02-29T15:00:00.000Z')).toBe(true);
  });

  it('treats a comparison with a missing value as false, so its negation holds', async () => {
    expect(await matches(aged65, { birthDate: null }, '2025-01-01T00:00:00Z')).toBe(false);
    expect(await matches({ not: aged65 }, { birthDate: null }, '2025-01-01T00:00:00Z')).toBe(true);
    expect(await matches({ fact: 'income', op: 'ne', value: 1 }, {}, '2025-01-01T00:00:00Z')).toBe(false);
    expect(await matches({ fact: 'income', op: 'isNull' }, {}, '2025-01-01T00:00:00Z')).toBe(true);
  });

  it('reads facts through a reference from the related records', async () => {
    const inKita = { fact: 'household.ward', op: 'eq', value: 'kita' } as const;
    expect(await matches(inKita, {}, '2025-01-01T00:00:00Z', { household: { ward: 'kita' } })).toBe(true);
    expect(await matches(inKita, {}, '2025-01-01T00:00:00Z', {})).toBe(false);
  });

  it('counts withinDays back from today, both ends included', async () => {
    const recent = { fact: 'birthDate', op: 'withinDays', value: 30 } as const;
    const now = '2025-03-31T03:00:00Z';
    expect(await matches(recent, { birthDate: '2025-03-01' }, now)).toBe(true);
    expect(await matches(recent, { birthDate: '2025-02-28' }, now)).toBe(false);
    expect(await matches(recent, { birthDate: '2025-04-01' }, now)).toBe(false);
  });

  it('folds only Latin case in contains', async () => {
    expect(
      await matches({ fact: 'name', op: 'contains', value: 'sato' }, { name: 'SATO Taro' }, '2025-01-01T00:00:00Z'),
    ).toBe(true);
  });
});

describe('compileRuleToSql', () => {
  it('binds every value and quotes every identifier', () => {
    const rule = residentRule({
      all: [
        { fact: 'name', op: 'eq', value: "x'; drop table app_resident; --" },
        { fact: 'household.ward', op: 'in', value: ['kita'] },
      ],
    });
    const { text, values } = compileRuleToSql(rule, resident, {
      now: new Date('2025-01-01T00:00:00Z'),
      entities: ruleEntities,
    });
    expect(text).not.toContain('drop table');
    expect(text).toContain('"app_household"');
    expect(values).toEqual(["x'; drop table app_resident; --", ['kita']]);
  });
});
