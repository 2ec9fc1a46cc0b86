import { css, html } from 'lit';
import { ApiProblemError, fetchSettings, type PluginSettingsView, saveSettings } from '../api/index.ts';
import { StaffAdminElement } from './staff-admin-element.ts';

type Property = { type?: string; title?: string; writeOnly?: boolean };

/**
 * `<kiban-settings-admin>`: each plugin's settings for this environment, one form per plugin
 * with an input per top-level setting. Secrets show only whether they are set; a secret input
 * left empty keeps the stored value.
 */
export class KibanSettingsAdmin extends StaffAdminElement {
  static override properties = {
    plugins: { state: true },
    outcome: { state: true },
  };

  static override styles = [
    ...StaffAdminElement.styles,
    css`
      form {
        display: grid;
        gap: 0.75rem;
        max-width: 36rem;
        margin-bottom: 2rem;
      }
      label {
        display: grid;
        gap: 0.25rem;
        font-weight: bold;
      }
    `,
  ];

  declare plugins: PluginSettingsView[];
  /** What the last save of each plugin said: saved, or the problems. */
  declare outcome: Record<string, { ok: boolean; lines: string[] }>;

  constructor() {
    super();
    this.plugins = [];
    this.outcome = {};
  }

  protected async fetch(): Promise<void> {
    this.plugins = await fetchSettings(this.options);
  }

  private async onSubmit(event: Event, settings: PluginSettingsView): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const values: Record<string, unknown> = {};
    for (const [name, property] of Object.entries(settings.schema.properties ?? {})) {
      const input = form.elements.namedItem(name) as HTMLInputElement | null;
      if (!input) continue;
      if (property.type === 'boolean') values[name] = input.checked;
      else if (input.value === '') continue;
      else if (property.type === 'integer' || property.type === 'number') values[name] = Number(input.value);
      else values[name] = input.value;
    }
    try {
      const saved = await saveSettings(settings.plugin, values, this.options);
      this.plugins = this.plugins.map((each) => (each.plugin === saved.plugin ? saved : each));
      this.outcome = { ...this.outcome, [settings.plugin]: { ok: true, lines: [this.say('settings.saved')] } };
      form.reset();
    } catch (error) {
      const problem = error instanceof ApiProblemError ? error.problem : undefined;
      const lines = problem?.errors?.map((each) => `${each.pointer || '/'}: ${each.message}`) ?? [
        problem?.detail ?? this.say('page.loadFailed'),
      ];
      this.outcome = { ...this.outcome, [settings.plugin]: { ok: false, lines } };
    }
  }

  override render() {
    const notice = this.statusNotice();
    if (notice) return notice;
    if (this.plugins.length === 0) return html`<p>${this.say('settings.none')}</p>`;
    return this.plugins.map((settings) => this.renderPlugin(settings));
  }

  private renderPlugin(settings: PluginSettingsView) {
    const outcome = this.outcome[settings.plugin];
    return html`<form @submit=${(event: Event) => this.onSubmit(event, settings)} aria-label=${settings.plugin}>
      <h2>${settings.plugin}</h2>
      ${Object.entries(settings.schema.properties ?? {}).map(([name, property]) =>
        this.renderInput(settings, name, property),
      )}
      <div><button type="submit">${this.say('settings.save')}</button></div>
      ${
        outcome
          ? html`<ul role=${outcome.ok ? 'status' : 'alert'}>
              ${outcome.lines.map((line) => html`<li>${line}</li>`)}
            </ul>`
          : ''
      }
    </form>`;
  }

  private renderInput(settings: PluginSettingsView, name: string, property: Property) {
    const id = `${settings.plugin}-${name}`;
    const label = property.title ?? name;
    if (property.writeOnly) {
      const state = settings.secrets[name] ? this.say('settings.secretSet') : this.say('settings.secretNotSet');
      return html`<label for=${id}>${label} (${state})
        <input id=${id} name=${name} type="password" autocomplete="new-password" />
      </label>`;
    }
    const value = settings.values[name];
    if (property.type === 'boolean') {
      return html`<label for=${id}><input id=${id} name=${name} type="checkbox" ?checked=${value === true} />${label}</label>`;
    }
    const numeric = property.type === 'integer' || property.type === 'number';
    return html`<label for=${id}>${label}
      <input id=${id} name=${name} type=${numeric ? 'number' : 'text'} .value=${value === undefined ? '' : String(value)} />
    </label>`;
  }
}
