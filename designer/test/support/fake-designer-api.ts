import type { DraftRecord, MetadataItem, MigrationPlan, VersionRecord } from '../../src/model/types.ts';
import { branchVersions, published, safePlan } from './fixtures.ts';

export interface SentRequest {
  method: string;
  path: string;
  headers: Headers;
  body: unknown;
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json' },
  });

export const problem = (status: number, code: string, detail: string, errors: unknown[] = []) =>
  json({ status, code, title: code, detail, errors }, status);

/**
 * The engine's metadata, auth and package API as the designer sees it, in memory. Every
 * request is kept in `sent`; `answer` overrides the response to one `METHOD /path`.
 */
export class FakeDesignerApi {
  sent: SentRequest[] = [];
  principal: { id: string; username: string; displayName: string | null; roles: string[] } | undefined = {
    id: 'p-1',
    username: 'admin',
    displayName: '管理者',
    roles: ['kiban:admin'],
  };
  published: MetadataItem[] = [...published];
  drafts: DraftRecord[] = [];
  plan: MigrationPlan = safePlan;
  versions: VersionRecord[] = branchVersions;
  answer: Record<string, (request: SentRequest) => Response> = {};
  private readonly realFetch = window.fetch;

  install(): this {
    window.fetch = async (input, init) => this.respond(new URL(String(input), location.href), init);
    return this;
  }

  uninstall(): void {
    window.fetch = this.realFetch;
  }

  /** The requests to `METHOD /path` (path without the query). */
  requests(key: string): SentRequest[] {
    return this.sent.filter((request) => `${request.method} ${request.path.split('?')[0]}` === key);
  }

  private respond(url: URL, init: RequestInit = {}): Response {
    const method = init.method ?? 'GET';
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : init.body;
    const request = { method, path: url.pathname + url.search, headers: new Headers(init.headers), body };
    this.sent.push(request);
    const override = this.answer[`${method} ${url.pathname}`];
    if (override) return override(request);
    const draftPath = url.pathname.match(/^\/api\/metadata\/drafts\/(\w+)\/([\w-]+)$/);
    if (draftPath) return this.draft(method, draftPath[1] ?? '', draftPath[2] ?? '', request);
    if (/^\/api\/metadata\/\w+\/[\w-]+\/versions$/.test(url.pathname)) return json({ items: this.versions });
    switch (`${method} ${url.pathname}`) {
      case 'GET /api/auth/me':
        return this.principal
          ? json({ principal: this.principal })
          : problem(401, 'auth.required', 'サインインが必要です。');
      case 'POST /api/auth/login':
        this.principal = { id: 'p-1', username: body.username, displayName: null, roles: ['kiban:admin'] };
        return json({ principal: this.principal });
      case 'POST /api/auth/logout':
        this.principal = undefined;
        return new Response(null, { status: 204 });
      case 'GET /api/metadata':
        return json({ generation: 4, items: this.published });
      case 'GET /api/metadata/drafts':
        return json({ items: this.drafts });
      case 'POST /api/metadata/publish':
        return json({
          applied: !body.dryRun,
          publicationId: body.dryRun ? null : 9,
          changed: body.upserts,
          removed: [],
          plan: this.plan,
          backups: [],
        });
      default:
        return problem(404, 'notFound', 'Not found');
    }
  }

  private draft(method: string, kind: string, name: string, request: SentRequest): Response {
    const existing = this.drafts.find((draft) => draft.item.kind === kind && draft.item.name === name);
    if (method === 'GET') return existing ? json(existing) : problem(404, 'metadata.notFound', '見つかりません。');
    const expected = Number((request.headers.get('if-match') ?? '"0"').replace(/"/g, ''));
    if ((existing?.revision ?? 0) !== expected) {
      return problem(412, 'draft.conflict', '他の人がこの下書きを先に保存しました。');
    }
    const saved: DraftRecord = {
      item: request.body as MetadataItem,
      revision: expected + 1,
      updatedAt: new Date().toISOString(),
      updatedBy: 'p-1',
    };
    this.drafts = [...this.drafts.filter((draft) => draft !== existing), saved];
    return json({ ...saved, errors: [] });
  }
}
