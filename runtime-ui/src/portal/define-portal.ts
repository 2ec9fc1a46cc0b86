import { defineKibanElements } from '../components/index.ts';
import { KibanPageView } from '../layout/kiban-page-view.ts';
import { KibanRecordView } from '../layout/kiban-record-view.ts';
import { KibanFormPage } from '../pages/index.ts';
import { KibanPreferences } from './kiban-preferences.ts';
import { KibanSignIn } from './kiban-sign-in.ts';

/** Registers a tag unless a bundle loaded earlier already did. */
export function defineOnce(tag: string, element: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, element);
}

/** The elements both portal shells use: the record components, sign-in, preferences, pages. */
export function definePortalElements(): void {
  defineKibanElements();
  defineOnce('kiban-form-page', KibanFormPage);
  defineOnce('kiban-sign-in', KibanSignIn);
  defineOnce('kiban-preferences', KibanPreferences);
  defineOnce('kiban-page-view', KibanPageView);
  defineOnce('kiban-record-view', KibanRecordView);
}

declare global {
  interface HTMLElementTagNameMap {
    'kiban-sign-in': KibanSignIn;
    'kiban-preferences': KibanPreferences;
    'kiban-page-view': KibanPageView;
    'kiban-record-view': KibanRecordView;
  }
}
