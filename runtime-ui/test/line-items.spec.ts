import { expect } from '@esm-bundle/chai';
import type { KibanForm, KibanSubmitDetail } from '../src/components/index.ts';
import type { EntityMetadata, FormMetadata } from '../src/metadata/index.ts';
import { accessibilityViolations } from './support/axe.ts';
import { publishedCreateSchema } from './support/fixtures.ts';
import {
  choose,
  mount,
  nextEvent,
  settle,
  shadow,
  shadowAll,
  typeInto,
  unmountAll,
  waitUntil,
} from './support/mount.ts';

const label = (ja: string, en: string) => ({ ja, en });

const line: EntityMetadata = {
  kind: 'entity',
  name: 'FeeLine',
  label: label('明細', 'Line'),
  fields: [
    {
      name: 'application',
      type: 'reference',
      label: label('申請', 'Application'),
      target: 'FeeApplication',
      required: true,
    },
    { name: 'title', type: 'string', label: label('証明書', 'Certificate'), required: true },
    { name: 'quantity', type: 'integer', label: label('通数', 'Copies'), required: true, min: 1, max: 100 },
    { name: 'unitFee', type: 'decimal', label: label('単価', 'Fee'), scale: 0 },
    {
      name: 'amount',
      type: 'decimal',
      label: label('金額', 'Amount'),
      scale: 0,
      compute: { mul: [{ fact: 'quantity' }, { fact: 'unitFee' }] },
    },
  ],
};

const application: EntityMetadata = {
  kind: 'entity',
  name: 'FeeApplication',
  label: label('証明書交付申請', 'Certificate application'),
  fields: [
    { name: 'familyName', type: 'string', label: label('姓', 'Family name') },
    { name: 'givenName', type: 'string', label: label('名', 'Given name') },
    {
      name: 'fullName',
      type: 'string',
      label: label('氏名', 'Full name'),
      compute: { concat: [{ fact: 'familyName' }, '　', { fact: 'givenName' }] },
    },
    {
      name: 'lines',
      type: 'collection',
      label: label('明細', 'Lines'),
      target: 'FeeLine',
      inverse: 'application',
      lineItems: { minItems: 1, maxItems: 3 },
    },
    {
      name: 'total',
      type: 'decimal',
      label: label('合計', 'Total'),
      scale: 0,
      compute: { sum: { fact: 'amount' }, of: 'lines' },
    },
  ],
};

const form: FormMetadata = {
  kind: 'form',
  name: 'fee-application',
  label: label('証明書の交付申請', 'Certificate application'),
  entity: 'FeeApplication',
  sections: [
    {
      name: 'main',
      label: label('申請内容', 'Application'),
      fields: [
        { field: 'familyName' },
        { field: 'givenName' },
        { field: 'fullName' },
        { field: 'lines' },
        { field: 'total' },
      ],
    },
  ],
};

function mountForm() {
  return mount('kiban-form', {
    entity: application,
    form,
    recordSchema: publishedCreateSchema(application),
    entities: new Map([application, line].map((entity) => [entity.name, entity])),
    lineItemSchemas: { lines: publishedCreateSchema(line) },
    noDrafts: true,
  });
}

const cellInput = (form: KibanForm, row: number, name: string) =>
  shadow<HTMLInputElement>(form, `#field-lines-${row}-${name}`);

async function fillRow(form: KibanForm, row: number, title: string, quantity: string, fee: string) {
  typeInto(cellInput(form, row, 'title'), title);
  typeInto(cellInput(form, row, 'quantity'), quantity);
  typeInto(cellInput(form, row, 'unitFee'), fee);
  await settle(form);
}

describe('<kiban-form> line items and computed fields', () => {
  afterEach(unmountAll);

  it('shows a table of line items with the live amount per row and the running total', async () => {
    const form = await mountForm();
    expect(shadowAll(form, 'tbody tr')).to.have.length(1);
    await fillRow(form, 0, '住民票の写し', '2', '300');
    expect(shadow(form, '#field-lines-0-amount').textContent).to.equal('600');
    expect(shadow(form, '#field-total').textContent?.trim()).to.equal('600');

    shadowAll<HTMLButtonElement>(form, '.line-items > button').at(-1)?.click();
    await settle(form);
    await fillRow(form, 1, '印鑑登録証明書', '3', '350');
    expect(shadow(form, '#field-total').textContent?.trim()).to.equal('1650');

    typeInto(shadow<HTMLInputElement>(form, '#field-familyName'), '山田');
    typeInto(shadow<HTMLInputElement>(form, '#field-givenName'), '花子');
    await settle(form);
    expect(shadow(form, '#field-fullName').textContent?.trim()).to.equal('山田　花子');
    expect(await accessibilityViolations(form)).to.deep.equal([]);
  });

  it('adds and removes rows within the bounds and submits the rows with the parent', async () => {
    const form = await mountForm();
    const add = () => shadowAll<HTMLButtonElement>(form, '.line-items > button').at(-1) as HTMLButtonElement;
    const removes = () => shadowAll<HTMLButtonElement>(form, 'tbody button');
    expect(removes()[0]?.disabled).to.equal(true);
    add().click();
    await settle(form);
    add().click();
    await settle(form);
    expect(add().disabled).to.equal(true);
    removes()[2]?.click();
    await settle(form);
    expect(shadowAll(form, 'tbody tr')).to.have.length(2);
    await fillRow(form, 0, '住民票の写し', '1', '300');
    await fillRow(form, 1, '戸籍謄本', '2', '450');
    const submitted = nextEvent<KibanSubmitDetail>(form, 'kiban-submit');
    shadow<HTMLButtonElement>(form, 'button[type=submit]').click();
    const { detail } = await submitted;
    expect(detail.values).to.deep.equal({
      lines: [
        { title: '住民票の写し', quantity: 1, unitFee: '300' },
        { title: '戸籍謄本', quantity: 2, unitFee: '450' },
      ],
    });
  });

  it('shows a bad row on its cell and does not submit', async () => {
    const form = await mountForm();
    await fillRow(form, 0, '住民票の写し', '0', '300');
    let submitted = false;
    form.addEventListener('kiban-submit', () => {
      submitted = true;
    });
    shadow<HTMLButtonElement>(form, 'button[type=submit]').click();
    await settle(form);
    expect(submitted).to.equal(false);
    expect(shadow(form, '#field-lines-0-quantity-error').textContent).to.not.equal('');
    expect(cellInput(form, 0, 'quantity').getAttribute('aria-invalid')).to.equal('true');
  });

  it('totals live through a reference: the fee of the item each row picks', async () => {
    const item: EntityMetadata = {
      kind: 'entity',
      name: 'FeeItem',
      label: label('証明書の種類', 'Certificate'),
      titleField: 'title',
      fields: [
        { name: 'title', type: 'string', label: label('名称', 'Title') },
        { name: 'fee', type: 'decimal', label: label('手数料', 'Fee'), scale: 0 },
      ],
    };
    const pickedLine: EntityMetadata = {
      ...line,
      fields: [
        line.fields[0],
        { name: 'item', type: 'reference', label: label('種類', 'Certificate'), target: 'FeeItem', required: true },
        { name: 'quantity', type: 'integer', label: label('通数', 'Copies'), required: true, min: 1 },
        {
          name: 'amount',
          type: 'decimal',
          label: label('金額', 'Amount'),
          scale: 0,
          compute: { mul: [{ fact: 'quantity' }, { fact: 'item.fee' }] },
        },
      ],
    };
    const items = [
      { id: '00000000-0000-4000-8000-000000000001', title: '住民票の写し', fee: '300' },
      { id: '00000000-0000-4000-8000-000000000002', title: '印鑑登録証明書', fee: '350' },
    ];
    const element = await mount('kiban-form', {
      entity: application,
      form,
      recordSchema: publishedCreateSchema(application),
      entities: new Map([application, pickedLine, item].map((entity) => [entity.name, entity])),
      lineItemSchemas: { lines: publishedCreateSchema(pickedLine) },
      lookup: async () => items.map((record) => ({ value: record.id, label: record.title, record })),
      noDrafts: true,
    });
    await waitUntil(() => shadowAll(element, `#field-lines-0-item option[value="${items[1].id}"]`).length === 1);
    choose(shadow<HTMLSelectElement>(element, '#field-lines-0-item'), items[1].id);
    typeInto(cellInput(element, 0, 'quantity'), '2');
    await settle(element);
    expect(shadow(element, '#field-lines-0-amount').textContent).to.equal('700');
    expect(shadow(element, '#field-total').textContent?.trim()).to.equal('700');
    choose(shadow<HTMLSelectElement>(element, '#field-lines-0-item'), items[0].id);
    await settle(element);
    expect(shadow(element, '#field-total').textContent?.trim()).to.equal('600');
  });
});
