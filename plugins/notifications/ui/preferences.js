import { act, el, getJson, send, text, uniqueId } from './common.js';
import { pushControls } from './push.js';
import { dateLocale } from './text.js';

const CHANNELS = ['email', 'line', 'sms', 'push'];
/** The channels official notices may also come by (always the inbox too). */
const OFFICIAL_CHANNELS = ['inbox', 'email', 'line', 'sms'];

/**
 * The resident's control over notices: per category and channel switches, the contacts on
 * file, quiet hours, the channel official notices also come by, and consent to personalised
 * ordering with the recorded history, each entry deletable.
 */
export class Preferences extends HTMLElement {
  async connectedCallback() {
    const t = text(this);
    this.status = el('p', { role: 'status' });
    const [preferences, signals] = await Promise.all([getJson('/preferences'), getJson('/my-signals')]);
    this.replaceChildren(
      this.status,
      ...Object.entries(t.categories).map(([category, label]) =>
        this.categorySwitches(t, category, label, preferences),
      ),
      this.contacts(t, preferences.contacts),
      ...(await pushControls(t, this.language, this.status)),
      this.quietHours(t, preferences.quietHours),
      this.officialChannel(t, preferences.officialChannel),
      this.personalisation(t, signals),
    );
  }

  async save(name, body) {
    const t = text(this);
    const result = await act(name, body, this.language);
    this.status.textContent = result.ok ? t.saved : t.notSaved;
    return result.ok;
  }

  categorySwitches(t, category, label, preferences) {
    const off = new Set(
      preferences.preferences.filter((row) => row.category === category && !row.enabled).map((row) => row.channel),
    );
    return el('fieldset', {}, [
      el('legend', { textContent: t.receiveBy(label) }),
      ...CHANNELS.map((channel) => {
        const box = el('input', {
          type: 'checkbox',
          id: uniqueId('preference'),
          checked: !off.has(channel),
          onchange: () => this.save('setPreference', { category, channel, enabled: box.checked }),
        });
        return el('div', {}, [box, el('label', { htmlFor: box.id, textContent: t.channels[channel] })]);
      }),
    ]);
  }

  contacts(t, contacts) {
    return el('section', {}, [
      el('h3', { textContent: t.contacts }),
      contacts.length === 0
        ? el('p', { textContent: t.noContacts })
        : el(
            'ul',
            {},
            contacts.map((contact) =>
              el('li', {
                textContent:
                  contact.channel === 'push' ? t.pushDevice : `${t.channels[contact.channel]}: ${contact.address}`,
              }),
            ),
          ),
    ]);
  }

  quietHours(t, current) {
    const time = (label, value) => {
      const input = el('input', { type: 'time', id: uniqueId('quiet'), value: value ?? '' });
      return [input, el('div', {}, [el('label', { htmlFor: input.id, textContent: label }), input])];
    };
    const [starts, startsField] = time(t.starts, current?.starts);
    const [ends, endsField] = time(t.ends, current?.ends);
    return el('fieldset', {}, [
      el('legend', { textContent: t.quietHours }),
      startsField,
      endsField,
      el('button', {
        type: 'button',
        textContent: t.save,
        onclick: () => this.save('setQuietHours', { starts: starts.value || null, ends: ends.value || null }),
      }),
      el('button', {
        type: 'button',
        textContent: t.clearQuiet,
        onclick: async () => {
          if (await this.save('setQuietHours', { starts: null, ends: null })) {
            starts.value = '';
            ends.value = '';
          }
        },
      }),
    ]);
  }

  officialChannel(t, current) {
    const select = el(
      'select',
      { id: uniqueId('official'), onchange: () => this.save('setOfficialChannel', { channel: select.value }) },
      OFFICIAL_CHANNELS.map((channel) =>
        el('option', { value: channel, textContent: t.channels[channel], selected: channel === current }),
      ),
    );
    return el('section', {}, [
      el('h3', {}, [el('label', { htmlFor: select.id, textContent: t.official })]),
      el('p', { textContent: t.officialNote }),
      select,
    ]);
  }

  personalisation(t, { enabled, signals }) {
    const history = el('div');
    const drawHistory = (rows) =>
      history.replaceChildren(
        el('h4', { textContent: t.history }),
        rows.length === 0
          ? el('p', { textContent: t.noHistory })
          : el(
              'ul',
              {},
              rows.map((signal) => this.signalEntry(t, signal, rows, drawHistory)),
            ),
        ...(rows.length === 0
          ? []
          : [
              el('button', {
                type: 'button',
                textContent: t.deleteAll,
                onclick: async () => {
                  await send('DELETE', '/my-signals');
                  drawHistory([]);
                },
              }),
            ]),
      );
    drawHistory(signals);
    const consent = el('input', {
      type: 'checkbox',
      id: uniqueId('consent'),
      checked: enabled,
      onchange: async () => {
        await this.save('setPersonalisation', { enabled: consent.checked });
        drawHistory((await getJson('/my-signals')).signals);
      },
    });
    return el('section', {}, [
      el('h3', { textContent: t.personalisation }),
      el('div', {}, [consent, el('label', { htmlFor: consent.id, textContent: t.consent })]),
      history,
    ]);
  }

  signalEntry(t, signal, rows, drawHistory) {
    const what = signal.kind === 'search' ? `「${signal.query}」` : `「${signal.itemTitle}」`;
    const when = new Date(signal.createdAt).toLocaleString(dateLocale(this.language), {
      timeZone: 'Asia/Tokyo',
    });
    const label = `${t.signalKinds[signal.kind]} ${what}`;
    return el('li', {}, [
      el('span', { textContent: `${when} ${label} ` }),
      el('button', {
        type: 'button',
        textContent: t.deleteOne,
        ariaLabel: `${t.deleteOne}: ${label}`,
        onclick: async () => {
          await send('DELETE', `/my-signals/${signal.id}`);
          drawHistory(rows.filter((row) => row.id !== signal.id));
        },
      }),
    ]);
  }
}
