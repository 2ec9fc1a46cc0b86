/**
 * The resident portal's script (`dist/resident.js`): the shell and what its pages use. No
 * staff or designer code is imported here; `scripts/build.ts` reports its gzipped size,
 * the budget residents download.
 */
import { defineOnce, definePortalElements } from './portal/define-portal.ts';
import { KibanMyApplications } from './resident/kiban-my-applications.ts';
import { KibanProfilePage } from './resident/kiban-profile-page.ts';
import { KibanResidentApp } from './resident/kiban-resident-app.ts';

definePortalElements();
defineOnce('kiban-my-applications', KibanMyApplications);
defineOnce('kiban-profile-page', KibanProfilePage);
defineOnce('kiban-resident-app', KibanResidentApp);

declare global {
  interface HTMLElementTagNameMap {
    'kiban-my-applications': KibanMyApplications;
    'kiban-profile-page': KibanProfilePage;
    'kiban-resident-app': KibanResidentApp;
  }
}
