import { KibanDetail } from './detail/index.ts';
import { KibanForm } from './form/index.ts';
import { KibanList } from './list/index.ts';

/**
 * Registers the components under their tags. Safe to call more than once, so a page that
 * loads two bundles built from this package does not fail on the second registration.
 */
export function defineKibanElements(): void {
  for (const [tag, element] of [
    ['kiban-form', KibanForm],
    ['kiban-list', KibanList],
    ['kiban-detail', KibanDetail],
  ] as const) {
    if (!customElements.get(tag)) customElements.define(tag, element);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiban-form': KibanForm;
    'kiban-list': KibanList;
    'kiban-detail': KibanDetail;
  }
}
