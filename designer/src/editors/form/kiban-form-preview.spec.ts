import { expect } from '@esm-bundle/chai';
import type { KibanForm } from '@kiban/runtime-ui';
import { applicationForm, entities } from '../test-support/fixtures.ts';
import { choose, mount, settle, shadow, shadowAll, unmountAll } from '../test-support/mount.ts';

/** The preview inside a builder and the `<kiban-form>` it renders, both rendered. */
async function preview(builder: HTMLElement) {
  const element = shadow<HTMLElementTagNameMap['kiban-form-preview']>(builder, 'kiban-form-preview');
  await settle(element);
  const form = shadow<KibanForm>(element, 'kiban-form');
  await settle(form);
  return { element, form };
}

describe('<kiban-form-preview> in the form builder', () => {
  afterEach(unmountAll);

  it('renders the edited form with runtime-ui’s <kiban-form>, including a field just added', async () => {
    const builder = await mount('kiban-form-builder', { item: applicationForm, entities });
    let { form } = await preview(builder);
    expect(shadowAll(form, '#field-birthDate')).to.have.length(0);
    expect(shadow(form, 'label[for=field-name]').textContent).to.contain('氏名');
    shadow<HTMLButtonElement>(builder, '#palette-add-birthDate').click();
    await settle(builder);
    ({ form } = await preview(builder));
    expect(shadow(form, 'label[for=field-birthDate]').textContent).to.contain('生年月日');
  });

  it('switches the language the form is read in, among all seven', async () => {
    const builder = await mount('kiban-form-builder', { item: applicationForm, entities });
    const { element } = await preview(builder);
    const languages = shadowAll<HTMLOptionElement>(element, '#preview-language option').map((option) => option.value);
    expect(languages).to.deep.equal(['ja', 'en', 'zh-Hans', 'zh-Hant', 'ko', 'vi', 'ja-x-easy']);
    choose(shadow(element, '#preview-language'), 'en');
    await settle(element);
    const { form } = await preview(builder);
    expect(form.language).to.equal('en');
    expect(shadow(form, 'form').lang).to.equal('en');
    expect(shadow(form, 'label[for=field-name]').textContent).to.contain('Name');
    choose(shadow(element, '#preview-language'), 'ja-x-easy');
    await settle(element);
    expect((await preview(builder)).form.language).to.equal('ja-x-easy');
  });

  it('switches between a desktop and a phone width', async () => {
    const builder = await mount('kiban-form-builder', { item: applicationForm, entities });
    const { element } = await preview(builder);
    const frameWidth = () => shadow(element, '.frame').getBoundingClientRect().width;
    expect(frameWidth()).to.equal(1024);
    shadow<HTMLInputElement>(element, 'input[name=preview-width][value=phone]').click();
    await settle(element);
    expect(frameWidth()).to.equal(375);
    expect(shadow(element, '.viewport').getAttribute('aria-label')).to.contain('375');
    shadow<HTMLInputElement>(element, 'input[name=preview-width][value=desktop]').click();
    await settle(element);
    expect(frameWidth()).to.equal(1024);
  });
});
