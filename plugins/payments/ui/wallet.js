import { act, cityDate, el, getJson, text } from './common.js';

const KIND = { spend: 'spend', grant: 'grant', expire: 'expire', adjust: 'adjust', exchange: 'exchange' };

/**
 * A resident's points and coupons: balance, what expires when, latest movements, and each
 * unused coupon with a button that shows its QR code and typed code for two minutes. Dates
 * follow the portal's calendar (`calendar`: 和暦 unless it is `gregory`), redrawn when it changes.
 */
export class Wallet extends HTMLElement {
  #calendar = 'japanese';

  get calendar() {
    return this.#calendar;
  }

  set calendar(value) {
    const changed = value !== this.#calendar;
    this.#calendar = value;
    if (changed && this.isConnected) this.render();
  }

  connectedCallback() {
    return this.render();
  }

  async render() {
    const t = text(this);
    const [wallet, { coupons }] = await Promise.all([getJson('/wallet'), getJson('/coupons')]);
    // The city's calendar day, wherever the device is.
    const date = (iso) => cityDate(iso, this.language, this.calendar);
    const expiring =
      wallet.expiring.length === 0
        ? el('p', { textContent: t.nothingExpires })
        : el(
            'ul',
            {},
            wallet.expiring.map((lot) =>
              el('li', { textContent: `${date(lot.expiresAt)}: ${lot.points.toLocaleString()} pt` }),
            ),
          );
    const history = el(
      'ul',
      {},
      wallet.history.map((line) =>
        el('li', {
          textContent: `${date(line.at)} ${t.kinds[KIND[line.kind] ?? 'grant']} ${line.points > 0 ? '+' : ''}${line.points.toLocaleString()} pt`,
        }),
      ),
    );
    const unused = coupons.filter((coupon) => coupon.status === 'issued');
    this.replaceChildren(
      el('section', {}, [
        el('h2', { textContent: t.balance }),
        el('p', { className: 'balance', textContent: `${wallet.available.toLocaleString()} pt` }),
        el('h3', { textContent: t.expiring }),
        expiring,
        el('h3', { textContent: t.history }),
        wallet.history.length === 0 ? el('p', { textContent: t.none }) : history,
      ]),
      el('section', {}, [
        el('h2', { textContent: t.myCoupons }),
        unused.length === 0
          ? el('p', { textContent: t.none })
          : el(
              'ul',
              {},
              unused.map((coupon) => this.coupon(coupon, t, date)),
            ),
      ]),
    );
  }

  coupon(coupon, t, date) {
    const name = (this.language === 'en' && coupon.name.en) || coupon.name.ja;
    const value = coupon.valueYen ? ` ${coupon.valueYen.toLocaleString()}${t.yen}` : '';
    const shown = el('div', { role: 'status' });
    const show = async () => {
      const result = await act('showCoupon', { couponId: coupon.id }, this.language);
      if (!result.ok) {
        shown.replaceChildren(el('p', { textContent: t.failed }));
        return;
      }
      // The SVG comes from the plugin's own server, parsed as XML, never as HTML.
      const svg = new DOMParser().parseFromString(result.body.qrSvg, 'image/svg+xml').documentElement;
      svg.setAttribute('role', 'img');
      svg.setAttribute('aria-label', t.qrLabel);
      svg.setAttribute('width', '220');
      svg.setAttribute('height', '220');
      shown.replaceChildren(
        document.importNode(svg, true),
        el('p', { textContent: `${t.typedCode}: ${result.body.code}` }),
        el('p', {
          textContent: `${t.validUntil} ${new Date(result.body.expiresAt).toLocaleTimeString(this.language === 'en' ? 'en' : 'ja-JP', { timeZone: 'Asia/Tokyo' })}`,
        }),
      );
    };
    return el('li', {}, [
      el('span', { textContent: `${name}${value}（${date(coupon.validUntil)} ${t.until}） ` }),
      el('button', { type: 'button', textContent: t.show, onclick: show }),
      shown,
    ]);
  }
}
