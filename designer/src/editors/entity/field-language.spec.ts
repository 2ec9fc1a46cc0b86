import { expect } from '@esm-bundle/chai';
import type { EntityMetadata } from '@kiban/runtime-ui';
import { seriousViolations } from '../test-support/axe.ts';
import {
  choose,
  mount,
  recordItemChanges,
  settle,
  shadow,
  shadowAll,
  toggle,
  typeInto,
  unmountAll,
} from '../test-support/mount.ts';

const label = (ja: string, en: string) => ({ ja, en });

/** A request with line items, each line a quantity of an item with a fee. */
const item: EntityMetadata = {
  kind: 'entity',
  name: 'WasteItem',
  label: label('品目', 'Item'),
  fields: [{ name: 'fee', type: 'decimal', label: label('手数料', 'Fee'), scale: 0 }],
};
const line: EntityMetadata = {
  kind: 'entity',
  name: 'WasteLine',
  label: label('明細', 'Line'),
  fields: [
    { name: 'request', type: 'reference', label: label('申込', 'Request'), target: 'WasteRequest' },
    { name: 'item', type: 'reference', label: label('品目', 'Item'), target: 'WasteItem' },
    { name: 'count', type: 'integer', label: label('個数', 'Count') },
    { name: 'amount', type: 'decimal', label: label('金額', 'Amount'), scale: 0, required: true },
  ],
};
const request: EntityMetadata = {
  kind: 'entity',
  name: 'WasteRequest',
  label: label('粗大ごみ申込', 'Bulky waste request'),
  fields: [
    { name: 'name', type: 'string', label: label('氏名', 'Name') },
    { name: 'preferredDate', type: 'date', label: label('希望日', 'Preferred date') },
    {
      name: 'items',
      type: 'collection',
      label: label('品目の一覧', 'Items'),
      target: 'WasteLine',
      inverse: 'request',
    },
    { name: 'total', type: 'decimal', label: label('合計', 'Total'), scale: 0 },
  ],
};
const entities = [item, line, request];

async function mountEditor(entity: EntityMetadata, errors: unknown[] = []) {
  const editor = await mount('kiban-entity-editor', { item: entity, entities, errors } as never);
  const changes = recordItemChanges<EntityMetadata>(editor);
  const last = () => changes.at(-1) as EntityMetadata;
  return { editor, last };
}

describe('<kiban-entity-editor> formulas, checks and normalisation', () => {
  afterEach(unmountAll);

  it('chooses normalisation steps, kept in the order they run, and drops the key when none is left', async () => {
    const { editor, last } = await mountEditor(request);
    toggle(shadow(editor, '#field-0-normalize-trim'));
    await settle(editor);
    toggle(shadow(editor, '#field-0-normalize-nfkc'));
    await settle(editor);
    expect(last().fields[0].normalize).to.deep.equal(['nfkc', 'trim']);
    toggle(shadow(editor, '#field-0-normalize-nfkc'));
    await settle(editor);
    toggle(shadow(editor, '#field-0-normalize-trim'));
    await settle(editor);
    expect('normalize' in last().fields[0]).to.equal(false);
    expect(shadowAll(editor, '#field-1-normalize')).to.have.length(0);
  });

  it('builds a line amount as count × the fee of the chosen item, and drops what a computed field cannot take', async () => {
    const { editor, last } = await mountEditor(line);
    toggle(shadow(editor, '#field-3-computed'));
    await settle(editor);
    expect(last().fields[3]).to.deep.equal({
      name: 'amount',
      type: 'decimal',
      label: label('金額', 'Amount'),
      scale: 0,
      compute: { fact: 'request' },
    });
    choose(shadow(editor, '#field-3-compute-kind'), 'mul');
    await settle(editor);
    choose(shadow(editor, '#field-3-compute-1-fact'), 'count');
    await settle(editor);
    choose(shadow(editor, '#field-3-compute-2-kind'), 'fact');
    await settle(editor);
    choose(shadow(editor, '#field-3-compute-2-fact'), 'item.fee');
    await settle(editor);
    expect(last().fields[3].compute).to.deep.equal({ mul: [{ fact: 'count' }, { fact: 'item.fee' }] });
    toggle(shadow(editor, '#field-3-computed'));
    await settle(editor);
    expect('compute' in last().fields[3]).to.equal(false);
  });

  it('totals a collection: sum over the rows, whose facts are the line’s, and shows the engine’s error at its control', async () => {
    const error = {
      pointer: '/fields/3/compute/sum/fact',
      code: 'compute.unknownFact',
      message: { ja: '項目がありません。', en: 'No such field.' },
    };
    const totalled = {
      ...request,
      fields: request.fields.map((field) =>
        field.name === 'total' ? { ...field, compute: { sum: { fact: 'gone' }, of: 'items' } } : field,
      ),
    };
    const { editor, last } = await mountEditor(totalled, [error]);
    expect(shadow(editor, '#field-3-compute-1-fact-errors').textContent).to.contain('項目がありません。');
    const options = shadowAll<HTMLOptionElement>(editor, '#field-3-compute-1-fact option').map((each) => each.value);
    expect(options).to.include.members(['count', 'amount', 'item.fee']);
    choose(shadow(editor, '#field-3-compute-1-fact'), 'amount');
    await settle(editor);
    expect(last().fields[3].compute).to.deep.equal({ sum: { fact: 'amount' }, of: 'items' });
    choose(shadow(editor, '#field-3-compute-kind'), 'count');
    await settle(editor);
    expect(last().fields[3].compute).to.deep.equal({ fact: 'count', of: 'items' });
  });

  it('adds checks to a field and to the record, each a condition with its own message', async () => {
    const { editor, last } = await mountEditor(request);
    shadow<HTMLButtonElement>(editor, '#field-1-validations-add').click();
    await settle(editor);
    const condition = last().fields[1].validations?.[0]?.condition as { fact: string } | undefined;
    expect(condition?.fact).to.equal('preferredDate');
    typeInto(shadow(editor, '#field-1-validations-0-message-ja'), '3 開庁日より後の日を選んでください。');
    await settle(editor);
    expect(last().fields[1].validations?.[0]?.message).to.deep.equal({ ja: '3 開庁日より後の日を選んでください。' });
    shadow<HTMLButtonElement>(editor, '#entity-validations-add').click();
    await settle(editor);
    expect(last().validations).to.have.length(1);
    shadow<HTMLButtonElement>(editor, '#entity-validations-0-delete').click();
    await settle(editor);
    expect('validations' in last()).to.equal(false);
    shadow<HTMLButtonElement>(editor, '#field-1-validations-0-delete').click();
    await settle(editor);
    expect('validations' in last().fields[1]).to.equal(false);
  });

  it('passes axe with a formula, a check and normalisation open', async () => {
    const open: EntityMetadata = {
      ...request,
      validations: [{ condition: { fact: 'name', op: 'isNotNull' } }],
      fields: request.fields.map((field) => {
        if (field.name === 'name') return { ...field, normalize: ['nfkc'] };
        if (field.name === 'total') return { ...field, compute: { sum: { fact: 'amount' }, of: 'items' } };
        return field;
      }),
    };
    const { editor } = await mountEditor(open);
    expect(await seriousViolations(editor)).to.deep.equal([]);
  });
});
