/** The staff portal's script (`dist/staff.js`): the shell, lists, details, the task inbox, the jobs and settings pages, reports and dashboards. */
import { defineReportElements } from './components/report/index.ts';
import { defineOnce, definePortalElements } from './portal/define-portal.ts';
import { KibanJobAdmin } from './staff/kiban-job-admin.ts';
import { KibanSettingsAdmin } from './staff/kiban-settings-admin.ts';
import { KibanStaffApp } from './staff/kiban-staff-app.ts';
import { KibanTaskInbox } from './staff/kiban-task-inbox.ts';

definePortalElements();
// Dashboards and reports are page components (`{ "type": "component", "tag": "kiban-dashboard" }`); their charts load on first draw.
defineReportElements();
defineOnce('kiban-task-inbox', KibanTaskInbox);
defineOnce('kiban-job-admin', KibanJobAdmin);
defineOnce('kiban-settings-admin', KibanSettingsAdmin);
defineOnce('kiban-staff-app', KibanStaffApp);

declare global {
  interface HTMLElementTagNameMap {
    'kiban-task-inbox': KibanTaskInbox;
    'kiban-job-admin': KibanJobAdmin;
    'kiban-settings-admin': KibanSettingsAdmin;
    'kiban-staff-app': KibanStaffApp;
  }
}
