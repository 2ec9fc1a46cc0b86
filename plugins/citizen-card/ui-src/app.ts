/**
 * The citizen card plugin's browser code, bundled by the plugin (esbuild) and served at
 * `/api/public/citizen-card/app.js`: the resident's card, the facility check and the shelter
 * desk. On the offline pages it also registers the service worker that keeps them usable.
 */

import { ShelterDesk } from './shelter-desk.ts';
import { CardVerifier } from './verifier.ts';
import { CardWallet } from './wallet.ts';

customElements.define('citizen-card-wallet', CardWallet);
customElements.define('citizen-card-verifier', CardVerifier);
customElements.define('citizen-card-shelter-desk', ShelterDesk);

const offlinePage = document.querySelector<HTMLElement>('[data-offline-scope]');
if (offlinePage && 'serviceWorker' in navigator) {
  void navigator.serviceWorker.register(`${offlinePage.dataset.offlineScope}sw.js`, {
    scope: offlinePage.dataset.offlineScope,
  });
}
