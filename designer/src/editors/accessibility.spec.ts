import { expect } from '@esm-bundle/chai';
import { seriousViolations } from './test-support/axe.ts';
import { applicant, applicationForm, entities } from './test-support/fixtures.ts';
import { mount, settle, shadow, toggle, unmountAll } from './test-support/mount.ts';

const message = (text: string) => ({ ja: text, en: text });

describe('accessibility of the editors (axe-core, WCAG 2.1 AA)', () => {
  afterEach(unmountAll);

  it('the entity editor, with errors shown and every kind of option open', async () => {
    const item = {
      ...applicant,
      fields: [
        ...applicant.fields,
        { name: 'deposit', type: 'decimal' as const, label: { ja: '預り金' }, precision: 8, scale: 2 },
        { name: 'branch', type: 'reference' as const, target: 'Branch', label: { ja: '受取館' } },
        { name: 'children', type: 'collection' as const, target: 'Child', inverse: 'parent', label: { ja: '子ども' } },
      ],
    };
    const editor = await mount('kiban-entity-editor', {
      item,
      entities,
      published: applicant,
      errors: [
        { pointer: '/fields/2/type', code: 'x', message: message('型が正しくありません') },
        { pointer: '/fields/3', code: 'x', message: message('このフィールドの問題') },
      ],
    });
    expect(await seriousViolations(editor)).to.deep.equal([]);
  });

  it('the form builder with its settings, a condition, a prefill and the preview', async () => {
    const builder = await mount('kiban-form-builder', {
      item: applicationForm,
      entities,
      errors: [{ pointer: '/sections/0/fields/0/widget', code: 'x', message: message('部品の名前') }],
    });
    for (const details of builder.shadowRoot?.querySelectorAll('details') ?? []) details.open = true;
    toggle(shadow(builder, '#placement-0-1-condition-enabled'));
    await settle(builder);
    toggle(shadow(builder, '#placement-0-1-prefill-enabled'));
    await settle(builder);
    const preview = shadow<HTMLElementTagNameMap['kiban-form-preview']>(builder, 'kiban-form-preview');
    await settle(preview);
    expect(await seriousViolations(builder)).to.deep.equal([]);
  });
});
