import { expect } from '@esm-bundle/chai';
import type { KibanSubmitDetail } from '../src/components/index.ts';
import type { EntityMetadata, FormMetadata } from '../src/metadata/index.ts';
import { pageComponentTag, registerFieldWidget, registerPageComponent } from '../src/plugins/index.ts';
import { mount, nextEvent, settle, shadow, unmountAll } from './support/mount.ts';

/** A plugin's widget for its field type `maps.location`: two numbers, reported as one value. */
class LocationPicker extends HTMLElement {
  value: unknown;
  label = '';
  connectedCallback(): void {
    this.innerHTML = `<label>${this.label}<input aria-label="${this.label}"></label>`;
    this.querySelector('input')?.addEventListener('input', (event) => {
      event.stopPropagation();
      const [lat, lng] = (event.target as HTMLInputElement).value.split(',').map(Number);
      this.value = { lat, lng };
      this.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    });
  }
}
customElements.define('maps-location-picker', LocationPicker);
registerFieldWidget('maps.location', 'maps-location-picker');

const place: EntityMetadata = {
  kind: 'entity',
  name: 'Place',
  label: { ja: '場所' },
  fields: [
    {
      name: 'where',
      type: 'json',
      label: { ja: '位置' },
      required: true,
      customType: { name: 'maps.location', schema: { type: 'object' } },
    },
  ],
};
const placeForm: FormMetadata = {
  kind: 'form',
  name: 'place',
  label: { ja: '場所の登録' },
  entity: 'Place',
  sections: [{ name: 'main', label: { ja: '位置' }, fields: [{ field: 'where' }] }],
};

describe('plugin extensions', () => {
  afterEach(unmountAll);

  it('renders the widget a plugin registered for its field type and takes its value', async () => {
    const form = await mount('kiban-form', { entity: place, form: placeForm });
    const widget = shadow<LocationPicker>(form, 'maps-location-picker');
    expect(widget.label).to.equal('位置');
    const input = widget.querySelector('input') as HTMLInputElement;
    input.value = '35.68,139.76';
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await settle(form);
    const submitted = nextEvent<KibanSubmitDetail>(form, 'kiban-submit');
    shadow<HTMLButtonElement>(form, 'button[type=submit]').click();
    expect((await submitted).detail.values).to.deep.equal({ where: { lat: 35.68, lng: 139.76 } });
  });

  it('keeps page components by name and refuses a second tag for one name', () => {
    registerPageComponent('payments.checkout', 'payments-checkout');
    expect(pageComponentTag('payments.checkout')).to.equal('payments-checkout');
    expect(() => registerPageComponent('payments.checkout', 'other-checkout')).to.throw(/already provided/);
    expect(() => registerFieldWidget('maps.area', 'nohyphen')).to.throw(/hyphen/);
  });
});
