import { BASE, el, getJson, percent } from './common.js';
import { text } from './texts.js';

/** Today in the city, as `YYYY-MM-DD`. */
function cityToday() {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' }).format(new Date());
}

/** Ids of the form controls, unique on the page. */
let controls = 0;

/**
 * Daily and monthly reports for supervisors: the period (days or months), the range and whether
 * per queue or per operator; "show" draws the table from `GET /reports`, and the CSV link asks
 * the same route for the spreadsheet file. Each period's total comes first.
 */
export class ContactCenterReports extends HTMLElement {
  language = 'ja';
  #form;
  #table;
  #status;
  #csv;

  connectedCallback() {
    const t = text(this).reports;
    const today = cityToday();
    // A label beside its control (not around it), so its name is the label alone, not the value too.
    const field = (label, control) => {
      controls += 1;
      control.id = `contact-center-report-${controls}`;
      return el('span', {}, [el('label', { htmlFor: control.id, textContent: label }), ' ', control, ' ']);
    };
    const choice = (name, options) =>
      el(
        'select',
        { name },
        options.map(([value, label]) => el('option', { value, textContent: label })),
      );
    const period = choice('period', [
      ['day', t.daily],
      ['month', t.monthly],
    ]);
    const from = el('input', { name: 'from', type: 'date', value: `${today.slice(0, 8)}01`, required: true });
    const to = el('input', { name: 'to', type: 'date', value: today, required: true });
    period.addEventListener('change', () => {
      const monthly = period.value === 'month';
      for (const input of [from, to]) {
        // The value is read before the type changes: a date input drops a month's value and back.
        const month = input.value.slice(0, 7);
        input.type = monthly ? 'month' : 'date';
        input.value = monthly ? month : `${month}-01`;
      }
    });
    this.#csv = el('a', { textContent: t.csv });
    this.#form = el('form', {}, [
      field(t.period, period),
      field(t.from, from),
      field(t.to, to),
      field(
        t.by,
        choice('by', [
          ['queue', t.byQueue],
          ['operator', t.byOperator],
        ]),
      ),
      el('button', { type: 'submit', textContent: t.show }),
    ]);
    this.#form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.#show();
    });
    this.#table = el('table', { hidden: true });
    this.#status = el('p', { role: 'status' });
    this.replaceChildren(el('h2', { textContent: t.title }), this.#form, this.#status, this.#table, this.#csv);
    this.#show();
  }

  async #show() {
    const t = text(this).reports;
    const query = new URLSearchParams(new FormData(this.#form));
    this.#csv.href = `${BASE}/reports?${query}&format=csv`;
    this.#csv.download = '';
    const report = await getJson(`${BASE}/reports?${query}`).catch(() => null);
    if (!report) {
      this.#table.hidden = true;
      this.#status.textContent = t.failed;
      return;
    }
    this.#status.textContent = report.rows.length === 0 ? t.empty : '';
    const total = text(this).total;
    this.#table.replaceChildren(
      el('caption', { textContent: `${t.title}（${report.from} – ${report.to}）` }),
      el('thead', {}, [
        el(
          'tr',
          {},
          t.columns.map((c) => el('th', { scope: 'col', textContent: c })),
        ),
      ]),
      el(
        'tbody',
        {},
        report.rows.map((row) =>
          el('tr', {}, [
            el('td', { textContent: row.period }),
            el('th', { scope: 'row', textContent: row.key === null ? total : (row.label ?? row.key) }),
            ...[
              row.offered,
              row.answered,
              percent(row.abandonmentRate),
              row.averageSpeedOfAnswerSeconds ?? '—',
              percent(row.serviceLevel),
              percent(row.firstContactResolution),
              row.averageHandleSeconds ?? '—',
              row.firstResponseBreaches,
            ].map((value) => el('td', { textContent: String(value) })),
          ]),
        ),
      ),
    );
    this.#table.hidden = report.rows.length === 0;
  }
}
