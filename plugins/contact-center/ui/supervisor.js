import { BASE, el, getJson, POLL_MS } from './common.js';
import { text } from './texts.js';

/** The supervisors' live view: today's KPIs per queue and in total, refreshed on an interval. */
export class ContactCenterSupervisor extends HTMLElement {
  language = 'ja';
  #timer;
  #table;

  connectedCallback() {
    const t = text(this);
    this.#table = el('table', {}, [el('caption', { textContent: t.kpis })]);
    this.replaceChildren(el('h2', { textContent: t.kpis }), this.#table);
    this.#refresh();
    this.#timer = setInterval(() => this.#refresh(), POLL_MS * 5);
  }

  disconnectedCallback() {
    clearInterval(this.#timer);
  }

  async #refresh() {
    const t = text(this);
    const kpis = await getJson(`${BASE}/kpis`).catch(() => null);
    if (!kpis) return;
    const cells = (name, q) => [
      el('th', { scope: 'row', textContent: name }),
      ...[
        q.waiting,
        q.active,
        q.abandoned,
        q.longestWaitSeconds,
        q.averageWaitSeconds ?? '—',
        q.averageFirstResponseSeconds ?? '—',
        q.serviceLevel === null ? '—' : `${Math.round(q.serviceLevel * 100)}%`,
        q.slaBreaches,
      ].map((value) => el('td', { textContent: String(value) })),
    ];
    this.#table.replaceChildren(
      el('caption', { textContent: t.kpis }),
      el('thead', {}, [
        el(
          'tr',
          {},
          t.kpiColumns.map((c) => el('th', { scope: 'col', textContent: c })),
        ),
      ]),
      el('tbody', {}, [
        ...kpis.queues.map((q) => el('tr', {}, cells(q.queue, q))),
        el('tr', {}, cells(t.total, kpis.total)),
      ]),
    );
  }
}
