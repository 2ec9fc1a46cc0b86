import { expect } from '@esm-bundle/chai';
import { accessibilityViolations } from './support/axe.ts';
import {
  everyType,
  everyTypeForm,
  everyTypeView,
  publishedCreateSchema,
  sampleHistory,
  sampleRecord,
  sampleWorkflow,
  steppedForm,
} from './support/fixtures.ts';
import { mount, settle, shadow, unmountAll, waitUntil } from './support/mount.ts';

describe('accessibility (axe-core, WCAG 2.1 AA)', () => {
  const realFetch = window.fetch;
  afterEach(() => {
    window.fetch = realFetch;
    unmountAll();
  });

  it('a form with every field type, before and after a failed submit', async () => {
    const form = await mount('kiban-form', {
      entity: everyType,
      form: everyTypeForm,
      recordSchema: publishedCreateSchema(everyType),
      lookup: async () => [{ value: '0b7a2f8e-4a51-4c3e-9a0e-3f1f5d2b8c01', label: '中央図書館' }],
    });
    await settle(form);
    expect(await accessibilityViolations(form)).to.deep.equal([]);
    shadow<HTMLButtonElement>(form, 'button[type=submit]').click();
    await settle(form);
    expect(await accessibilityViolations(form)).to.deep.equal([]);
  });

  it('a stepped form in Vietnamese, where labels fall back to Japanese', async () => {
    const form = await mount('kiban-form', { entity: everyType, form: steppedForm, language: 'vi' });
    expect(await accessibilityViolations(form)).to.deep.equal([]);
  });

  it('a form in やさしい日本語 (ja-x-easy)', async () => {
    const form = await mount('kiban-form', { entity: everyType, form: everyTypeForm, language: 'ja-x-easy' });
    expect(form.shadowRoot?.querySelector('form')?.lang).to.equal('ja-x-easy');
    expect(await accessibilityViolations(form)).to.deep.equal([]);
  });

  it('a list', async () => {
    window.fetch = async () =>
      new Response(
        JSON.stringify({
          items: [{ id: '1', name: '山田', nameKana: 'ヤマダ', ward: 'kita', birthDate: '1990-04-01' }],
          nextCursor: null,
        }),
      );
    const list = await mount('kiban-list', { view: everyTypeView, entity: everyType, recordHref: () => '/records/1' });
    await waitUntil(() => list.status === 'ready');
    await settle(list);
    expect(await accessibilityViolations(list)).to.deep.equal([]);
  });

  it('a detail with workflow and history', async () => {
    const detail = await mount('kiban-detail', {
      entity: everyType,
      record: sampleRecord,
      workflow: sampleWorkflow,
      history: sampleHistory,
    });
    expect(await accessibilityViolations(detail)).to.deep.equal([]);
  });
});
