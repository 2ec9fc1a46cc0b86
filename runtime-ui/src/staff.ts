/** The staff portal's script (`dist/staff.js`): the shell, lists, details and the task inbox. */
import { defineOnce, definePortalElements } from './portal/define-portal.ts';
import { KibanStaffApp } from './staff/kiban-staff-app.ts';
import { KibanTaskInbox } from './staff/kiban-task-inbox.ts';

definePortalElements();
defineOnce('kiban-task-inbox', KibanTaskInbox);
defineOnce('kiban-staff-app', KibanStaffApp);

declare global {
  interface HTMLElementTagNameMap {
    'kiban-task-inbox': KibanTaskInbox;
    'kiban-staff-app': KibanStaffApp;
  }
}
