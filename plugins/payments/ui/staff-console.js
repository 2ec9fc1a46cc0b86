import { burnDownChart } from './chart.js';
import { act, BASE, el, getJson, isoDay, text } from './common.js';

/** Staff: liabilities, campaign burn-down, redemptions and shop review, with CSV exports. */
export class StaffConsole extends HTMLElement {
  async connectedCallback() {
    await this.render();
  }

  async render() {
    const t = text(this);
    const from = isoDay(-30);
    const to = isoDay(1);
    const [liabilities, { campaigns }, { shops }, redemptions, { adjustments }] = await Promise.all([
      getJson('/reports/liabilities'),
      getJson('/campaigns'),
      getJson('/shops?status=pending'),
      getJson(`/reports/redemptions?from=${from}&to=${to}`),
      getJson('/adjustments'),
    ]);
    const burnDowns = await Promise.all(campaigns.map((c) => getJson(`/reports/burn-down?campaignId=${c.id}`)));
    const [wallets, points, coupons, couponYen] = liabilities.rows[0];
    const figures = el('dl', {}, [
      el('dt', { textContent: t.wallets }),
      el('dd', { textContent: wallets.toLocaleString() }),
      el('dt', { textContent: t.points }),
      el('dd', { textContent: points.toLocaleString() }),
      el('dt', { textContent: t.coupons }),
      el('dd', { textContent: coupons.toLocaleString() }),
      el('dt', { textContent: t.couponYen }),
      el('dd', { textContent: couponYen.toLocaleString() }),
    ]);
    this.replaceChildren(
      el('section', {}, [
        el('h2', { textContent: t.liabilities }),
        figures,
        el('a', { href: `${BASE}/reports/liabilities?format=csv`, textContent: t.csv }),
      ]),
      el('section', {}, [
        el('h2', { textContent: t.campaigns }),
        ...campaigns.map((c, i) => this.burnDown(c, burnDowns[i].rows, t)),
      ]),
      el('section', {}, [
        el('h2', { textContent: t.redemptions }),
        redemptions.rows.length === 0 ? el('p', { textContent: t.none }) : this.redemptionTable(redemptions.rows, t),
        el('a', { href: `${BASE}/reports/redemptions?from=${from}&to=${to}&format=csv`, textContent: t.csv }),
      ]),
      el('section', {}, [
        el('h2', { textContent: t.adjustments }),
        adjustments.length === 0
          ? el('p', { textContent: t.none })
          : el(
              'ul',
              {},
              adjustments.map((a) => this.adjustmentRow(a, t)),
            ),
        this.adjustmentForm(t),
      ]),
      el('section', {}, [
        el('h2', { textContent: t.pendingShops }),
        shops.length === 0
          ? el('p', { textContent: t.none })
          : el(
              'ul',
              {},
              shops.map((s) => this.shopRow(s, t)),
            ),
      ]),
    );
  }

  redemptionTable(rows, t) {
    const cell = (tag, value) => el(tag, { textContent: typeof value === 'number' ? value.toLocaleString() : value });
    return el('table', {}, [
      el('caption', { textContent: t.redemptions }),
      el('thead', {}, [
        el(
          'tr',
          {},
          t.redemptionColumns.map((title) => cell('th', title)),
        ),
      ]),
      el(
        'tbody',
        {},
        rows.map(([, shop, day, coupons, couponYen, points]) =>
          el('tr', {}, [
            cell('td', shop),
            cell('td', day),
            cell('td', coupons),
            cell('td', couponYen),
            cell('td', points),
          ]),
        ),
      ),
    ]);
  }

  burnDown(campaign, rows, t) {
    const budget = Number(campaign.budget);
    const remaining = Number(campaign.remaining);
    const meter = el('meter', { min: 0, max: budget, value: remaining });
    meter.setAttribute('aria-label', `${campaign.name_ja} ${t.remaining}`);
    return el('div', {}, [
      el('span', {
        textContent: `${campaign.name_ja}: ${remaining.toLocaleString()}${t.of}${budget.toLocaleString()} ${t.remaining} `,
      }),
      meter,
      el('div', {}, [
        burnDownChart(budget, rows, `${campaign.name_ja}: ${t.chartLabel(budget - remaining, rows.length, remaining)}`),
      ]),
      el('a', { href: `${BASE}/reports/burn-down?campaignId=${campaign.id}&format=csv`, textContent: ` ${t.csv}` }),
    ]);
  }

  adjustmentRow(adjustment, t) {
    const status = el('span', { role: 'status' });
    const decide = (decision) => async () => {
      const result = await act('decideAdjustment', { adjustmentId: adjustment.id, decision }, this.language);
      if (result.ok) await this.render();
      else status.textContent = result.body.detail ?? result.body.title ?? '';
    };
    const points = Number(adjustment.points);
    return el('li', {}, [
      el('span', {
        textContent: `${adjustment.resident_id} ${points > 0 ? '+' : ''}${points.toLocaleString()} pt「${adjustment.reason}」 `,
      }),
      el('button', { type: 'button', textContent: t.approve, onclick: decide('approve') }),
      el('button', { type: 'button', textContent: t.reject, onclick: decide('reject') }),
      status,
    ]);
  }

  adjustmentForm(t) {
    const resident = el('input', { id: 'payments-adjust-resident', required: true, maxLength: 100 });
    const points = el('input', { id: 'payments-adjust-points', type: 'number', required: true, step: 1 });
    const reason = el('input', { id: 'payments-adjust-reason', required: true, minLength: 5, maxLength: 500 });
    const status = el('p', { role: 'status' });
    const form = el('form', {}, [
      el('h3', { textContent: t.requestAdjustment }),
      el('label', { htmlFor: resident.id, textContent: t.residentId }),
      resident,
      el('label', { htmlFor: points.id, textContent: t.adjustPoints }),
      points,
      el('label', { htmlFor: reason.id, textContent: t.reason }),
      reason,
      el('button', { type: 'submit', textContent: t.request }),
      status,
    ]);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const body = { residentId: resident.value, points: Number(points.value), reason: reason.value };
      const result = await act('requestAdjustment', body, this.language);
      if (result.ok) await this.render();
      else status.textContent = result.body.detail ?? result.body.title ?? t.failed;
    });
    return form;
  }

  shopRow(shop, t) {
    const decide = (decision) => async () => {
      await act('decideShop', { shopId: shop.id, decision }, this.language);
      await this.render();
    };
    return el('li', {}, [
      el('span', { textContent: `${shop.name}（${shop.address}） ` }),
      el('button', { type: 'button', textContent: t.approve, onclick: decide('approve') }),
      el('button', { type: 'button', textContent: t.reject, onclick: decide('reject') }),
    ]);
  }
}
