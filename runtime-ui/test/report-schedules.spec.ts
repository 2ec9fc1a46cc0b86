import { expect } from '@esm-bundle/chai';
import { defineReportElements } from '../src/components/report/index.ts';
import type { KibanColleaguePicker } from '../src/components/report/kiban-colleague-picker.ts';
import { accessibilityViolations } from './support/axe.ts';
import { choose, mount, settle, shadow, shadowAll, typeInto, unmountAll, waitUntil } from './support/mount.ts';

defineReportElements();

const weekly = {
  id: '11111111-1111-4111-8111-111111111111',
  report: 'by-channel',
  format: 'xlsx',
  cadence: { every: 'week', weekday: 1, time: '09:30' },
  recipients: { staff: ['me'], addresses: ['chief@city.example'] },
  paused: false,
  nextRunAt: '2026-12-14T00:30:00.000Z',
};

describe('<kiban-report-schedules>', () => {
  const realFetch = window.fetch;
  let requests: { method: string; url: string; body: unknown }[] = [];
  let schedules: Record<string, unknown>[] = [];
  let answer: (method: string, url: string, body: unknown) => Response | undefined;
  const json = (body: unknown, status = 200) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

  beforeEach(() => {
    requests = [];
    schedules = [weekly];
    answer = () => undefined;
    window.fetch = async (input, init) => {
      const method = init?.method ?? 'GET';
      const url = String(input);
      const body = init?.body ? JSON.parse(String(init.body)) : undefined;
      requests.push({ method, url, body });
      const given = answer(method, url, body);
      if (given) return given;
      if (url === '/api/auth/me') return json({ principal: { id: 'me' } });
      if (method === 'GET' && url.startsWith('/api/report-schedules?')) return json({ items: schedules });
      if (method === 'POST' && url === '/api/report-schedules') {
        const created = { ...body, id: '22222222-2222-4222-8222-222222222222', paused: false, nextRunAt: null };
        schedules = [created, ...schedules];
        return json(created, 201);
      }
      return json({ status: 404 }, 404);
    };
  });
  afterEach(() => {
    window.fetch = realFetch;
    unmountAll();
  });

  it("lists the caller's schedules of the report and schedules a new one with the report's parameters", async () => {
    const element = await mount('kiban-report-schedules', { report: 'by-channel', parameters: { from: '2026-04-01' } });
    await waitUntil(() => element.schedules !== undefined);
    await settle(element);
    expect(requests[0]).to.deep.include({ method: 'GET', url: '/api/report-schedules?report=by-channel' });
    const cells = (row: Element) =>
      [...row.children]
        .map((cell) => cell.textContent?.trim())
        .slice(0, 5)
        .join('|');
    expect(shadowAll(element, 'tbody tr').map(cells)).to.deep.equal([
      '毎週月曜日 09:30|XLSX|2 件|2026/12/14 9:30|有効',
    ]);

    choose(shadow<HTMLSelectElement>(element, 'select[name=every]'), 'month');
    await settle(element);
    typeInto(shadow<HTMLInputElement>(element, 'input[name=day]'), '5');
    typeInto(shadow<HTMLInputElement>(element, 'input[name=time]'), '07:15');
    choose(shadow<HTMLSelectElement>(element, 'select[name=format]'), 'csv');
    typeInto(shadow<HTMLTextAreaElement>(element, 'textarea[name=addresses]'), 'a@city.example, b@city.example');
    shadow<HTMLButtonElement>(element, 'button[type=submit]').click();
    await waitUntil(() => element.message === '予約しました。' || element.errors.length > 0);
    expect(element.errors).to.deep.equal([]);
    const posted = requests.find((request) => request.method === 'POST');
    expect(posted?.body).to.deep.equal({
      report: 'by-channel',
      parameters: { from: '2026-04-01' },
      format: 'csv',
      language: 'ja',
      recipients: { staff: ['me'], addresses: ['a@city.example', 'b@city.example'] },
      cadence: { every: 'month', day: 5, time: '07:15' },
    });
    await settle(element);
    expect(shadowAll(element, 'tbody tr')).to.have.length(2);
    expect(shadow(element, 'tbody tr th').textContent?.trim()).to.equal('毎月 5 日 07:15');
  });

  it('sends to colleagues found by name or department, kept ticked across searches', async () => {
    const suzuki = { id: '33333333-3333-4333-8333-333333333333', name: '鈴木', department: '統計課' };
    const tanaka = { id: '44444444-4444-4444-8444-444444444444', name: '田中', department: null };
    answer = (method, url) => {
      if (method !== 'GET' || !url.startsWith('/api/report-schedules/colleagues?q=')) return undefined;
      const query = decodeURIComponent(url.split('q=')[1] ?? '');
      return json({ items: query === '統計' ? [suzuki] : query === '田中' ? [tanaka] : [] });
    };
    const element = await mount('kiban-report-schedules', { report: 'by-channel' });
    await waitUntil(() => element.schedules !== undefined);
    await settle(element);
    const picker = shadow<KibanColleaguePicker>(element, 'kiban-colleague-picker');
    const find = async (query: string) => {
      typeInto(shadow<HTMLInputElement>(picker, 'input[type=search]'), query);
      shadow<HTMLButtonElement>(picker, 'button').click();
      await waitUntil(() => requests.some((request) => request.url.endsWith(`q=${encodeURIComponent(query)}`)));
      await waitUntil(() => picker.status !== '');
      await settle(picker);
    };
    await find('統計');
    expect(shadow(picker, '[role=status]').textContent).to.equal('1 人見つかりました。');
    shadow<HTMLInputElement>(picker, 'li input[type=checkbox]').click();
    await find('田中');
    await settle(picker);
    const listed = shadowAll(picker, 'li').map((item) => item.textContent?.replace(/\s+/g, ' ').trim());
    expect(listed).to.deep.equal(['鈴木 (統計課)', '田中']);
    await find('いない人');
    expect(shadow(picker, '[role=status]').textContent).to.equal('送信できる職員は見つかりませんでした。');
    expect(shadowAll(picker, 'li')).to.have.length(1);
    expect(await accessibilityViolations(element)).to.deep.equal([]);

    shadow<HTMLButtonElement>(element, 'button[type=submit]').click();
    await waitUntil(() => element.message === '予約しました。' || element.errors.length > 0);
    const posted = requests.find((request) => request.method === 'POST');
    expect((posted?.body as { recipients: unknown } | undefined)?.recipients).to.deep.equal({
      staff: ['me', suzuki.id],
      addresses: [],
    });
    await settle(picker);
    expect(picker.chosen).to.deep.equal([]);
  });

  it('shows which address the engine refused, and keeps the form', async () => {
    answer = (method, url) =>
      method === 'POST' && url === '/api/report-schedules'
        ? json(
            {
              status: 422,
              code: 'request.invalid',
              errors: [{ pointer: '/recipients/addresses/1', message: 'メールアドレスの形式ではありません。' }],
            },
            422,
          )
        : undefined;
    const element = await mount('kiban-report-schedules', { report: 'by-channel' });
    await waitUntil(() => element.schedules !== undefined);
    typeInto(shadow<HTMLTextAreaElement>(element, 'textarea[name=addresses]'), 'ok@city.example\nnot-an-address');
    shadow<HTMLButtonElement>(element, 'button[type=submit]').click();
    await waitUntil(() => element.errors.length > 0);
    await settle(element);
    expect(shadow(element, '[role=alert] li').textContent).to.equal(
      'not-an-address: メールアドレスの形式ではありません。',
    );
    expect(shadow<HTMLTextAreaElement>(element, 'textarea[name=addresses]').value).to.equal(
      'ok@city.example\nnot-an-address',
    );
    expect(await accessibilityViolations(element)).to.deep.equal([]);
  });

  it('pauses a schedule and shows its history with the reason of a failed run', async () => {
    answer = (method, url) => {
      if (method === 'POST' && url.endsWith('/pause')) {
        schedules = [{ ...weekly, paused: true, nextRunAt: null }];
        return json(schedules[0]);
      }
      if (url.endsWith('/deliveries')) {
        return json({
          items: [
            {
              period: '2026-12-07',
              status: 'failed',
              ranAt: '2026-12-07T00:30:00.000Z',
              rowCount: null,
              error: { ja: 'メールの送信サーバーが設定されていません。', en: 'Mail is not configured.' },
            },
            { period: '2026-11-30', status: 'sent', ranAt: '2026-11-30T00:30:01.000Z', rowCount: 12, error: null },
          ],
        });
      }
      return undefined;
    };
    const element = await mount('kiban-report-schedules', { report: 'by-channel', language: 'en' });
    await waitUntil(() => element.schedules !== undefined);
    await settle(element);
    shadow<HTMLButtonElement>(element, 'button[aria-label="Pause: Every Monday at 09:30"]').click();
    await waitUntil(() => element.schedules?.[0]?.paused === true);
    await settle(element);
    expect(shadow(element, 'tbody tr td:nth-of-type(4)').textContent).to.equal('Paused');
    shadow<HTMLButtonElement>(element, 'button[aria-label="History: Every Monday at 09:30"]').click();
    await waitUntil(() => element.history !== undefined);
    await settle(element);
    const rows = shadowAll(element, 'table.history tbody tr').map((row) =>
      row.textContent?.replace(/\s+/g, ' ').trim(),
    );
    expect(rows[0]).to.contain('Failed: Mail is not configured.');
    expect(rows[1]).to.contain('Sent').and.to.contain('12');
    expect(await accessibilityViolations(element)).to.deep.equal([]);
  });

  it('offers nothing to staff who may not schedule reports', async () => {
    answer = (_method, url) =>
      url.startsWith('/api/report-schedules?') ? json({ status: 403, code: 'access.denied' }, 403) : undefined;
    const element = await mount('kiban-report-schedules', { report: 'by-channel' });
    await waitUntil(() => element.allowed === false);
    await settle(element);
    expect(element.shadowRoot?.childElementCount ?? 0).to.equal(0);
  });
});
