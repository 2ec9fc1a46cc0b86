import { act, BASE, el, getJson, isoDay } from './common.js';
import { operationsText } from './operations-text.js';

/**
 * Staff: a day's reconciliation mismatches (the daily job's and the settlement report's), with
 * the list as CSV, and a form to reconcile the provider's settlement report for that day.
 */
export class Reconciliation extends HTMLElement {
  connectedCallback() {
    const t = operationsText(this);
    const day = el('input', { id: 'payments-reconciliation-day', type: 'date', required: true, value: isoDay(-1) });
    const file = el('input', { id: 'payments-reconciliation-file', type: 'file', accept: '.csv,text/csv' });
    const list = el('div');
    const status = el('p', { role: 'status' });
    const show = async () => {
      const { header, rows } = await getJson(`/reports/reconciliation?date=${day.value}`);
      list.replaceChildren(
        rows.length === 0 ? el('p', { textContent: t.noMismatch }) : mismatchTable(day.value, header, rows, t),
        el('a', { href: `${BASE}/reports/reconciliation?date=${day.value}&format=csv`, textContent: t.csv }),
      );
    };
    const chooser = el('form', {}, [
      el('label', { htmlFor: day.id, textContent: t.reconciliationDay }),
      day,
      el('button', { type: 'submit', textContent: t.show }),
    ]);
    chooser.addEventListener('submit', async (event) => {
      event.preventDefault();
      await show();
    });
    const upload = el('form', {}, [
      el('label', { htmlFor: file.id, textContent: t.settlementFile }),
      file,
      el('button', { type: 'submit', textContent: t.upload }),
      status,
    ]);
    upload.addEventListener('submit', async (event) => {
      event.preventDefault();
      const report = await file.files?.[0]?.text();
      if (!report) return;
      const result = await act('reconcileSettlement', { date: day.value, report }, this.language);
      status.textContent = result.ok
        ? t.uploaded(result.body.lines, result.body.mismatches.length)
        : `${t.notSaved}: ${result.body.detail ?? result.body.title ?? ''}`;
      await show();
    });
    this.replaceChildren(el('section', {}, [el('h2', { textContent: t.reconciliation }), chooser, list, upload]));
    return show();
  }
}

function mismatchTable(day, header, rows, t) {
  const at = (name) => header.indexOf(name);
  return el('table', {}, [
    el('caption', { textContent: t.mismatchesCaption(day) }),
    el('thead', {}, [
      el(
        'tr',
        {},
        t.mismatchColumns.map((name) => el('th', { scope: 'col', textContent: name })),
      ),
    ]),
    el(
      'tbody',
      {},
      rows.map((row) =>
        el('tr', {}, [
          el('th', { scope: 'row', textContent: t.kinds[row[at('kind')]] ?? row[at('kind')] }),
          el('td', { textContent: row[at('order_id')] ?? '—' }),
          el('td', { textContent: row[at('payment_id')] ?? '—' }),
          el('td', { textContent: row[at('details')] }),
        ]),
      ),
    ),
  ]);
}
