/**
 * The payments plugin's browser module: the staff console, campaign and coupon definitions,
 * earning rules, segment grants, refunds, reconciliation, the shop redemption page and the
 * resident wallet.
 * Plain custom elements that read through the plugin's routes and act through its actions
 * (the server checks roles again); text is set, never parsed as HTML.
 */
import { PaymentsDefinitions } from './definitions.js';
import { EarningRules } from './earning-rules.js';
import { Reconciliation } from './reconciliation.js';
import { Refunds } from './refunds.js';
import { ResidentPanel } from './resident-panel.js';
import { SegmentGrant } from './segment-grant.js';
import { ShopRedeem } from './shop-redeem.js';
import { StaffConsole } from './staff-console.js';
import { Wallet } from './wallet.js';

customElements.define('payments-staff-console', StaffConsole);
customElements.define('payments-definitions', PaymentsDefinitions);
customElements.define('payments-earning-rules', EarningRules);
customElements.define('payments-segment-grant', SegmentGrant);
customElements.define('payments-refunds', Refunds);
customElements.define('payments-reconciliation', Reconciliation);
customElements.define('payments-shop-redeem', ShopRedeem);
customElements.define('payments-wallet', Wallet);
customElements.define('payments-resident-panel', ResidentPanel);
