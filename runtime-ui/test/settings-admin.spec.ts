import { expect } from '@esm-bundle/chai';
import type { KibanSettingsAdmin } from '../src/staff/kiban-settings-admin.ts';
import { accessibilityViolations } from './support/axe.ts';
import { settle, waitUntil } from './support/mount.ts';
import '../src/staff.ts';

const realFetch = window.fetch;
const GATEWAY = {
  plugin: 'gateway',
  schema: {
    properties: {
      endpoint: { type: 'string', title: 'Endpoint' },
      apiKey: { type: 'string', title: 'API key', writeOnly: true },
      perMinute: { type: 'integer', title: 'Per minute' },
    },
  },
  values: { endpoint: 'https://a.example.jp', perMinute: 60 },
  secrets: { apiKey: true },
};
let sent: unknown[] = [];

/** Settings API: a body with `perMinute` over 1000 is refused like the engine refuses it. */
function serve(): void {
  sent = [];
  window.fetch = async (_input, init) => {
    if (init?.method !== 'PUT') return Response.json({ items: [GATEWAY] });
    const body = JSON.parse(String(init.body));
    sent.push(body);
    if (body.perMinute > 1000) {
      return new Response(
        JSON.stringify({ status: 422, errors: [{ pointer: '/perMinute', message: 'must be at most 1000' }] }),
        { status: 422, headers: { 'content-type': 'application/problem+json' } },
      );
    }
    return Response.json({ ...GATEWAY, values: { endpoint: body.endpoint, perMinute: body.perMinute } });
  };
}

describe('<kiban-settings-admin>', () => {
  afterEach(() => {
    window.fetch = realFetch;
    for (const element of document.querySelectorAll('kiban-settings-admin')) element.remove();
  });

  it('shows settings with secrets only as set, keeps an empty secret out of a save and shows refusals', async () => {
    serve();
    const admin = document.createElement('kiban-settings-admin') as KibanSettingsAdmin;
    admin.language = 'en';
    document.body.append(admin);
    await waitUntil(() => admin.status === 'ready');
    await settle(admin);
    const root = admin.shadowRoot as ShadowRoot;
    const input = (id: string) => root.querySelector(`#gateway-${id}`) as HTMLInputElement;
    expect(input('endpoint').value).to.equal('https://a.example.jp');
    expect(input('apiKey').type).to.equal('password');
    expect(input('apiKey').value).to.equal('');
    expect(root.textContent).to.contain('API key (set)');
    expect(await accessibilityViolations(admin)).to.deep.equal([]);

    input('perMinute').value = '5000';
    (root.querySelector('button[type=submit]') as HTMLButtonElement).click();
    await waitUntil(() => sent.length === 1 && root.querySelector('[role=alert]') !== null);
    expect(sent[0]).to.deep.equal({ endpoint: 'https://a.example.jp', perMinute: 5000 });
    expect(root.querySelector('[role=alert]')?.textContent).to.contain('/perMinute: must be at most 1000');

    input('perMinute').value = '30';
    input('apiKey').value = 'sk-new-secret';
    (root.querySelector('button[type=submit]') as HTMLButtonElement).click();
    await waitUntil(() => sent.length === 2 && root.querySelector('[role=status]') !== null);
    expect(sent[1]).to.deep.equal({ endpoint: 'https://a.example.jp', apiKey: 'sk-new-secret', perMinute: 30 });
    expect(root.querySelector('[role=status]')?.textContent).to.contain('Saved');
  });
});
