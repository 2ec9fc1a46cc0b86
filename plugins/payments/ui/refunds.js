import { act, el, getJson } from './common.js';
import { input } from './forms.js';
import { operationsText } from './operations-text.js';

const REFUNDABLE = new Set(['fulfilled', 'unfulfillable']);

/**
 * Staff: find a payment (by its order id, the provider's payment id or the resident's id) and
 * refund all or part of it, with a reason; the answer shows the new refunded total and state.
 * A premium voucher's refund voids the voucher, and one already used is refused by the server
 * with its reason shown here.
 */
export class Refunds extends HTMLElement {
  connectedCallback() {
    const t = operationsText(this);
    const search = input('payments-refund-search', { required: true, minLength: 3, maxLength: 100 }, '/query/search');
    this.results = el('div');
    const form = el('form', { role: 'search' }, [
      el('label', { htmlFor: search.id, textContent: t.search }),
      search,
      el('button', { type: 'submit', textContent: t.find }),
    ]);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      this.search = search.value.trim();
      await this.showOrders(t);
    });
    this.replaceChildren(el('section', {}, [el('h2', { textContent: t.refunds }), form, this.results]));
  }

  async showOrders(t, outcome) {
    let orders;
    try {
      ({ orders } = await getJson(`/orders?search=${encodeURIComponent(this.search)}`));
    } catch {
      this.results.replaceChildren(el('p', { role: 'status', textContent: t.noOrders }));
      return;
    }
    const status = el('p', { role: 'status', textContent: outcome ?? '' });
    if (orders.length === 0) {
      this.results.replaceChildren(el('p', { role: 'status', textContent: t.noOrders }));
      return;
    }
    this.results.replaceChildren(
      el('table', {}, [
        el('caption', { textContent: t.ordersCaption }),
        el('thead', {}, [
          el(
            'tr',
            {},
            t.orderColumns.map((name) => el('th', { scope: 'col', textContent: name })),
          ),
        ]),
        el(
          'tbody',
          {},
          orders.map((order) => this.row(order, t)),
        ),
      ]),
      status,
    );
  }

  row(order, t) {
    const date = new Date(order.created_at).toLocaleString(this.language === 'en' ? 'en' : 'ja-JP', {
      timeZone: 'Asia/Tokyo',
    });
    const left = order.amount_yen - order.refunded_yen;
    return el('tr', {}, [
      el('th', { scope: 'row', textContent: order.id }),
      el('td', { textContent: date }),
      el('td', { textContent: `${t.purposes[order.purpose] ?? order.purpose}: ${order.description}` }),
      el('td', { textContent: Number(order.amount_yen).toLocaleString() }),
      el('td', { textContent: Number(order.refunded_yen).toLocaleString() }),
      el('td', { textContent: t.statuses[order.status] ?? order.status }),
      el('td', { textContent: order.voucher_status ? t.couponStatuses[order.voucher_status] : '—' }),
      el('td', {}, REFUNDABLE.has(order.status) && left > 0 ? [this.refundForm(order, left, t)] : []),
    ]);
  }

  refundForm(order, left, t) {
    const amount = input(
      `payments-refund-amount-${order.id}`,
      { type: 'number', required: true, min: 1, max: left, step: 1, value: String(left) },
      '/amountYen',
    );
    const reason = input(
      `payments-refund-reason-${order.id}`,
      { required: true, minLength: 5, maxLength: 500 },
      '/reason',
    );
    const button = el('button', { type: 'submit', textContent: t.refund });
    const form = el('form', {}, [
      el('label', { htmlFor: amount.id, textContent: t.refundAmount(order.id) }),
      amount,
      el('label', { htmlFor: reason.id, textContent: t.refundReason(order.id) }),
      reason,
      button,
    ]);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      button.disabled = true;
      const result = await act(
        'refund',
        { orderId: order.id, amountYen: Number(amount.value), reason: reason.value },
        this.language,
      );
      const outcome = result.ok
        ? t.refunded(result.body.refundedYen, t.statuses[result.body.status] ?? result.body.status)
        : `${t.notRefundable}: ${result.body.detail ?? result.body.title ?? ''}`;
      await this.showOrders(t, outcome);
    });
    return form;
  }
}
