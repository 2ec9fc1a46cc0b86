import { expect } from '@esm-bundle/chai';
import type { EntityMetadata } from '@kiban/runtime-ui';
import { sendKeys } from '@web/test-runner-commands';
import { applicant, entities } from '../test-support/fixtures.ts';
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

async function mountEditor(properties: Partial<HTMLElementTagNameMap['kiban-entity-editor']> = {}) {
  const editor = await mount('kiban-entity-editor', { item: applicant, entities, ...properties });
  const changes = recordItemChanges<EntityMetadata>(editor);
  const last = () => changes.at(-1) as EntityMetadata;
  return { editor, changes, last };
}

const names = (item: EntityMetadata) => item.fields.map((field) => field.name);

describe('<kiban-entity-editor>', () => {
  afterEach(unmountAll);

  it('adds a field and focuses its name', async () => {
    const { editor, changes, last } = await mountEditor();
    shadow<HTMLButtonElement>(editor, '#add-field').click();
    await settle(editor);
    expect(changes).to.have.length(1);
    expect(last().fields[5]).to.deep.equal({ name: 'field6', type: 'string', label: { ja: '新しいフィールド 6' } });
    expect(last()).not.to.equal(applicant);
    expect(editor.shadowRoot?.activeElement?.id).to.equal('field-5-name');
  });

  it('renames a field (name and label) and lets the title field follow', async () => {
    const { editor, last } = await mountEditor();
    typeInto(shadow(editor, '#field-0-name'), 'fullName');
    await settle(editor);
    expect(last().fields[0].name).to.equal('fullName');
    expect(last().titleField).to.equal('fullName');
    typeInto(shadow(editor, '#field-0-label-en'), 'Full name');
    await settle(editor);
    expect(last().fields[0].label).to.deep.equal({ ja: '氏名', en: 'Full name' });
    typeInto(shadow(editor, '#field-0-label-en'), '');
    await settle(editor);
    expect(last().fields[0].label).to.deep.equal({ ja: '氏名' });
  });

  it('warns that renaming a published field drops and adds a column', async () => {
    const { editor } = await mountEditor({ published: applicant });
    expect(shadowAll(editor, '#field-0-name-note')).to.have.length(0);
    typeInto(shadow(editor, '#field-0-name'), 'fullName');
    await settle(editor);
    typeInto(shadow(editor, '#field-0-name'), 'familyName');
    await settle(editor);
    const note = shadow(editor, '#field-0-name-note');
    expect(note.textContent).to.contain('「name」').and.contain('列を削除');
    expect(shadow(editor, '#field-0-name').getAttribute('aria-describedby')).to.contain('field-0-name-note');
    typeInto(shadow(editor, '#field-0-name'), 'name');
    await settle(editor);
    expect(shadowAll(editor, '#field-0-name-note')).to.have.length(0);
  });

  it('does not warn about renaming a field that was never published', async () => {
    const { editor } = await mountEditor();
    typeInto(shadow(editor, '#field-0-name'), 'fullName');
    await settle(editor);
    expect(shadowAll(editor, '#field-0-name-note')).to.have.length(0);
  });

  it('reorders fields with the move buttons and keeps focus on the moved field', async () => {
    const { editor, last } = await mountEditor();
    shadow(editor, '#field-0-down').focus();
    await sendKeys({ press: 'Enter' });
    await settle(editor);
    expect(names(last())).to.deep.equal(['birthDate', 'name', 'contact', 'phone', 'postalCode']);
    expect(editor.shadowRoot?.activeElement?.id).to.equal('field-1-down');
    // Shift+Tab reaches the up button of the same card: the whole move works from the keyboard.
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    expect(editor.shadowRoot?.activeElement?.id).to.equal('field-1-up');
    await sendKeys({ press: 'Space' });
    await settle(editor);
    expect(names(last())).to.deep.equal(names(applicant));
    expect(editor.shadowRoot?.activeElement?.id).to.equal('field-0-down');
    expect(shadow<HTMLButtonElement>(editor, '#field-0-up').disabled).to.equal(true);
    expect(shadow<HTMLButtonElement>(editor, '#field-4-down').disabled).to.equal(true);
    expect(shadow(editor, '[role=status][aria-live]').textContent).to.contain('1 番目');
  });

  it('deletes a field and clears the title field that named it', async () => {
    const { editor, last } = await mountEditor();
    shadow<HTMLButtonElement>(editor, '#field-0-delete').click();
    await settle(editor);
    expect(names(last())).to.deep.equal(['birthDate', 'contact', 'phone', 'postalCode']);
    expect(last()).not.to.have.property('titleField');
    expect(editor.shadowRoot?.activeElement?.id).to.equal('field-0-heading');
  });

  it('changes the type, dropping options the new type does not take', async () => {
    const { editor, last } = await mountEditor();
    const types = shadowAll<HTMLOptionElement>(editor, '#field-0-type option').map((option) => option.value);
    expect(types).to.have.length(16);
    expect(types).to.include('file');
    choose(shadow(editor, '#field-0-type'), 'integer');
    await settle(editor);
    expect(last().fields[0]).to.deep.equal({
      name: 'name',
      type: 'integer',
      label: applicant.fields[0].label,
      required: true,
    });
    typeInto(shadow(editor, '#field-0-min'), '1');
    await settle(editor);
    typeInto(shadow(editor, '#field-0-max'), '10');
    await settle(editor);
    expect(last().fields[0]).to.include({ min: 1, max: 10 });
  });

  it('makes a field a file with a size limit and accepted types, without a default or uniqueness', async () => {
    const { editor, last } = await mountEditor();
    choose(shadow(editor, '#field-0-type'), 'file');
    await settle(editor);
    expect(editor.shadowRoot?.querySelector('#field-0-unique')).to.equal(null);
    expect(editor.shadowRoot?.querySelector('#field-0-default')).to.equal(null);
    typeInto(shadow(editor, '#field-0-maxSize'), '1048576');
    await settle(editor);
    typeInto(shadow(editor, '#field-0-accept'), 'application/pdf, image/png');
    await settle(editor);
    expect(last().fields[0]).to.include({ type: 'file', required: true, maxSize: 1048576 });
    expect(last().fields[0].accept).to.deep.equal(['application/pdf', 'image/png']);
  });

  it('sets text limits, decimal precision and the stored-field flags', async () => {
    const { editor, last } = await mountEditor();
    typeInto(shadow(editor, '#field-0-minLength'), '2');
    await settle(editor);
    typeInto(shadow(editor, '#field-0-pattern'), '^\\S+$');
    await settle(editor);
    toggle(shadow(editor, '#field-0-unique'));
    await settle(editor);
    toggle(shadow(editor, '#field-0-required'));
    await settle(editor);
    expect(last().fields[0]).to.include({ minLength: 2, maxLength: 50, pattern: '^\\S+$', unique: true });
    expect(last().fields[0]).not.to.have.property('required');
    choose(shadow(editor, '#field-3-type'), 'decimal');
    await settle(editor);
    typeInto(shadow(editor, '#field-3-precision'), '8');
    await settle(editor);
    typeInto(shadow(editor, '#field-3-scale'), '2');
    await settle(editor);
    typeInto(shadow(editor, '#field-3-default'), '1.5');
    await settle(editor);
    expect(last().fields[3]).to.include({ type: 'decimal', precision: 8, scale: 2, default: 1.5 });
  });

  it('edits enum values and their labels', async () => {
    const { editor, last } = await mountEditor();
    shadow<HTMLButtonElement>(editor, '#field-2-add-value').click();
    await settle(editor);
    expect(last().fields[2].values?.[2]).to.deep.equal({ value: 'option3', label: { ja: '選択肢 3' } });
    typeInto(shadow(editor, '#field-2-value-2-value'), 'visit');
    await settle(editor);
    typeInto(shadow(editor, '#field-2-value-2-label-ja'), '来庁');
    await settle(editor);
    typeInto(shadow(editor, '#field-2-value-2-label-en'), 'In person');
    await settle(editor);
    expect(last().fields[2].values?.[2]).to.deep.equal({ value: 'visit', label: { ja: '来庁', en: 'In person' } });
    choose(shadow(editor, '#field-2-default'), 'visit');
    await settle(editor);
    expect(last().fields[2].default).to.equal('visit');
    shadowAll<HTMLButtonElement>(editor, '.enum-value button.danger')[0].click();
    await settle(editor);
    expect(last().fields[2].values?.map((value) => value.value)).to.deep.equal(['phone', 'visit']);
  });

  it('turns a field into an enum with a first choice, since an enum needs one', async () => {
    const { editor, last } = await mountEditor();
    choose(shadow(editor, '#field-3-type'), 'enum');
    await settle(editor);
    expect(last().fields[3].values).to.deep.equal([{ value: 'option1', label: { ja: '選択肢 1' } }]);
  });

  it('picks the target of a reference and the inverse of a collection', async () => {
    const { editor, last } = await mountEditor();
    choose(shadow(editor, '#field-3-type'), 'reference');
    await settle(editor);
    choose(shadow(editor, '#field-3-target'), 'Branch');
    await settle(editor);
    expect(last().fields[3]).to.include({ type: 'reference', target: 'Branch' });
    choose(shadow(editor, '#field-4-type'), 'collection');
    await settle(editor);
    choose(shadow(editor, '#field-4-target'), 'Child');
    await settle(editor);
    expect(shadowAll<HTMLOptionElement>(editor, '#field-4-inverse option').map((option) => option.value)).to.include(
      'parent',
    );
    choose(shadow(editor, '#field-4-inverse'), 'parent');
    await settle(editor);
    expect(last().fields[4]).to.deep.equal({
      name: 'postalCode',
      type: 'collection',
      label: applicant.fields[4].label,
      target: 'Child',
      inverse: 'parent',
    });
  });

  it('classifies personal data', async () => {
    const { editor, last } = await mountEditor();
    expect(shadow<HTMLSelectElement>(editor, '#field-1-classification').value).to.equal('personal');
    choose(shadow(editor, '#field-3-classification'), 'sensitive');
    await settle(editor);
    expect(last().fields[3].classification).to.equal('sensitive');
    choose(shadow(editor, '#field-1-classification'), 'none');
    await settle(editor);
    expect(last().fields[1]).not.to.have.property('classification');
  });

  it('edits the entity label and the title field', async () => {
    const { editor, last } = await mountEditor();
    typeInto(shadow(editor, '#entity-label-ja'), '申込者');
    await settle(editor);
    expect(last().label).to.deep.equal({ ja: '申込者', en: 'Applicant' });
    choose(shadow(editor, '#entity-title-field'), 'phone');
    await settle(editor);
    expect(last().titleField).to.equal('phone');
  });

  it('shows each validation error at the field its pointer names', async () => {
    const message = (text: string) => ({ ja: text, en: text });
    const { editor } = await mountEditor({
      errors: [
        { pointer: '/fields/2/type', code: 'schema.enum', message: message('型が正しくありません') },
        { pointer: '/fields/0/label/ja', code: 'schema.minLength', message: message('表示名を入力してください') },
        { pointer: '/fields/2/values/1/value', code: 'schema.pattern', message: message('値の形式') },
        { pointer: '/fields/3', code: 'semantic.x', message: message('このフィールドの問題') },
        { pointer: '/titleField', code: 'semantic.titleField', message: message('表示フィールドがありません') },
        { pointer: '/indexes/0', code: 'semantic.index', message: message('索引の問題') },
      ],
    });
    const described = (id: string) => shadow(editor, id).getAttribute('aria-describedby') ?? '';
    expect(shadow(editor, '#field-2-type-errors').textContent).to.contain('型が正しくありません');
    expect(shadow(editor, '#field-2-type').getAttribute('aria-invalid')).to.equal('true');
    expect(described('#field-2-type')).to.equal('field-2-type-errors');
    expect(shadow(editor, '#field-0-label-ja-errors').textContent).to.contain('表示名を入力してください');
    expect(shadow(editor, '#field-2-value-1-value-errors').textContent).to.contain('値の形式');
    expect(shadow(editor, '#field-3-other-errors').textContent).to.contain('このフィールドの問題');
    expect(shadow(editor, '#entity-title-field-errors').textContent).to.contain('表示フィールドがありません');
    expect(shadow(editor, '#entity-other-errors').textContent).to.contain('索引の問題');
    expect(shadowAll(editor, '[aria-invalid=true]')).to.have.length(4);
  });

  it('speaks English when asked', async () => {
    const { editor } = await mountEditor({ language: 'en' });
    expect(shadow(editor, 'h2').textContent).to.contain('Entity “Applicant”');
    expect(shadow(editor, '#field-0-up').textContent).to.contain('Move “Name” up');
  });
});
