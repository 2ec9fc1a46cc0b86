/**
 * The contact centre's browser module: the resident chat component and its launcher on every
 * portal page, the operator console,
 * the supervisors' KPI page with its reports and the staff panel under resident profiles.
 * Plain custom elements that read through the plugin's routes and
 * act through its actions (the server checks roles again); text is set, never parsed as HTML.
 */
import { ContactCenterChat } from './chat.js';
import { ContactCenterConsole } from './console.js';
import { ContactCenterLauncher } from './launcher.js';
import { ContactCenterReports } from './reports.js';
import { ResidentChatsPanel } from './resident-panel.js';
import { ContactCenterSupervisor } from './supervisor.js';

customElements.define('contact-center-chat', ContactCenterChat);
customElements.define('contact-center-launcher', ContactCenterLauncher);
customElements.define('contact-center-console', ContactCenterConsole);
customElements.define('contact-center-reports', ContactCenterReports);
customElements.define('contact-center-supervisor', ContactCenterSupervisor);
customElements.define('contact-center-resident-panel', ResidentChatsPanel);
