import { expect } from '@esm-bundle/chai';
import type { KibanForm, KibanSubmitDetail } from '../src/components/index.ts';
import { everyType, everyTypeForm, publishedCreateSchema, steppedForm } from './support/fixtures.ts';
import { choose, mount, nextEvent, settle, shadow, shadowAll, typeInto, unmountAll } from './support/mount.ts';

const branches = [
  { value: '0b7a2f8e-4a51-4c3e-9a0e-3f1f5d2b8c01', label: '中央図書館' },
  { value: '6d1c1f0e-2b7b-4d8f-8f5e-1a2b3c4d5e6f', label: '北図書館' },
];

function mountForm(properties: Partial<KibanForm> = {}) {
  return mount('kiban-form', {
    entity: everyType,
    form: everyTypeForm,
    recordSchema: publishedCreateSchema(everyType),
    lookup: async () => branches,
    ...properties,
  });
}

async function submit(form: KibanForm): Promise<void> {
  shadow<HTMLButtonElement>(form, 'button[type=submit]').click();
  await settle(form);
}

describe('<kiban-form>', () => {
  afterEach(unmountAll);

  it('renders the native input each field type needs', async () => {
    const form = await mountForm();
    const inputType = (name: string) => shadow<HTMLInputElement>(form, `#field-${name}`).getAttribute('type');
    expect(inputType('name')).to.equal('text');
    expect(inputType('nameKana')).to.equal('text');
    expect(shadow(form, '#field-notes').localName).to.equal('textarea');
    expect(inputType('seats')).to.equal('number');
    expect(shadow(form, '#field-deposit').getAttribute('inputmode')).to.equal('decimal');
    expect(inputType('member')).to.equal('checkbox');
    expect(inputType('birthDate')).to.equal('date');
    expect(inputType('visitAt')).to.equal('datetime-local');
    expect(shadow(form, '#field-ward').localName).to.equal('select');
    expect(shadowAll(form, 'input[name=field-contact]').map((radio) => radio.getAttribute('type'))).to.deep.equal([
      'radio',
      'radio',
    ]);
    expect(shadow(form, 'fieldset legend').textContent).to.contain('連絡方法');
    expect(inputType('email')).to.equal('email');
    expect(inputType('postalCode')).to.equal('text');
    expect(shadow(form, '#field-postalCode').getAttribute('autocomplete')).to.equal('postal-code');
    expect(shadow(form, '#field-extra').localName).to.equal('textarea');
    expect(shadow(form, '#field-branch').localName).to.equal('select');
    expect(shadowAll(form, '#field-visits')).to.have.length(0);
    await settle(form);
    const branchOptions = shadowAll<HTMLOptionElement>(form, '#field-branch option').map((option) => option.text);
    expect(branchOptions).to.include.members(['中央図書館', '北図書館']);
  });

  it('labels every input and marks required fields', async () => {
    const form = await mountForm();
    expect(shadow(form, 'label[for=field-name]').textContent).to.contain('氏名').and.contain('必須');
    expect(shadow(form, 'label[for=field-email]').textContent).not.to.contain('必須');
    expect(shadow(form, '#field-name').getAttribute('aria-describedby')).to.equal('field-name-help');
    expect(shadow(form, '#field-name-help').textContent).to.contain('戸籍上の氏名');
  });

  it('shows a field only while its visibleWhen condition holds', async () => {
    const form = await mountForm();
    expect(shadowAll(form, '#field-phone')).to.have.length(0);
    shadow<HTMLInputElement>(form, 'input[value=phone]').click();
    await settle(form);
    expect(shadowAll(form, '#field-phone')).to.have.length(1);
    shadow<HTMLInputElement>(form, 'input[value=mail]').click();
    await settle(form);
    expect(shadowAll(form, '#field-phone')).to.have.length(0);
  });

  it('validates with the published schema, then shows and announces the errors', async () => {
    const form = await mountForm();
    typeInto(shadow(form, '#field-email'), 'not-an-email');
    typeInto(shadow(form, '#field-postalCode'), '123');
    typeInto(shadow(form, '#field-seats'), '11');
    typeInto(shadow(form, '#field-birthDate'), '1899-12-31');
    await settle(form);
    let submitted = false;
    form.addEventListener('kiban-submit', () => {
      submitted = true;
    });
    await submit(form);

    expect(submitted).to.equal(false);
    const name = shadow(form, '#field-name');
    expect(name.getAttribute('aria-invalid')).to.equal('true');
    expect(name.getAttribute('aria-describedby')).to.equal('field-name-help field-name-error');
    expect(shadow(form, '#field-name-error').textContent).to.contain('入力してください');
    expect(shadow(form, '#field-email-error').textContent).to.contain('メールアドレス');
    expect(shadow(form, '#field-postalCode-error').textContent).to.contain('7 桁');
    expect(shadow(form, '#field-seats-error').textContent).to.contain('10 以下');
    expect(shadow(form, '#field-birthDate-error').textContent).to.contain('明治33年1月1日 以降');
    const summary = shadow(form, '.summary');
    expect(summary.textContent).to.contain('5 件');
    expect(form.shadowRoot?.activeElement).to.equal(summary);
    const live = shadow(form, '[aria-live=polite]');
    expect(live.textContent).to.contain('入力内容を確認してください').and.contain('氏名: 入力してください');
  });

  it('checks the rule-language validations too, naming the field by its label', async () => {
    const pastOnly = {
      ...everyType,
      fields: everyType.fields.map((field) =>
        field.name === 'birthDate'
          ? {
              ...field,
              validations: [{ condition: { fact: 'birthDate', op: 'lte' as const, value: { relative: '0d' } } }],
            }
          : field,
      ),
    };
    const form = await mountForm({ entity: pastOnly });
    typeInto(shadow(form, '#field-name'), '山田 太郎');
    typeInto(shadow(form, '#field-birthDate'), '2999-01-01');
    await settle(form);
    let submitted = false;
    form.addEventListener('kiban-submit', () => {
      submitted = true;
    });
    await submit(form);
    expect(submitted).to.equal(false);
    expect(shadow(form, '#field-birthDate').getAttribute('aria-invalid')).to.equal('true');
    expect(shadow(form, '#field-birthDate-error').textContent).to.contain(
      '「生年月日」は「生年月日 ≤ 今日」を満たす必要があります。',
    );
    typeInto(shadow(form, '#field-birthDate'), '1990-04-01');
    await settle(form);
    const event = nextEvent<KibanSubmitDetail>(form, 'kiban-submit');
    await submit(form);
    expect((await event).detail.values).to.include({ birthDate: '1990-04-01' });
  });

  it('normalises what residents type and submits only visible fields', async () => {
    const form = await mountForm();
    typeInto(shadow(form, '#field-name'), '山田 太郎');
    typeInto(shadow(form, '#field-postalCode'), '１００－０００１');
    typeInto(shadow(form, '#field-deposit'), '1200.50');
    typeInto(shadow(form, '#field-extra'), '{"floor": 2}');
    choose(shadow(form, '#field-ward'), 'kita');
    shadow<HTMLInputElement>(form, '#field-member').click();
    await settle(form);
    const event = nextEvent<KibanSubmitDetail>(form, 'kiban-submit');
    await submit(form);
    expect((await event).detail.values).to.deep.equal({
      name: '山田 太郎',
      postalCode: '1000001',
      deposit: '1200.50',
      extra: { floor: 2 },
      ward: 'kita',
      member: true,
    });
  });

  it('puts each error of a server problem on the field its pointer names', async () => {
    const form = await mountForm();
    form.problem = {
      status: 422,
      code: 'record.invalid',
      detail: '入力内容に誤りがあります。',
      errors: [
        { pointer: '/email', code: 'unique', message: 'このメールアドレスは登録済みです。' },
        { pointer: '/query/limit', code: 'x', message: '別の問題です。' },
      ],
    };
    await settle(form);
    const email = shadow(form, '#field-email');
    expect(email.getAttribute('aria-invalid')).to.equal('true');
    expect(shadow(form, '#field-email-error').textContent).to.contain('登録済み');
    expect(shadow(form, '.summary').textContent).to.contain('入力内容に誤りがあります').and.contain('別の問題です');
    typeInto(email as HTMLInputElement, 'other@example.jp');
    await settle(form);
    expect(email.hasAttribute('aria-invalid')).to.equal(false);
  });

  it('moves between steps with Back and Next, checking each step before leaving it', async () => {
    const form = await mountForm({ form: steppedForm });
    const heading = () => shadow(form, 'h3.page').textContent ?? '';
    expect(heading()).to.contain('ステップ 1 / 2').and.contain('ご本人');
    expect(shadow(form, 'button[type=submit]').textContent).to.contain('次へ');
    expect(shadowAll(form, 'button').some((button) => button.textContent?.includes('戻る'))).to.equal(false);

    await submit(form);
    expect(heading()).to.contain('ステップ 1 / 2');
    expect(shadow(form, '#field-name-error').textContent).to.contain('入力してください');

    typeInto(shadow(form, '#field-name'), '山田');
    await settle(form);
    await submit(form);
    expect(heading()).to.contain('ステップ 2 / 2').and.contain('連絡先');
    expect(shadowAll(form, '#field-name')).to.have.length(0);
    expect(shadow(form, 'li[aria-current=step]').textContent).to.contain('連絡先');
    expect(form.shadowRoot?.activeElement).to.equal(shadow(form, 'h3.page'));
    expect(shadow(form, 'button[type=submit]').textContent).to.contain('送信する');

    shadowAll<HTMLButtonElement>(form, 'button')
      .find((button) => button.textContent?.includes('戻る'))
      ?.click();
    await settle(form);
    expect(heading()).to.contain('ステップ 1 / 2');
    expect(shadow<HTMLInputElement>(form, '#field-name').value).to.equal('山田');
  });

  it('keeps a draft per form on this device and restores it', async () => {
    const first = await mountForm();
    typeInto(shadow(first, '#field-name'), '下書き太郎');
    await settle(first);
    shadowAll<HTMLButtonElement>(first, 'button')
      .find((button) => button.textContent?.includes('下書きを保存'))
      ?.click();
    await settle(first);
    expect(shadow(first, '[role=status]').textContent).to.contain('保存しました');
    first.remove();

    const second = await mountForm();
    expect(shadow<HTMLInputElement>(second, '#field-name').value).to.equal('下書き太郎');
    expect(shadow(second, '[role=status]').textContent).to.contain('読み込みました');
    second.clearDraft();
    const third = await mountForm();
    expect(shadow<HTMLInputElement>(third, '#field-name').value).to.equal('');
  });

  it('prefills from the profile, and a consent-bound source only with consent', async () => {
    const prefilled: typeof everyTypeForm = {
      ...everyTypeForm,
      sections: [
        {
          name: 'all',
          label: { ja: '入力' },
          fields: [
            { field: 'name', prefill: { source: 'profile', path: 'name' } },
            { field: 'postalCode', prefill: { source: 'profile', path: 'address.postalCode', requiresConsent: true } },
          ],
        },
      ],
    };
    const profile = { name: '市民 花子', address: { postalCode: '1000001' } };
    const without = await mountForm({ form: prefilled, profile });
    expect(shadow<HTMLInputElement>(without, '#field-name').value).to.equal('市民 花子');
    expect(shadow<HTMLInputElement>(without, '#field-postalCode').value).to.equal('');
    const withConsent = await mountForm({ form: prefilled, profile, prefillConsent: true });
    expect(shadow<HTMLInputElement>(withConsent, '#field-postalCode').value).to.equal('1000001');

    const late = await mountForm({ form: prefilled });
    typeInto(shadow(late, '#field-name'), '自分で入力');
    late.profile = profile;
    late.prefillConsent = true;
    await settle(late);
    expect(shadow<HTMLInputElement>(late, '#field-name').value).to.equal('自分で入力');
    expect(shadow<HTMLInputElement>(late, '#field-postalCode').value).to.equal('1000001');
  });

  it('marks labels that fall back to Japanese', async () => {
    const partly: typeof everyType = {
      ...everyType,
      fields: everyType.fields.map((field) => (field.name === 'notes' ? { ...field, label: { ja: 'メモ' } } : field)),
    };
    const form = await mountForm({ entity: partly, language: 'en' });
    const label = shadow(form, 'label[for=field-name]');
    expect(label.textContent).to.contain('Name');
    expect(label.querySelector('[lang=ja]')).to.equal(null);
    const fallback = shadow(form, 'label[for=field-notes]');
    expect(fallback.querySelector('[lang=ja]')?.textContent).to.equal('メモ');
    expect(fallback.querySelector('.fallback-mark')?.textContent).to.equal('Japanese only');
    expect(shadow(form, 'button[type=submit]').textContent?.trim()).to.equal('Submit');
  });

  it('shows the chosen date in 和暦 beside the date input', async () => {
    const form = await mountForm();
    typeInto(shadow(form, '#field-birthDate'), '2019-05-01');
    await settle(form);
    expect(shadow(form, '.era').textContent).to.contain('令和元年5月1日');
  });
});
