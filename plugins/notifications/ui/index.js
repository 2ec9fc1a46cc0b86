/**
 * The notifications plugin's browser module: the resident's "my benefits and events" and
 * notification preferences page components, the LINE account-link page, and the staff panel under resident profiles.
 * Plain custom elements that read through the plugin's routes and act through its actions
 * (the server checks roles again).
 */
import { LineLink } from './line-link.js';
import { MyBenefits } from './my-benefits.js';
import { Preferences } from './preferences.js';
import { ResidentNoticesPanel } from './resident-panel.js';

customElements.define('notifications-my-benefits', MyBenefits);
customElements.define('notifications-preferences', Preferences);
customElements.define('notifications-resident-panel', ResidentNoticesPanel);
customElements.define('notifications-line-link', LineLink);
