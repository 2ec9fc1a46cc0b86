import { expect } from '@esm-bundle/chai';
import type { KibanList } from '../src/components/index.ts';
import type { RecordPage } from '../src/metadata/index.ts';
import { everyType, everyTypeView } from './support/fixtures.ts';
import { choose, mount, settle, shadow, shadowAll, typeInto, unmountAll, waitUntil } from './support/mount.ts';

const realFetch = window.fetch;
let requests: URL[] = [];

/** Answers list requests with the pages queued, keyed by the cursor asked for. */
function serve(pages: Record<string, RecordPage>): void {
  requests = [];
  window.fetch = async (input) => {
    const url = new URL(String(input), location.href);
    requests.push(url);
    const page = pages[url.searchParams.get('cursor') ?? 'first'];
    return new Response(JSON.stringify(page), { headers: { 'content-type': 'application/json' } });
  };
}

/** Waits for the request number `count` to be answered and rendered. */
async function loaded(list: KibanList, count: number): Promise<void> {
  await waitUntil(() => requests.length >= count && list.status === 'ready');
  await settle(list);
}

const row = (name: string, ward: string, createdAt: string) => ({
  id: crypto.randomUUID(),
  name,
  nameKana: 'ヤマダ',
  ward,
  birthDate: '1990-04-01',
  createdAt,
});

describe('<kiban-list>', () => {
  beforeEach(() =>
    serve({
      first: {
        items: [row('山田', 'kita', '2026-11-20T01:00:00Z'), row('佐藤', 'minami', '2026-11-19T01:00:00Z')],
        nextCursor: 'c2',
      },
      c2: { items: [row('鈴木', 'kita', '2026-11-18T01:00:00Z')], nextCursor: null },
    }),
  );
  afterEach(() => {
    window.fetch = realFetch;
    unmountAll();
  });

  it('fetches the view query and renders its columns', async () => {
    const list = await mount('kiban-list', {
      view: everyTypeView,
      entity: everyType,
      recordHref: (record) => `/records/Everything/${record.id}`,
    });
    await loaded(list, 1);
    const [request] = requests;
    expect(request.pathname).to.equal('/api/data/Everything');
    expect(request.searchParams.get('filter[member][eq]')).to.equal('true');
    expect(request.searchParams.get('sort')).to.equal('-createdAt');
    expect(request.searchParams.get('limit')).to.equal('2');
    const headers = shadowAll(list, 'th').map((th) => th.textContent?.trim());
    expect(headers).to.deep.equal(['氏名', '区', '生年月日', '作成日時▼']);
    expect(shadow(list, 'th[aria-sort=descending]').textContent).to.contain('作成日時');
    const firstRow = shadowAll(list, 'tbody tr')[0];
    expect(firstRow.querySelector('ruby')?.textContent).to.contain('山田').and.contain('ヤマダ');
    expect(firstRow.textContent).to.contain('北区').and.contain('平成2年4月1日');
    expect(firstRow.querySelector('td:first-child a')?.getAttribute('href')).to.match(
      /^\/records\/Everything\/[0-9a-f-]{36}$/,
    );
  });

  it('pages forward by cursor and back again', async () => {
    const list = await mount('kiban-list', { view: everyTypeView, entity: everyType });
    await loaded(list, 1);
    const [previous, next] = shadowAll<HTMLButtonElement>(list, '.pager button');
    expect(previous.disabled).to.equal(true);
    next.click();
    await loaded(list, 2);
    expect(requests.at(-1)?.searchParams.get('cursor')).to.equal('c2');
    expect(shadowAll(list, 'tbody tr')).to.have.length(1);
    expect(shadow(list, '.pager').textContent).to.contain('2 ページ目');
    expect(shadowAll<HTMLButtonElement>(list, '.pager button')[1].disabled).to.equal(true);
    shadowAll<HTMLButtonElement>(list, '.pager button')[0].click();
    await loaded(list, 3);
    expect(requests.at(-1)?.searchParams.has('cursor')).to.equal(false);
    expect(shadowAll(list, 'tbody tr')).to.have.length(2);
  });

  it('sorts by a column and applies the filters the view offers', async () => {
    const list = await mount('kiban-list', { view: everyTypeView, entity: everyType });
    await loaded(list, 1);
    shadow<HTMLButtonElement>(list, 'th button').click();
    await loaded(list, 2);
    expect(requests.at(-1)?.searchParams.get('sort')).to.equal('name');
    expect(shadow(list, 'th[aria-sort=ascending]').textContent).to.contain('氏名');

    typeInto(shadow(list, '#filter-name'), '山');
    choose(shadow(list, '#filter-ward'), 'kita');
    await settle(list);
    shadow<HTMLButtonElement>(list, '.filters button[type=submit]').click();
    await loaded(list, 3);
    const query = requests.at(-1)?.searchParams;
    expect(query?.get('filter[name][contains]')).to.equal('山');
    expect(query?.get('filter[ward][eq]')).to.equal('kita');
    expect(query?.get('filter[member][eq]')).to.equal('true');
  });
});
