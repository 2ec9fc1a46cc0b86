import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import type { KibanSubmitDetail } from '../src/components/index.ts';
import type { FormMetadata } from '../src/metadata/index.ts';
import { everyType, publishedCreateSchema } from './support/fixtures.ts';
import { mount, nextEvent, settle, unmountAll } from './support/mount.ts';

const shortForm: FormMetadata = {
  kind: 'form',
  name: 'keyboard',
  label: { ja: 'キーボードだけで申込み' },
  entity: 'Everything',
  sections: [
    {
      name: 'main',
      label: { ja: '入力' },
      fields: [{ field: 'name' }, { field: 'member' }, { field: 'contact', widget: 'radio' }],
    },
  ],
};

describe('<kiban-form> by keyboard only', () => {
  afterEach(unmountAll);

  it('is completed with Tab, typing, Space and Enter', async () => {
    const form = await mount('kiban-form', {
      entity: everyType,
      form: shortForm,
      recordSchema: publishedCreateSchema(everyType),
    });
    const submitted = nextEvent<KibanSubmitDetail>(form, 'kiban-submit');
    const focused = () => form.shadowRoot?.activeElement as HTMLElement | null;

    await sendKeys({ press: 'Tab' });
    expect(focused()?.id).to.equal('field-name');
    // The focus ring is drawn for keyboard focus: thick and visible.
    expect(getComputedStyle(focused() as HTMLElement).outlineWidth).to.equal('4px');
    await sendKeys({ type: '山田太郎' });

    await sendKeys({ press: 'Tab' });
    expect(focused()?.id).to.equal('field-member');
    await sendKeys({ press: 'Space' });

    await sendKeys({ press: 'Tab' });
    expect(focused()?.getAttribute('type')).to.equal('radio');
    await sendKeys({ press: 'ArrowDown' });

    await sendKeys({ press: 'Tab' });
    expect(focused()?.textContent).to.contain('下書きを保存');
    await sendKeys({ press: 'Tab' });
    expect(focused()?.getAttribute('type')).to.equal('submit');
    await sendKeys({ press: 'Enter' });
    await settle(form);

    expect((await submitted).detail.values).to.deep.equal({ name: '山田太郎', member: true, contact: 'phone' });
  });
});
