import { expect } from '@esm-bundle/chai';
import {
  choose,
  mount,
  recordItemChanges,
  settle,
  shadow,
  shadowAll,
  typeInto,
  unmountAll,
} from '../test-support/mount.ts';
import { defineRuleEditor } from './index.ts';
import { newSegment, residentEntities } from './resident-fixtures.ts';
import type { RuleMetadata } from './rule-types.ts';

defineRuleEditor();

async function openEditor(properties: Partial<HTMLElementTagNameMap['kiban-rule-editor']> = {}) {
  return mount('kiban-rule-editor', { item: newSegment(), entities: residentEntities, ...properties });
}

/** Picks `value` in the select `#id` and waits for the editor to draw the result. */
async function pick(editor: HTMLElementTagNameMap['kiban-rule-editor'], id: string, value: string) {
  choose(shadow<HTMLSelectElement>(editor, `#${id}`), value);
  await settle(editor);
}

async function type(editor: HTMLElementTagNameMap['kiban-rule-editor'], id: string, text: string) {
  typeInto(shadow<HTMLInputElement>(editor, `#${id}`), text);
  await settle(editor);
}

async function click(editor: HTMLElementTagNameMap['kiban-rule-editor'], selector: string) {
  shadow<HTMLButtonElement>(editor, selector).click();
  await settle(editor);
}

const ADD_TO_ROOT = 'fieldset[data-pointer="/condition"] > .toolbar > .add-comparison';

describe('<kiban-rule-editor>', () => {
  afterEach(unmountAll);

  it('builds "aged 65–74 in Kita without a car" with five conditions through the controls', async () => {
    const editor = await openEditor();
    const changes = recordItemChanges<RuleMetadata>(editor);

    await pick(editor, 'node-all-0-fact', 'age:birthDate');
    await pick(editor, 'node-all-0-op', 'between');
    await type(editor, 'node-all-0-lower', '65');
    await type(editor, 'node-all-0-upper', '74');

    await click(editor, ADD_TO_ROOT);
    await pick(editor, 'node-all-1-fact', 'household.ward');
    await pick(editor, 'node-all-1-value', 'kita');

    await click(editor, ADD_TO_ROOT);
    await pick(editor, 'node-all-2-fact', 'hasCar');
    await click(editor, 'fieldset[data-pointer="/condition/all/2"] .negate');

    await click(editor, ADD_TO_ROOT);
    await pick(editor, 'node-all-3-fact', 'income');
    await pick(editor, 'node-all-3-op', 'lt');
    await type(editor, 'node-all-3-value', '3000000');

    await click(editor, ADD_TO_ROOT);
    await pick(editor, 'node-all-4-fact', 'registeredAt');
    await pick(editor, 'node-all-4-op', 'withinDays');
    await type(editor, 'node-all-4-days', '365');

    expect(changes.at(-1)).to.deep.equal({
      ...newSegment(),
      condition: {
        all: [
          { fact: 'age', of: 'birthDate', op: 'between', value: [65, 74] },
          { fact: 'household.ward', op: 'eq', value: 'kita' },
          { not: { fact: 'hasCar', op: 'eq', value: true } },
          { fact: 'income', op: 'lt', value: 3000000 },
          { fact: 'registeredAt', op: 'withinDays', value: 365 },
        ],
      },
    });
    expect(changes.every((item, index) => item !== changes[index - 1])).to.equal(true);
  });

  it('offers only the operators that fit the fact, and a value input that fits the operator', async () => {
    const editor = await openEditor();
    const operators = () => shadowAll<HTMLOptionElement>(editor, '#node-all-0-op option').map((option) => option.value);

    expect(operators()).to.deep.equal(['eq', 'ne', 'in', 'notIn', 'contains', 'isNull', 'isNotNull']);
    await pick(editor, 'node-all-0-fact', 'age:birthDate');
    expect(operators()).to.deep.equal([
      'eq',
      'ne',
      'lt',
      'lte',
      'gt',
      'gte',
      'between',
      'in',
      'notIn',
      'isNull',
      'isNotNull',
    ]);
    await pick(editor, 'node-all-0-fact', 'registeredAt');
    expect(operators()).to.include('withinDays').and.not.include('contains');
    await pick(editor, 'node-all-0-fact', 'tags');
    expect(operators()).to.deep.equal(['arrayContains', 'isNull', 'isNotNull']);
    await pick(editor, 'node-all-0-fact', 'count:cars');
    expect(operators()).to.include('between').and.not.include('withinDays');

    await pick(editor, 'node-all-0-fact', 'household.ward');
    await pick(editor, 'node-all-0-op', 'in');
    expect(shadowAll(editor, 'fieldset[data-pointer="/condition/all/0"] input[type=checkbox]')).to.have.length(3);
    await pick(editor, 'node-all-0-op', 'isNull');
    expect(shadowAll(editor, 'fieldset[data-pointer="/condition/all/0"] input')).to.have.length(0);
    expect(editor.item?.condition).to.deep.equal({ all: [{ fact: 'household.ward', op: 'isNull' }] });
  });

  it('takes a date relative to the evaluation date, such as -30d', async () => {
    const editor = await openEditor();
    await pick(editor, 'node-all-0-fact', 'birthDate');
    await pick(editor, 'node-all-0-op', 'gte');
    expect(shadow<HTMLSelectElement>(editor, '#node-all-0-value-mode').value).to.equal('relative');
    await type(editor, 'node-all-0-value', '-30');
    expect(editor.item?.condition).to.deep.equal({
      all: [{ fact: 'birthDate', op: 'gte', value: { relative: '-30d' } }],
    });
    await pick(editor, 'node-all-0-value-mode', 'absolute');
    await type(editor, 'node-all-0-value', '1950-04-01');
    expect(editor.item?.condition).to.deep.equal({ all: [{ fact: 'birthDate', op: 'gte', value: '1950-04-01' }] });
  });

  it('nests, reorders and removes groups', async () => {
    const editor = await openEditor();
    await click(editor, 'fieldset[data-pointer="/condition"] > .toolbar > .add-group');
    await pick(editor, 'node-all-1-kind', 'any');
    await click(editor, 'fieldset[data-pointer="/condition/all/1"] > .toolbar > .add-comparison');
    expect(editor.item?.condition).to.deep.equal({
      all: [
        { fact: 'name', op: 'eq', value: '' },
        {
          any: [
            { fact: 'name', op: 'eq', value: '' },
            { fact: 'name', op: 'eq', value: '' },
          ],
        },
      ],
    });
    await click(editor, 'fieldset[data-pointer="/condition/all/1"] > .node-tools > .move-up');
    await click(editor, 'fieldset[data-pointer="/condition/all/1"] > .node-tools > .remove');
    const blank = { fact: 'name', op: 'eq', value: '' };
    expect(editor.item?.condition).to.deep.equal({ all: [{ any: [blank, blank] }] });
  });

  it('shows each error at the node or control its pointer names, and the rest in a summary', async () => {
    const message = (text: string) => ({ ja: text, en: text });
    const item: RuleMetadata = {
      ...newSegment(),
      condition: {
        all: [
          { fact: 'age', of: 'birthDate', op: 'between', value: [74, 65] },
          { fact: 'name', op: 'eq', value: 'x' },
        ],
      },
    };
    const editor = await openEditor({
      item,
      errors: [
        { pointer: '/condition/all/1/op', code: 'rule.operator', message: message('演算子が合いません') },
        { pointer: '/condition/all/0/value/1', code: 'rule.range', message: message('上限が下限より小さい') },
        { pointer: '/condition/all/0', code: 'rule.node', message: message('条件全体の問題') },
        { pointer: '/description', code: 'schema', message: message('説明の問題') },
      ],
    });
    const node = (index: number) => shadow(editor, `fieldset[data-pointer="/condition/all/${index}"]`);
    expect(shadow(editor, '#node-all-1-op').getAttribute('aria-invalid')).to.equal('true');
    expect(node(1).textContent).to.contain('演算子が合いません');
    expect(node(1).textContent).not.to.contain('上限が下限より小さい');
    expect(shadow(editor, '#node-all-0-upper').getAttribute('aria-invalid')).to.equal('true');
    expect(shadow(editor, '#node-all-0-lower').hasAttribute('aria-invalid')).to.equal(false);
    expect(node(0).querySelector(':scope > .errors')?.textContent).to.contain('条件全体の問題');
    expect(shadow(editor, '#other-errors').textContent).to.contain('説明の問題');
  });
});
