import { DEFAULT_LANGUAGE, type Language } from '@kiban/runtime-ui';
import { html, LitElement, nothing } from 'lit';
import type { DesignerApi } from '../api/designer-api.ts';
import { designerStyles } from '../app/designer-styles.ts';
import { problemLines } from '../app/problem-lines.ts';
import { say } from '../i18n/index.ts';
import type { ItemKey, PackagePlan } from '../model/types.ts';
import { renderPlanTable } from '../publish/plan-table.ts';

const keyList = (keys: ItemKey[]) => keys.map((key) => `${key.kind}/${key.name}`).join(', ') || '—';

/**
 * `<kiban-packages-page>`: export the published app as a metadata package (`.tar.gz`
 * download), and import one: the archive is planned (dry run) first, and the import button
 * is enabled only once its plan is on screen (and, for destructive steps, confirmed).
 */
export class KibanPackagesPage extends LitElement {
  static override properties = {
    api: { attribute: false },
    language: {},
    file: { state: true },
    plan: { state: true },
    confirmed: { state: true },
    busy: { state: true },
    message: { state: true },
    problem: { state: true },
  };

  static override styles = designerStyles;

  declare api: DesignerApi;
  declare language: Language;
  declare file: File | undefined;
  declare plan: PackagePlan | undefined;
  declare confirmed: boolean;
  declare busy: boolean;
  declare message: string;
  declare problem: string[];

  constructor() {
    super();
    this.language = DEFAULT_LANGUAGE;
    this.confirmed = false;
    this.busy = false;
    this.message = '';
    this.problem = [];
  }

  private async run(work: () => Promise<void>): Promise<void> {
    this.busy = true;
    this.message = '';
    this.problem = [];
    try {
      await work();
    } catch (error) {
      this.problem = problemLines(error, this.language, 'packages.failed');
    } finally {
      this.busy = false;
    }
  }

  private async exportPackage(event: Event): Promise<void> {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const name = String(data.get('name') ?? '');
    const version = String(data.get('version') ?? '');
    await this.run(async () => {
      const archive = await this.api.exportPackage(name, version);
      const file = `${name}-${version}.tar.gz`;
      const link = document.createElement('a');
      link.href = URL.createObjectURL(archive);
      link.download = file;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
      this.message = say(this.language, 'packages.exported', { file });
    });
  }

  private chooseFile(event: Event): void {
    this.file = (event.target as HTMLInputElement).files?.[0];
    this.plan = undefined;
    this.confirmed = false;
  }

  private async planImport(): Promise<void> {
    const file = this.file;
    if (!file) return;
    await this.run(async () => {
      this.plan = await this.api.planPackage(file);
      this.confirmed = false;
    });
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#package-plan-title')?.focus();
  }

  private async importPackage(): Promise<void> {
    const file = this.file;
    if (!file || !this.plan) return;
    await this.run(async () => {
      await this.api.importPackage(file, this.plan?.migration.destructive === true && this.confirmed);
      this.plan = undefined;
      this.message = say(this.language, 'packages.imported');
      this.dispatchEvent(new CustomEvent('published', { bubbles: true, composed: true }));
    });
  }

  private canImport(): boolean {
    const plan = this.plan;
    if (!plan || this.busy || plan.migration.blocked || plan.unmetRequirements.length > 0) return false;
    return !plan.migration.destructive || this.confirmed;
  }

  private renderPlan(plan: PackagePlan) {
    const language = this.language;
    const rows = [
      ['packages.created', plan.created],
      ['packages.changed', plan.changed],
      ['packages.removed', plan.removed],
      ['packages.unchanged', plan.unchanged],
    ] as const;
    const unmet = plan.unmetRequirements.map((each) => `${each.name} ${each.range} (${each.installed ?? '—'})`);
    return html`<h3 id="package-plan-title" tabindex="-1">${say(language, 'packages.planTitle')}</h3>
      <dl>
        ${rows.map(([key, keys]) => html`<dt>${say(language, key)} (${keys.length})</dt><dd>${keyList(keys)}</dd>`)}
      </dl>
      ${unmet.length > 0 ? html`<p class="notice alert">${say(language, 'packages.unmet', { list: unmet.join(', ') })}</p>` : nothing}
      <h4 id="package-migration-title">${say(language, 'publish.planTitle')}</h4>
      ${renderPlanTable(plan.migration, language, 'package-migration-title')}
      ${
        plan.migration.destructive
          ? html`<p class="check">
            <input type="checkbox" id="package-confirm" @change=${(event: Event) => {
              this.confirmed = (event.target as HTMLInputElement).checked;
            }} /><label for="package-confirm">${say(language, 'publish.confirm')}</label>
          </p>`
          : nothing
      }`;
  }

  override render() {
    const language = this.language;
    return html`<div lang=${language}>
      <h1>${say(language, 'packages.title')}</h1>
      <p role="status">${this.message}</p>
      ${this.problem.length > 0 ? html`<div class="notice alert" role="alert">${this.problem.map((line) => html`<p>${line}</p>`)}</div>` : nothing}
      <section class="panel" aria-labelledby="export-title">
        <h2 id="export-title">${say(language, 'packages.exportTitle')}</h2>
        <form @submit=${this.exportPackage}>
          <div class="field">
            <label for="package-name">${say(language, 'packages.name')}</label>
            <input id="package-name" name="name" required autocomplete="off" />
          </div>
          <div class="field">
            <label for="package-version">${say(language, 'packages.version')}</label>
            <input id="package-version" name="version" required autocomplete="off" pattern="\\d+\\.\\d+\\.\\d+.*" />
          </div>
          <button type="submit" ?disabled=${this.busy}>${say(language, 'packages.export')}</button>
        </form>
      </section>
      <section class="panel" aria-labelledby="import-title">
        <h2 id="import-title">${say(language, 'packages.importTitle')}</h2>
        <div class="field">
          <label for="package-file">${say(language, 'packages.file')}</label>
          <input id="package-file" type="file" accept=".tar.gz,.tgz,application/gzip" @change=${this.chooseFile} />
        </div>
        <div class="actions">
          <button type="button" ?disabled=${!this.file || this.busy} @click=${this.planImport}>${say(language, 'packages.plan')}</button>
        </div>
        ${this.plan ? this.renderPlan(this.plan) : html`<p>${say(language, 'packages.needPlan')}</p>`}
        <div class="actions">
          <button type="button" class="primary import" ?disabled=${!this.canImport()} @click=${this.importPackage}>
            ${say(language, 'packages.import')}
          </button>
        </div>
      </section>
    </div>`;
  }
}
