import { expect } from '@esm-bundle/chai';
import type { KibanJobAdmin } from '../src/staff/kiban-job-admin.ts';
import { accessibilityViolations } from './support/axe.ts';
import { settle, waitUntil } from './support/mount.ts';
import '../src/staff.ts';

const realFetch = window.fetch;
const DEAD = {
  id: '6f1c1a2e-0000-4000-8000-000000000001',
  name: 'mailer.send',
  status: 'dead',
  attempts: 5,
  maxAttempts: 5,
  runAt: '2026-12-06T01:00:00.000Z',
  lastError: 'the mail server said no',
};
let requests: string[] = [];
let dead = [DEAD];

/** The jobs API: counts and the dead-letter list, retry moves a job back to waiting; `denied` answers 403. */
function serve(denied = false): void {
  requests = [];
  dead = [DEAD];
  window.fetch = async (input, init) => {
    const url = new URL(String(input), location.href);
    requests.push(`${init?.method ?? 'GET'} ${url.pathname}${url.search}`);
    if (denied) {
      return new Response(JSON.stringify({ status: 403, code: 'access.denied', detail: 'no' }), {
        status: 403,
        headers: { 'content-type': 'application/problem+json' },
      });
    }
    if (init?.method === 'POST') {
      dead = [];
      return Response.json({ ...DEAD, status: 'pending', attempts: 0 });
    }
    const status = url.searchParams.get('status');
    return Response.json({
      counts: { pending: 2 - dead.length + 1, running: 0, done: 7, dead: dead.length },
      items: status === 'dead' ? dead : [],
    });
  };
}

async function mountAdmin(): Promise<KibanJobAdmin> {
  const element = document.createElement('kiban-job-admin');
  element.language = 'en';
  document.body.append(element);
  await waitUntil(() => element.status !== 'loading');
  await settle(element);
  return element;
}

describe('<kiban-job-admin>', () => {
  afterEach(() => {
    window.fetch = realFetch;
    for (const element of document.querySelectorAll('kiban-job-admin')) element.remove();
  });

  it('shows the counts and the dead-letter list, and retries a failed job', async () => {
    serve();
    const admin = await mountAdmin();
    const root = admin.shadowRoot as ShadowRoot;
    const buttons = [...root.querySelectorAll('[role=group] button')].map((button) => button.textContent?.trim());
    expect(buttons).to.deep.equal(['Failed (1)', 'Waiting (2)', 'Running (0)', 'Done (7)']);
    expect(root.querySelector('tbody')?.textContent).to.contain('mailer.send').and.contain('the mail server said no');
    expect(await accessibilityViolations(admin)).to.deep.equal([]);

    (root.querySelector('tbody button') as HTMLButtonElement).click();
    await waitUntil(() => requests.length === 3);
    await settle(admin);
    expect(requests[1]).to.equal(`POST /api/admin/jobs/${DEAD.id}/retry`);
    expect(root.querySelector('[role=status]')?.textContent).to.contain('Queued again: mailer.send');
    expect(root.querySelector('tbody')).to.equal(null);
  });

  it('says so when the principal may not see the jobs', async () => {
    serve(true);
    const admin = await mountAdmin();
    expect(admin.shadowRoot?.querySelector('[role=alert]')?.textContent).to.equal('You may not see the jobs.');
  });
});
