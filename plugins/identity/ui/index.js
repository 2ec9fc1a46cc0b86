/**
 * The identity plugin's browser module: the sign-in and consent pages (served by the plugin's
 * public routes), the resident's sign-in settings page (password, one-time code, passkeys), the
 * resident's connected services and sign-in methods (page components),
 * the staff page registering services, the resident's attribute pulls and the page finishing an
 * imported account. Plain custom elements; text is set, never parsed as HTML.
 */
import { MyMethods, MyServices } from './account.js';
import { AttributesPage } from './attributes/attributes-page.js';
import { Clients } from './clients.js';
import { Consent } from './consent.js';
import { FinishAccount } from './migration/finish-account.js';
import { Security } from './security.js';
import { SignIn } from './sign-in.js';

customElements.define('identity-sign-in', SignIn);
customElements.define('identity-consent', Consent);
customElements.define('identity-my-services', MyServices);
customElements.define('identity-my-methods', MyMethods);
customElements.define('identity-clients', Clients);
customElements.define('identity-security', Security);
customElements.define('identity-attributes', AttributesPage);
customElements.define('identity-finish-account', FinishAccount);
