import { expect } from '@esm-bundle/chai';
import type { FormMetadata } from '@kiban/runtime-ui';
import { sendKeys } from '@web/test-runner-commands';
import { seriousViolations } from '../test-support/axe.ts';
import { applicationForm, entities } from '../test-support/fixtures.ts';
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

async function mountBuilder(properties: Partial<HTMLElementTagNameMap['kiban-form-builder']> = {}) {
  const builder = await mount('kiban-form-builder', { item: applicationForm, entities, ...properties });
  const changes = recordItemChanges<FormMetadata>(builder);
  const last = () => changes.at(-1) as FormMetadata;
  return { builder, changes, last };
}

/** The application form with `fields` as the placements of its only section. */
function withPlacements(fields: FormMetadata['sections'][number]['fields']): FormMetadata {
  return { ...applicationForm, sections: [{ ...applicationForm.sections[0], fields }] };
}

const placed = (form: FormMetadata, section = 0) => form.sections[section].fields.map((placement) => placement.field);

/** Drags `source` onto `target` the way a browser does: dragstart, dragover, drop, sharing one DataTransfer. */
function dragAndDrop(source: Element, target: Element): { accepted: boolean } {
  const dataTransfer = new DataTransfer();
  const fire = (element: Element, type: string) => {
    const event = new DragEvent(type, { dataTransfer, bubbles: true, composed: true, cancelable: true });
    element.dispatchEvent(event);
    return event;
  };
  fire(source, 'dragstart');
  const over = fire(target, 'dragover');
  fire(target, 'drop');
  fire(source, 'dragend');
  return { accepted: over.defaultPrevented };
}

describe('<kiban-form-builder>', () => {
  afterEach(unmountAll);

  it('offers the entity fields not yet on the form in the palette', async () => {
    const { builder } = await mountBuilder();
    const offered = shadowAll(builder, '.palette-field').map((item) => item.dataset.field);
    expect(offered).to.deep.equal(['birthDate', 'phone', 'postalCode']);
    expect(shadow(builder, '.palette-field').getAttribute('draggable')).to.equal('true');
  });

  it('adds a field to the chosen section by keyboard, and focus goes on to the next field', async () => {
    const { builder, last } = await mountBuilder();
    const add = shadow<HTMLButtonElement>(builder, '#palette-add-phone');
    expect(add.getAttribute('aria-label')).to.equal('「電話番号」を「ご本人」に追加');
    add.focus();
    await sendKeys({ press: 'Enter' });
    await settle(builder);
    expect(placed(last())).to.deep.equal(['name', 'contact', 'phone']);
    expect(builder.shadowRoot?.activeElement?.id).to.equal('palette-add-postalCode');
    expect(shadowAll(builder, '[data-field=phone]')).to.have.length(0);
  });

  it('adds a field to a section by dragging it from the palette', async () => {
    const { builder, last } = await mountBuilder();
    const source = shadow(builder, '.palette-field[data-field=birthDate]');
    const { accepted } = dragAndDrop(source, shadow(builder, '#placement-0-1-title'));
    await settle(builder);
    expect(accepted).to.equal(true);
    expect(placed(last())).to.deep.equal(['name', 'birthDate', 'contact']);
  });

  it('appends a dragged field when it is dropped on the section outside its rows', async () => {
    const { builder, last } = await mountBuilder();
    dragAndDrop(shadow(builder, '.palette-field[data-field=postalCode]'), shadow(builder, '.drop-zone'));
    await settle(builder);
    expect(placed(last())).to.deep.equal(['name', 'contact', 'postalCode']);
  });

  it('reorders placed fields by dragging and with the move buttons', async () => {
    const { builder, last } = await mountBuilder();
    const rows = shadowAll(builder, '.placement');
    dragAndDrop(rows[1], rows[0]);
    await settle(builder);
    expect(placed(last())).to.deep.equal(['contact', 'name']);
    shadow<HTMLButtonElement>(builder, '#placement-0-0-down').click();
    await settle(builder);
    expect(placed(last())).to.deep.equal(['name', 'contact']);
    expect(builder.shadowRoot?.activeElement?.id).to.equal('placement-0-1-up');
  });

  it('moves a field into another section by dragging', async () => {
    const { builder, last } = await mountBuilder();
    shadow<HTMLButtonElement>(builder, '#add-section').click();
    await settle(builder);
    const zones = shadowAll(builder, '.drop-zone');
    dragAndDrop(shadow(builder, '#placement-0-1-title'), zones[1]);
    await settle(builder);
    expect(placed(last(), 0)).to.deep.equal(['name']);
    expect(placed(last(), 1)).to.deep.equal(['contact']);
  });

  it('adds, renames and removes sections; a removed section returns its fields to the palette', async () => {
    const { builder, last } = await mountBuilder();
    shadow<HTMLButtonElement>(builder, '#add-section').click();
    await settle(builder);
    expect(last().sections[1]).to.deep.equal({ name: 'section-2', label: { ja: 'セクション 2' }, fields: [] });
    expect(shadow<HTMLSelectElement>(builder, '#palette-target').value).to.equal('1');
    typeInto(shadow(builder, '#section-1-name'), 'contact');
    await settle(builder);
    typeInto(shadow(builder, '#section-1-label-ja'), '連絡先');
    await settle(builder);
    expect(last().sections[1]).to.deep.include({ name: 'contact', label: { ja: '連絡先' } });
    shadow<HTMLButtonElement>(builder, '#palette-add-phone').click();
    await settle(builder);
    expect(placed(last(), 1)).to.deep.equal(['phone']);
    shadow<HTMLButtonElement>(builder, '#section-0-remove').click();
    await settle(builder);
    expect(last().sections.map((section) => section.name)).to.deep.equal(['contact']);
    expect(shadowAll(builder, '.palette-field').map((item) => item.dataset.field)).to.include.members([
      'name',
      'contact',
    ]);
  });

  it('adds, renames and removes steps, keeping the sections on them', async () => {
    const { builder, last } = await mountBuilder();
    shadow<HTMLButtonElement>(builder, '#add-step').click();
    await settle(builder);
    expect(last().steps).to.deep.equal([{ name: 'step-1', label: { ja: 'ステップ 1' } }]);
    expect(last().sections[0].step).to.equal('step-1');
    typeInto(shadow(builder, '#step-0-name'), 'about-you');
    await settle(builder);
    expect(last().steps?.[0].name).to.equal('about-you');
    expect(last().sections[0].step).to.equal('about-you');
    shadow<HTMLButtonElement>(builder, '#add-step').click();
    await settle(builder);
    choose(shadow(builder, '#section-0-step'), 'step-2');
    await settle(builder);
    expect(last().sections[0].step).to.equal('step-2');
    shadow<HTMLButtonElement>(builder, '#step-1-remove').click();
    await settle(builder);
    expect(last().steps?.map((step) => step.name)).to.deep.equal(['about-you']);
    expect(last().sections[0]).not.to.have.property('step');
    shadow<HTMLButtonElement>(builder, '#step-0-remove').click();
    await settle(builder);
    expect(last()).not.to.have.property('steps');
  });

  it('sets widget, help, placeholder and read-only of a placed field', async () => {
    const { builder, last } = await mountBuilder();
    typeInto(shadow(builder, '#placement-0-0-widget'), 'textarea');
    await settle(builder);
    typeInto(shadow(builder, '#placement-0-0-help-ja'), '戸籍上の氏名');
    await settle(builder);
    typeInto(shadow(builder, '#placement-0-0-placeholder-en'), 'Taro Yamada');
    await settle(builder);
    toggle(shadow(builder, '#placement-0-0-readOnly'));
    await settle(builder);
    expect(last().sections[0].fields[0]).to.deep.equal({
      field: 'name',
      widget: 'textarea',
      help: { ja: '戸籍上の氏名' },
      placeholder: { en: 'Taro Yamada' },
      readOnly: true,
    });
  });

  it('edits a visibleWhen condition: field, operator and a value of the right kind', async () => {
    const { builder, last } = await mountBuilder();
    shadow<HTMLButtonElement>(builder, '#palette-add-phone').click();
    await settle(builder);
    const condition = () => last().sections[0].fields[2].visibleWhen;
    toggle(shadow(builder, '#placement-0-2-condition-enabled'));
    await settle(builder);
    expect(condition()).to.deep.equal({ field: 'name', op: 'isNull', value: false });
    choose(shadow(builder, '#placement-0-2-condition-field'), 'contact');
    await settle(builder);
    choose(shadow(builder, '#placement-0-2-condition-op'), 'eq');
    await settle(builder);
    expect(shadow(builder, '#placement-0-2-condition-value').localName).to.equal('select');
    choose(shadow(builder, '#placement-0-2-condition-value'), 'phone');
    await settle(builder);
    expect(condition()).to.deep.equal({ field: 'contact', op: 'eq', value: 'phone' });
    choose(shadow(builder, '#placement-0-2-condition-op'), 'in');
    await settle(builder);
    typeInto(shadow(builder, '#placement-0-2-condition-value'), 'phone, mail');
    await settle(builder);
    expect(condition()).to.deep.equal({ field: 'contact', op: 'in', value: ['phone', 'mail'] });
    toggle(shadow(builder, '#placement-0-2-condition-enabled'));
    await settle(builder);
    expect(last().sections[0].fields[2]).not.to.have.property('visibleWhen');
  });

  it('edits a nested visibleWhen as a tree: groups added, negated and removed, by keyboard too', async () => {
    const comparison = { field: 'contact', op: 'eq' as const, value: 'phone' };
    const { builder, last } = await mountBuilder({
      item: withPlacements([{ field: 'name' }, { field: 'phone', visibleWhen: comparison }]),
    });
    const pointer = '/sections/0/fields/1/visibleWhen';
    const condition = () => last().sections[0].fields[1].visibleWhen;
    const tool = (at: string, name: string) =>
      shadow<HTMLButtonElement>(
        builder,
        `fieldset.node[data-pointer="${pointer}${at}"] > .node-tools > button.${name}`,
      );
    const id = '#placement-0-1-condition';
    // The single comparison keeps its controls' ids; making it a group lets others go beside it.
    expect(shadow<HTMLSelectElement>(builder, `${id}-field`).value).to.equal('contact');
    tool('', 'wrap').click();
    await settle(builder);
    expect(condition()).to.deep.equal({ all: [comparison] });

    shadow<HTMLButtonElement>(builder, `${id}-add-group`).click();
    await settle(builder);
    const fresh = { field: 'name', op: 'isNull', value: false };
    expect(condition()).to.deep.equal({ all: [comparison, { all: [fresh] }] });
    choose(shadow(builder, `${id}-all-1-kind`), 'any');
    await settle(builder);
    // By keyboard: Enter on the nested group's "add condition", in the opened display settings.
    shadow<HTMLDetailsElement>(builder, '.placement:nth-child(2) details').open = true;
    await settle(builder);
    shadow<HTMLButtonElement>(builder, `${id}-all-1-add-comparison`).focus();
    await sendKeys({ press: 'Enter' });
    await settle(builder);
    choose(shadow(builder, `${id}-all-1-any-1-field`), 'contact');
    await settle(builder);
    choose(shadow(builder, `${id}-all-1-any-1-op`), 'eq');
    await settle(builder);
    choose(shadow(builder, `${id}-all-1-any-1-value`), 'mail');
    await settle(builder);
    const mail = { field: 'contact', op: 'eq', value: 'mail' };
    expect(condition()).to.deep.equal({ all: [comparison, { any: [fresh, mail] }] });

    tool('/all/1', 'negate').click();
    await settle(builder);
    expect(condition()).to.deep.equal({ all: [comparison, { not: { any: [fresh, mail] } }] });
    tool('/all/1/not/any/0', 'remove').click();
    await settle(builder);
    expect(condition()).to.deep.equal({ all: [comparison, { not: { any: [mail] } }] });
    expect(shadow<HTMLSelectElement>(builder, `${id}-all-1-not-any-0-value`).value).to.equal('mail');
    expect(await seriousViolations(builder)).to.deep.equal([]);

    tool('/all/1', 'unwrap-not').click();
    await settle(builder);
    expect(condition()).to.deep.equal({ all: [comparison, { any: [mail] }] });
    tool('/all/1', 'remove').click();
    await settle(builder);
    expect(condition()).to.deep.equal({ all: [comparison] });
    // Other edits of the placement keep the condition as it is.
    typeInto(shadow(builder, '#placement-0-1-widget'), 'tel');
    await settle(builder);
    expect(condition()).to.deep.equal({ all: [comparison] });
  });

  it('shows the errors of a nested visibleWhen at their nodes', async () => {
    const message = (text: string) => ({ ja: text, en: text });
    const { builder } = await mountBuilder({
      item: withPlacements([
        { field: 'name' },
        {
          field: 'phone',
          visibleWhen: { all: [{ not: { field: 'contact', op: 'eq', value: 3 } }, { any: [] }] },
        },
      ]),
      errors: [
        { pointer: '/sections/0/fields/1/visibleWhen/all/0/not/value', code: 'x', message: message('値の誤り') },
        { pointer: '/sections/0/fields/1/visibleWhen/all/1/any', code: 'x', message: message('空のグループ') },
        { pointer: '/sections/0/fields/1/visibleWhen/all/0/not/extra', code: 'x', message: message('余分') },
      ],
    });
    const id = '#placement-0-1-condition';
    expect(shadow(builder, `${id}-all-0-not-value-errors`).textContent).to.contain('値の誤り');
    expect(shadow(builder, `${id}-all-1-kind-errors`).textContent).to.contain('空のグループ');
    expect(shadow(builder, `${id}-all-0-not-node-errors`).textContent).to.contain('余分');
    expect(await seriousViolations(builder)).to.deep.equal([]);
  });

  it('edits the prefill: profile path and consent', async () => {
    const { builder, last } = await mountBuilder();
    shadow<HTMLButtonElement>(builder, '#palette-add-postalCode').click();
    await settle(builder);
    toggle(shadow(builder, '#placement-0-2-prefill-enabled'));
    await settle(builder);
    typeInto(shadow(builder, '#placement-0-2-prefill-path'), 'address.postalCode');
    await settle(builder);
    toggle(shadow(builder, '#placement-0-2-prefill-consent'));
    await settle(builder);
    expect(last().sections[0].fields[2]).to.deep.equal({
      field: 'postalCode',
      prefill: { source: 'profile', path: 'address.postalCode', requiresConsent: true },
    });
  });

  it('shows each validation error at the place its pointer names', async () => {
    const message = (text: string) => ({ ja: text, en: `${text} (en)` });
    const { builder } = await mountBuilder({
      item: withPlacements([
        { field: 'name' },
        {
          field: 'contact',
          visibleWhen: { field: 'name', op: 'eq', value: 'x' },
          prefill: { source: 'profile', path: 'x' },
        },
      ]),
      language: 'en',
      errors: [
        { pointer: '/sections/0/fields/1/visibleWhen/value', code: 'schema.type', message: message('値') },
        { pointer: '/sections/0/fields/0/field', code: 'semantic.unknownField', message: message('項目') },
        { pointer: '/sections/0/name', code: 'schema.pattern', message: message('名前') },
        { pointer: '/sections/0/fields/1/prefill/path', code: 'schema.pattern', message: message('パス') },
        { pointer: '/entity', code: 'semantic.unknownEntity', message: message('エンティティ') },
      ],
    });
    expect(shadow(builder, '#placement-0-1-condition-value-errors').textContent).to.contain('値 (en)');
    expect(shadow(builder, '#placement-0-1-prefill-path-errors').textContent).to.contain('パス (en)');
    expect(shadow<HTMLDetailsElement>(builder, '.placement:nth-child(2) details').open).to.equal(true);
    expect(shadow(builder, '#placement-0-0-field-errors').textContent).to.contain('項目 (en)');
    expect(shadow(builder, '#section-0-name-errors').textContent).to.contain('名前 (en)');
    expect(shadow(builder, '#form-other-errors').textContent).to.contain('エンティティ (en)');
  });
});
