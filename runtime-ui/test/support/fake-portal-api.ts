import type { PortalApp, Principal, Profile } from '../../src/portal/portal-types.ts';
import { entityMetadata } from '../../src/portal/portal-types.ts';
import { publishedCreateSchema } from './fixtures.ts';
import {
  APPLICATION_ID,
  applicationRecord,
  BRANCH_ID,
  openTask,
  profile,
  residentApp,
  staffApp,
  workflowStatus,
} from './portal-fixtures.ts';

export interface SentRequest {
  method: string;
  path: string;
  body: unknown;
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json' },
  });

const problem = (status: number, code: string, detail: string, errors: unknown[] = []) =>
  json({ status, code, title: code, detail, errors }, status);

/**
 * The engine's portal API as the shells see it, in memory: sign-in state, the app
 * description, profile, workflows and tasks. Every request is kept in `sent`; `answer`
 * overrides the response to one `METHOD /path`.
 */
export class FakePortalApi {
  sent: SentRequest[] = [];
  principal: Principal | undefined;
  profile: Profile = { ...profile };
  answer: Record<string, () => Response> = {};
  private readonly realFetch = window.fetch;

  install(): this {
    window.fetch = async (input, init) => this.respond(new URL(String(input), location.href), init);
    return this;
  }

  uninstall(): void {
    window.fetch = this.realFetch;
  }

  private respond(url: URL, init: RequestInit = {}): Response {
    const method = init.method ?? 'GET';
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
    this.sent.push({ method, path: url.pathname + url.search, body });
    const override = this.answer[`${method} ${url.pathname}`];
    if (override) return override();
    const portalApp = (portal: string | null): PortalApp => (portal === 'staff' ? staffApp : residentApp);
    switch (`${method} ${url.pathname}`) {
      case 'GET /api/auth/me':
        return this.principal
          ? json({ principal: this.principal })
          : problem(401, 'auth.required', 'サインインが必要です。');
      case 'POST /api/auth/login': {
        const app = body.username === 'librarian1' ? staffApp : residentApp;
        this.principal = app.principal;
        return json({ principal: this.principal });
      }
      case 'POST /api/auth/signup':
        return json({ status: 'accepted' }, 202);
      case 'POST /api/auth/logout':
        this.principal = undefined;
        return new Response(null, { status: 204 });
      case 'GET /api/portal/app':
        return json(portalApp(url.searchParams.get('portal')));
      case 'GET /api/profile':
        return json(this.profile);
      case 'PUT /api/profile':
        this.profile = body;
        return json(this.profile);
      case 'GET /api/openapi.json':
        return json({
          components: {
            schemas: { ApplicationCreate: publishedCreateSchema(entityMetadata(residentApp.entities.Application)) },
          },
        });
      case 'GET /api/workflows/mine':
        return json({
          items: [
            {
              entity: 'Application',
              id: APPLICATION_ID,
              title: null,
              workflow: 'library-card',
              state: workflowStatus.state,
              updatedAt: '2026-11-25T01:30:00.000Z',
            },
          ],
        });
      case `GET /api/workflows/Application/${APPLICATION_ID}`:
        return json(workflowStatus);
      case `GET /api/data/Application/${APPLICATION_ID}`:
        return json(applicationRecord);
      case `GET /api/data/Branch/${BRANCH_ID}`:
        return json({ id: BRANCH_ID, name: '中央図書館' });
      case 'GET /api/data/Branch':
        return json({ items: [{ id: BRANCH_ID, name: '中央図書館' }], nextCursor: null });
      case 'GET /api/data/Application':
        return json({ items: [applicationRecord], nextCursor: null });
      case 'POST /api/data/Application':
        return json({ ...applicationRecord, ...body }, 201);
      case 'GET /api/tasks':
        return json({ items: [openTask] });
      default:
        if (method === 'POST' && url.pathname.startsWith(`/api/workflows/Application/${APPLICATION_ID}/transitions/`)) {
          return json({
            ...workflowStatus,
            state: { name: 'approved', label: { ja: '承認' }, final: true },
            transitions: [],
          });
        }
        if (method === 'POST' && url.pathname.startsWith('/api/tasks/')) return json(openTask);
        return problem(404, 'route.notFound', 'ページが見つかりません。');
    }
  }
}
