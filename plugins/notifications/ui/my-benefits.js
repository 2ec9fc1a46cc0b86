import { renderCalendar } from './calendar.js';
import { act, dayLabel, el, getJson, text, uniqueId } from './common.js';
import { renderMap } from './map.js';
import { catalogueLanguage } from './text.js';

const DISTANCES = [1, 3, 5, 10, 20];

/**
 * "My benefits and events": what the signed-in resident is eligible for, searched by text,
 * category, kind, dates and distance, shown as a list, a calendar (month or week) or a map.
 * With the resident's consent the server orders it by their own signals and says why; a
 * click on "details" and "not interested" are recorded (the server keeps nothing without
 * consent). Without consent to reuse their profile, the items for everyone and a prompt.
 */
export class MyBenefits extends HTMLElement {
  view = 'list';
  calendarMode = 'month';
  result = { items: [], map: null, personalised: false };

  connectedCallback() {
    const t = text(this);
    this.status = el('p', { role: 'status' });
    this.consentPrompt = el('p', { className: 'consent-prompt', hidden: true });
    this.results = el('div');
    this.viewButtons = ['list', 'calendar', 'map'].map((view) =>
      el('button', {
        type: 'button',
        textContent: t[view],
        ariaPressed: String(view === this.view),
        onclick: () => this.show(view),
      }),
    );
    this.replaceChildren(
      this.searchForm(t),
      el('div', { role: 'group', ariaLabel: t.views, className: 'views' }, this.viewButtons),
      this.status,
      this.consentPrompt,
      this.results,
    );
    this.load();
  }

  searchForm(t) {
    const field = (label, control) => {
      control.id = uniqueId('benefit-search');
      return el('div', { className: 'field' }, [el('label', { htmlFor: control.id, textContent: label }), control]);
    };
    const option = (value, label) => el('option', { value, textContent: label });
    this.q = el('input', { type: 'search', name: 'q' });
    this.category = el('select', { name: 'category' }, [
      option('', t.anyCategory),
      ...Object.entries(t.categories).map(([value, label]) => option(value, label)),
    ]);
    this.kind = el('select', { name: 'kind' }, [
      option('', t.anyKind),
      option('benefit', t.kinds.benefit),
      option('event', t.kinds.event),
    ]);
    this.from = el('input', { type: 'date', name: 'from' });
    this.to = el('input', { type: 'date', name: 'to' });
    this.near = el('input', { type: 'text', name: 'near', placeholder: t.nearHint, autocomplete: 'off' });
    this.within = el('select', { name: 'withinKm' }, [
      option('', t.anyDistance),
      ...DISTANCES.map((km) => option(String(km), t.km(km))),
    ]);
    const locate = el('button', {
      type: 'button',
      textContent: t.useLocation,
      onclick: () =>
        navigator.geolocation?.getCurrentPosition((position) => {
          this.near.value = `${position.coords.latitude.toFixed(4)},${position.coords.longitude.toFixed(4)}`;
        }),
    });
    return el(
      'form',
      {
        role: 'search',
        ariaLabel: t.search,
        onsubmit: (event) => {
          event.preventDefault();
          if (this.q.value.trim()) act('recordSignal', { kind: 'search', query: this.q.value.trim() }, this.language);
          this.load();
        },
      },
      [
        field(t.keyword, this.q),
        field(t.category, this.category),
        field(t.kind, this.kind),
        field(t.from, this.from),
        field(t.to, this.to),
        field(t.near, this.near),
        locate,
        field(t.within, this.within),
        el('button', { type: 'submit', textContent: t.search }),
      ],
    );
  }

  async load() {
    const t = text(this);
    const query = new URLSearchParams({ language: catalogueLanguage(this.language) });
    for (const control of [this.q, this.category, this.kind, this.from, this.to]) {
      if (control.value.trim()) query.set(control.name, control.value.trim());
    }
    if (this.near.value.trim() && this.within.value) {
      query.set('near', this.near.value.replace(/\s/g, ''));
      query.set('withinKm', this.within.value);
    }
    try {
      this.result = await getJson(`/my-benefits?${query}`);
    } catch {
      this.status.textContent = t.failed;
      this.result = { items: [], map: null, personalised: false, profileConsent: true };
    }
    const items = this.result.items;
    this.status.textContent =
      items.length === 0
        ? t.none
        : `${t.found(items.length)} ${this.result.personalised ? t.personalised : t.notPersonalised}`;
    this.showConsentPrompt(t);
    this.render();
  }

  /** Without consent to reuse the profile the server decides no rule on it: say so, and where to consent. */
  showConsentPrompt(t) {
    const waiting = this.result.profileConsent === false ? (this.result.awaitingConsent ?? 0) : 0;
    this.consentPrompt.hidden = waiting === 0;
    this.consentPrompt.replaceChildren(
      ...(waiting === 0
        ? []
        : [`${t.consentPrompt(waiting)} `, el('a', { href: '/profile', textContent: t.consentLink })]),
    );
  }

  show(view) {
    this.view = view;
    for (const [index, name] of ['list', 'calendar', 'map'].entries()) {
      this.viewButtons[index].setAttribute('aria-pressed', String(name === view));
    }
    this.render();
  }

  render() {
    const items = this.result.items;
    if (this.view === 'calendar') {
      this.results.replaceChildren(
        renderCalendar(this, items, {
          mode: this.calendarMode,
          onMode: (mode) => {
            this.calendarMode = mode;
            this.render();
          },
        }),
      );
    } else if (this.view === 'map') {
      this.results.replaceChildren(renderMap(this, items, this.result.map));
    } else {
      this.results.replaceChildren(
        el(
          'ul',
          { className: 'benefits' },
          items.map((item) => this.entry(item)),
        ),
      );
    }
  }

  entry(item) {
    const t = text(this);
    const notes = [
      t.kinds[item.kind],
      item.category ? (t.categories[item.category] ?? item.category) : null,
      item.lastDay ? t.until(dayLabel(item.lastDay, this.language)) : null,
      item.place,
      item.distanceKm !== null ? t.distance(item.distanceKm) : null,
    ].filter(Boolean);
    const reason = item.reason ? t.because[item.reason.kind](item.reason.title ?? item.reason.query) : null;
    const feedback = el('span', { role: 'status' });
    const record = (kind) => act('recordSignal', { kind, itemKind: item.kind, itemId: item.id }, this.language);
    const actions = [
      el('button', {
        type: 'button',
        textContent: t.dismiss,
        ariaLabel: `${t.dismiss}: ${item.title}`,
        onclick: async () => {
          await record('dismiss');
          feedback.textContent = t.dismissed;
        },
      }),
    ];
    if (item.url) {
      actions.unshift(
        el('a', {
          href: item.url,
          textContent: t.details,
          ariaLabel: `${t.details}: ${item.title}`,
          onclick: () => record('view'),
        }),
      );
    }
    return el('li', { className: item.dismissed ? 'dismissed' : '' }, [
      el('h3', { textContent: item.title }),
      el('p', { textContent: notes.join(' ・ ') }),
      ...(item.summary ? [el('p', { textContent: item.summary })] : []),
      ...(reason ? [el('p', { className: 'reason', textContent: reason })] : []),
      el('p', {}, [...actions, feedback]),
    ]);
  }
}
