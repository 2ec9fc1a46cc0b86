import { el, getJson, text } from './common.js';

/**
 * The panel under a resident profile (the CRM's resident 360): the resident's points and
 * coupons for points staff. The 360 gives `resident` (the principal id the ledger is keyed
 * by); on a profile's own page only `recordId` comes, and the profile names its principal.
 * The server checks the role and audits the read.
 */
export class ResidentPanel extends HTMLElement {
  async connectedCallback() {
    const t = text(this);
    try {
      const resident = this.resident ?? (await this.profilePrincipal());
      const { wallet, coupons } = await getJson(`/residents/${encodeURIComponent(resident)}/summary`);
      const date = (iso) =>
        new Date(iso).toLocaleDateString(this.language === 'en' ? 'en' : 'ja-JP', { timeZone: 'Asia/Tokyo' });
      this.replaceChildren(
        el('p', { textContent: `${t.balance}: ${wallet.available.toLocaleString()} pt` }),
        wallet.expiring.length === 0
          ? el('p', { textContent: t.nothingExpires })
          : el(
              'ul',
              { ariaLabel: t.expiring },
              wallet.expiring.map((lot) =>
                el('li', { textContent: `${date(lot.expiresAt)}: ${lot.points.toLocaleString()} pt` }),
              ),
            ),
        el('p', {
          textContent: `${t.myCoupons}: ${
            coupons.length === 0
              ? t.none
              : coupons.map((group) => `${t.couponStatuses[group.status] ?? group.status} ${group.count}`).join(' / ')
          }`,
        }),
      );
    } catch {
      this.replaceChildren(el('p', { role: 'status', textContent: t.panelUnavailable }));
    }
  }

  async profilePrincipal() {
    const response = await fetch(`/api/data/ResidentProfile/${encodeURIComponent(this.recordId)}`, {
      credentials: 'same-origin',
    });
    if (!response.ok) throw new Error(`profile: ${response.status}`);
    return (await response.json()).principal;
  }
}
