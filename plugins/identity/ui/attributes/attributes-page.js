import { call, el, languageOf } from '../texts.js';
import { TEXTS } from './texts.js';

/**
 * The resident pulls their own information from the city's sources into their profile: choose a
 * source and fields (none chosen beforehand), read what will be taken, then agree or refuse.
 * Refusing sends nothing. Below, every pulled field with its source and time.
 */
export class AttributesPage extends HTMLElement {
  async connectedCallback() {
    const t = TEXTS[languageOf(this)];
    let state;
    try {
      state = await call('GET', '/api/plugins/identity/attributes');
    } catch {
      const back = encodeURIComponent(`${location.pathname}${location.search}`);
      this.replaceChildren(
        el('h1', { textContent: t.title }),
        el('p', {}, [
          el('a', { href: `/api/public/identity/pages/sign-in?return=${back}`, textContent: t.signInFirst }),
        ]),
      );
      return;
    }
    this.status = el('p', { role: 'status' });
    this.replaceChildren(
      el('h1', { textContent: t.title }),
      el('p', { textContent: t.lead }),
      this.status,
      this.chooser(t, state),
      this.pulledList(t, state.pulled),
    );
  }

  chooser(t, state) {
    if (!state.verified) {
      return el('p', {}, [
        el('span', { textContent: `${t.notVerified} ` }),
        el('a', { href: '/api/public/identity/pages/security', textContent: t.security }),
      ]);
    }
    if (state.sources.length === 0) return el('p', { textContent: t.noSource });
    const sources = state.sources.map((source, index) =>
      choice('radio', 'source', source, t.sources[source], index === 0),
    );
    const fields = state.fields.map((field) => choice('checkbox', 'field', field, t.fields[field], false));
    const form = el('form', {}, [
      el('fieldset', {}, [el('legend', { textContent: t.sourceLegend }), ...sources]),
      el('fieldset', {}, [el('legend', { textContent: t.fieldLegend }), ...fields]),
      el('button', { type: 'submit', textContent: t.next }),
    ]);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const data = new FormData(form);
      const chosen = data.getAll('field').map(String);
      if (chosen.length === 0) {
        this.status.textContent = t.chooseField;
        return;
      }
      form.replaceWith(this.confirmation(t, String(data.get('source')), chosen, form));
    });
    return form;
  }

  confirmation(t, source, fields, form) {
    const agree = el('button', { type: 'button', textContent: t.agree });
    const refuse = el('button', { type: 'button', textContent: t.refuse });
    const box = el('section', { 'aria-labelledby': 'confirm-lead' }, [
      el('p', { id: 'confirm-lead', textContent: t.confirmLead(t.sources[source]) }),
      el(
        'ul',
        {},
        fields.map((field) => el('li', { textContent: t.fields[field] })),
      ),
      agree,
      refuse,
    ]);
    refuse.addEventListener('click', () => {
      box.replaceWith(form);
      this.status.textContent = t.refused;
    });
    agree.addEventListener('click', async () => {
      try {
        await call('POST', '/api/actions/identity.pullAttributes', { source, fields, consent: true });
        await this.connectedCallback();
        this.status.textContent = t.pulled;
      } catch (failure) {
        box.replaceWith(form);
        this.status.textContent = failure.answer?.detail ?? t.failed;
      }
    });
    return box;
  }

  pulledList(t, pulled) {
    const items = pulled.map((attribute) =>
      el('div', {}, [
        el('dt', { textContent: t.fields[attribute.field] }),
        el('dd', { textContent: valueText(t, attribute) }),
        el('dd', {
          textContent: t.from(t.sources[attribute.source], new Date(attribute.pulledAt).toLocaleString(this.lang)),
        }),
      ]),
    );
    return el('section', { 'aria-labelledby': 'pulled-title' }, [
      el('h2', { id: 'pulled-title', textContent: t.pulledTitle }),
      items.length === 0 ? el('p', { textContent: t.none }) : el('dl', {}, items),
    ]);
  }
}

function choice(type, name, value, label, checked) {
  const id = `${name}-${value}`;
  return el('div', {}, [el('input', { type, name, value, id, checked }), el('label', { for: id, textContent: label })]);
}

function valueText(t, { field, value }) {
  switch (field) {
    case 'name':
      return value.kana ? `${value.name}（${value.kana}）` : value.name;
    case 'address':
      return value.postalCode ? `〒${value.postalCode} ${value.formatted}` : value.formatted;
    case 'gender':
      return t.gender[value] ?? value;
    case 'household':
      return [value.relationship, ...value.members.map((member) => `${member.name}（${member.relationship}）`)].join(
        '、',
      );
    case 'taxStatus':
      return `${t.fiscalYear(value.fiscalYear)} ${t.tax[value.status] ?? value.status}`;
    default:
      return String(value);
  }
}
