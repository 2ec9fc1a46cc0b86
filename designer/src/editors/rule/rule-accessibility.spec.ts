import { expect } from '@esm-bundle/chai';
import { seriousViolations } from '../test-support/axe.ts';
import { mount, unmountAll } from '../test-support/mount.ts';
import { defineRuleEditor } from './index.ts';
import { newSegment, residentEntities } from './resident-fixtures.ts';
import type { RuleMetadata } from './rule-types.ts';

defineRuleEditor();

describe('<kiban-rule-editor> accessibility (axe-core, WCAG 2.1 AA)', () => {
  afterEach(unmountAll);

  it('has no serious or critical violations with nested groups, every kind of value and errors', async () => {
    const item: RuleMetadata = {
      ...newSegment(),
      condition: {
        any: [
          { fact: 'age', of: 'birthDate', op: 'between', value: [65, 74] },
          { fact: 'household.ward', op: 'in', value: ['kita'] },
          {
            not: {
              all: [
                { fact: 'hasCar', op: 'eq', value: true },
                { fact: 'name', op: 'notIn', value: ['a', 'b'] },
              ],
            },
          },
          { fact: 'registeredAt', op: 'gte', value: { relative: '-30d' } },
          { fact: 'birthDate', op: 'withinDays', value: 10 },
          { fact: 'income', op: 'isNull' },
        ],
      },
    };
    const editor = await mount('kiban-rule-editor', {
      item,
      entities: residentEntities,
      errors: [{ pointer: '/condition/any/0/op', code: 'x', message: { ja: '問題', en: 'Problem' } }],
      preview: async () => ({ count: 3 }),
    });
    expect(await seriousViolations(editor)).to.deep.equal([]);
  });
});
