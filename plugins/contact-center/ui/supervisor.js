import { BASE, el, getJson, POLL_MS, percent } from './common.js';
import { queueChart } from './queue-chart.js';
import { text } from './texts.js';

const STAFF_CHANNEL = 'contact-center.staff';
/** How many live alerts stay listed: the newest first. */
const ALERTS_SHOWN = 20;

/**
 * The supervisors' live view: today's KPIs per queue and in total (the three SLA timers'
 * breaches among them), a chart of waiting and active chats per queue, each operator's day,
 * the alerts as they happen — SLA breaches and abandonment spikes — in a live region, then the
 * daily and monthly reports. It listens on the portal's realtime room `supervisor`, where the
 * supervision job pushes the KPIs every ten seconds; without a realtime connection it polls.
 */
export class ContactCenterSupervisor extends HTMLElement {
  language = 'ja';
  /** The portal's shared connection (`PortalRealtime`), when the element runs in a portal. */
  realtime = null;
  #timer;
  #unsubscribe;
  #table;
  #chart;
  #operators;
  #alerts;

  connectedCallback() {
    const t = text(this);
    this.#table = el('table', {}, [el('caption', { textContent: t.kpis })]);
    this.#chart = el('div');
    this.#operators = el('table', {}, [el('caption', { textContent: t.operators })]);
    this.#alerts = el('ul', { ariaLive: 'polite' });
    const reports = el('contact-center-reports', { language: this.language });
    this.replaceChildren(
      el('h2', { textContent: t.kpis }),
      this.#table,
      this.#chart,
      this.#operators,
      el('h3', { textContent: t.alerts }),
      this.#alerts,
      reports,
    );
    this.#refresh();
    if (this.realtime) this.#unsubscribe = this.realtime.subscribe(STAFF_CHANNEL, 'supervisor', (m) => this.#on(m));
    else this.#timer = setInterval(() => this.#refresh(), POLL_MS * 5);
  }

  disconnectedCallback() {
    clearInterval(this.#timer);
    this.#unsubscribe?.();
  }

  #on(message) {
    const t = text(this);
    if (message.event === 'kpis') this.#draw(message.payload);
    else if (message.event === 'slaBreached') {
      const p = message.payload;
      this.#alert(`${t.timers[p.timer] ?? p.timer}: ${p.queue}`);
    } else if (message.event === 'alert' && message.payload.kind === 'abandonmentSpike') {
      const p = message.payload;
      this.#alert(t.abandonmentSpike(p.abandoned, Math.round(p.rate * 100), p.windowMinutes));
    }
  }

  #alert(line) {
    const at = new Date().toLocaleTimeString(this.language === 'en' ? 'en' : 'ja-JP', { timeZone: 'Asia/Tokyo' });
    this.#alerts.prepend(el('li', { textContent: `${at} ${line}` }));
    while (this.#alerts.childElementCount > ALERTS_SHOWN) this.#alerts.lastElementChild.remove();
  }

  async #refresh() {
    const kpis = await getJson(`${BASE}/kpis`).catch(() => null);
    if (kpis) this.#draw(kpis);
  }

  #draw(kpis) {
    const t = text(this);
    const cells = (name, q) => [
      el('th', { scope: 'row', textContent: name }),
      ...[
        q.waiting,
        q.active,
        q.abandoned,
        q.longestWaitSeconds,
        q.averageWaitSeconds ?? '—',
        q.averageFirstResponseSeconds ?? '—',
        percent(q.serviceLevel),
        q.slaBreaches,
        q.nextResponseBreaches,
        q.resolutionBreaches,
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
    this.#chart.replaceChildren(queueChart(kpis, t));
    this.#drawOperators(kpis.operators ?? []);
  }

  #drawOperators(operators) {
    const t = text(this);
    this.#operators.replaceChildren(
      el('caption', { textContent: t.operators }),
      el('thead', {}, [
        el(
          'tr',
          {},
          t.operatorColumns.map((c) => el('th', { scope: 'col', textContent: c })),
        ),
      ]),
      el(
        'tbody',
        {},
        operators.map((o) =>
          el('tr', {}, [
            el('th', { scope: 'row', textContent: o.displayName }),
            ...[
              t.presences[o.presence] ?? o.presence,
              `${o.active} / ${o.capacity}`,
              o.answered,
              o.closed,
              percent(o.firstContactResolution),
              o.averageHandleSeconds ?? '—',
            ].map((value) => el('td', { textContent: String(value) })),
          ]),
        ),
      ),
    );
  }
}
