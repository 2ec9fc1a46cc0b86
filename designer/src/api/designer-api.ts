import type { Language, ProblemDocument } from '@kiban/runtime-ui';
import { type RunningAction, runningActions } from '../editors/agent/running-actions.ts';
import { type PluginPart, pluginParts, type StaffCatalogPlugins } from '../editors/page/plugin-parts.ts';
import type {
  DraftRecord,
  ItemKey,
  MetadataItem,
  MigrationPlan,
  PackagePlan,
  Principal,
  PublishOutcome,
  SavedDraft,
  VersionRecord,
} from '../model/types.ts';

/** The API refused; `problem` is its problem+json body, `status` the HTTP status. */
export class DesignerApiError extends Error {
  readonly problem: ProblemDocument;
  readonly status: number;

  constructor(status: number, problem: ProblemDocument | undefined) {
    super(problem?.detail ?? `HTTP ${status}`);
    this.name = 'DesignerApiError';
    this.status = status;
    this.problem = problem ?? { status };
  }
}

const path = (key: ItemKey) => `${encodeURIComponent(key.kind)}/${encodeURIComponent(key.name)}`;

/**
 * The engine endpoints the designer uses, all with the session cookie. `language` goes out
 * as Accept-Language so refusals come back in the reader's language (ja or en).
 */
export class DesignerApi {
  language: Language;
  readonly apiBase: string;

  constructor(language: Language = 'ja', apiBase = '') {
    this.language = language;
    this.apiBase = apiBase;
  }

  private async send(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('accept-language', this.language);
    if (!headers.has('accept')) headers.set('accept', 'application/json, application/problem+json');
    if (typeof init.body === 'string') headers.set('content-type', 'application/json');
    const response = await fetch(`${this.apiBase}${url}`, { ...init, headers, credentials: 'same-origin' });
    if (!response.ok) {
      const problem = (await response.json().catch(() => undefined)) as ProblemDocument | undefined;
      throw new DesignerApiError(response.status, problem);
    }
    return response;
  }

  private async json<T>(url: string, init: RequestInit = {}): Promise<T> {
    const response = await this.send(url, init);
    return (response.status === 204 ? undefined : await response.json()) as T;
  }

  /** The signed-in principal, or undefined when nobody is. */
  async me(): Promise<Principal | undefined> {
    try {
      return (await this.json<{ principal: Principal }>('/api/auth/me')).principal;
    } catch (error) {
      if (error instanceof DesignerApiError && error.status === 401) return undefined;
      throw error;
    }
  }

  async login(username: string, password: string): Promise<Principal> {
    const body = JSON.stringify({ username, password });
    return (await this.json<{ principal: Principal }>('/api/auth/login', { method: 'POST', body })).principal;
  }

  async logout(): Promise<void> {
    await this.send('/api/auth/logout', { method: 'POST' });
  }

  published(): Promise<{ generation: number; items: MetadataItem[] }> {
    return this.json('/api/metadata');
  }

  async drafts(): Promise<DraftRecord[]> {
    return (await this.json<{ items: DraftRecord[] }>('/api/metadata/drafts')).items;
  }

  draft(key: ItemKey): Promise<DraftRecord> {
    return this.json(`/api/metadata/drafts/${path(key)}`);
  }

  /** Saves a draft over `revision` (0 for a new one); a 412 means someone else saved first. */
  saveDraft(item: MetadataItem, revision: number): Promise<SavedDraft> {
    return this.json(`/api/metadata/drafts/${path(item)}`, {
      method: 'PUT',
      headers: { 'if-match': `"${revision}"` },
      body: JSON.stringify(item),
    });
  }

  publish(
    upserts: MetadataItem[],
    options: { dryRun: boolean; confirmDestructive?: boolean },
  ): Promise<PublishOutcome> {
    const body = { upserts, dryRun: options.dryRun, confirmDestructive: options.confirmDestructive ?? false };
    return this.json('/api/metadata/publish', { method: 'POST', body: JSON.stringify(body) });
  }

  /** The elements plugins contribute (page components, staff pages, record panels), for page layouts. */
  async pluginParts(): Promise<PluginPart[]> {
    return pluginParts(await this.json<StaffCatalogPlugins>('/api/portal/app?portal=staff'));
  }

  /** The plugin actions the signed-in person may call, for an agent's tools. */
  async runningActions(): Promise<RunningAction[]> {
    return runningActions(await this.json('/api/openapi.json'));
  }

  /** How many records a rule being edited selects, among those the signed-in person may read. */
  previewRule(rule: MetadataItem): Promise<{ count: number }> {
    return this.json('/api/segments/preview', { method: 'POST', body: JSON.stringify({ rule }) });
  }

  /** Runs a report being edited (after the checks a publication would run), under the signed-in person's policies. */
  previewReport(report: MetadataItem): Promise<unknown> {
    return this.json('/api/reports/preview', { method: 'POST', body: JSON.stringify({ report }) });
  }

  async versions(key: ItemKey): Promise<VersionRecord[]> {
    return (await this.json<{ items: VersionRecord[] }>(`/api/metadata/${path(key)}/versions`)).items;
  }

  /** The published app as a `.tar.gz`. */
  async exportPackage(name: string, version: string): Promise<Blob> {
    const response = await this.send('/api/admin/packages/export', {
      method: 'POST',
      body: JSON.stringify({ name, version }),
    });
    return response.blob();
  }

  planPackage(archive: Blob): Promise<PackagePlan> {
    return this.json('/api/admin/packages/plan', {
      method: 'POST',
      headers: { 'content-type': 'application/gzip' },
      body: archive,
    });
  }

  importPackage(archive: Blob, confirmDestructive: boolean): Promise<{ applied: boolean; plan: PackagePlan }> {
    return this.json(`/api/admin/packages/import?confirmDestructive=${confirmDestructive}`, {
      method: 'POST',
      headers: { 'content-type': 'application/gzip' },
      body: archive,
    });
  }
}

export type { MigrationPlan };
