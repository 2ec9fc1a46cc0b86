import { css, html, LitElement } from 'lit';
import { baseStyles } from '../components/shared/index.ts';
import { type CalendarPreference, DEFAULT_LANGUAGE, LANGUAGE_NAMES, LANGUAGES, translate } from '../i18n/index.ts';
import type { Language } from '../metadata/index.ts';
import type { Preferences } from './preferences.ts';

/**
 * `<kiban-preferences>`: the language switcher and the calendar choice in the portal header.
 * Each language is named in its own words and marked with its `lang`, so a reader who does
 * not read Japanese still finds theirs. Emits `kiban-preferences` with both choices.
 */
export class KibanPreferences extends LitElement {
  static override properties = {
    language: { reflect: true },
    calendar: {},
  };

  static override styles = [
    baseStyles,
    css`
      :host {
        background: transparent;
      }
      .bar {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 1.5rem;
        align-items: center;
      }
      label {
        display: flex;
        gap: 0.5rem;
        align-items: center;
        font-weight: bold;
      }
    `,
  ];

  declare language: Language;
  declare calendar: CalendarPreference;

  constructor() {
    super();
    this.language = DEFAULT_LANGUAGE;
    this.calendar = 'japanese';
  }

  private emit(preferences: Preferences): void {
    this.dispatchEvent(new CustomEvent('kiban-preferences', { detail: preferences, bubbles: true, composed: true }));
  }

  override render() {
    const say = (key: Parameters<typeof translate>[1]) => translate(this.language, key);
    return html`<div class="bar" lang=${this.language}>
      <label
        >${say('preferences.language')}${this.language === 'en' ? '' : html` <span lang="en">(Language)</span>`}
        <select
          id="language"
          @change=${(event: Event) =>
            this.emit({ language: (event.target as HTMLSelectElement).value as Language, calendar: this.calendar })}
        >
          ${LANGUAGES.map(
            (language) =>
              html`<option value=${language} lang=${language} ?selected=${language === this.language}>
                ${LANGUAGE_NAMES[language]}
              </option>`,
          )}
        </select>
      </label>
      <label
        >${say('preferences.calendar')}
        <select
          id="calendar"
          @change=${(event: Event) =>
            this.emit({
              language: this.language,
              calendar: (event.target as HTMLSelectElement).value as CalendarPreference,
            })}
        >
          <option value="japanese" ?selected=${this.calendar === 'japanese'}>${say('preferences.japanese')}</option>
          <option value="gregory" ?selected=${this.calendar === 'gregory'}>${say('preferences.gregory')}</option>
        </select>
      </label>
    </div>`;
  }
}
