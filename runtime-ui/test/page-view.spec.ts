import { expect } from '@esm-bundle/chai';
import type { PageMetadata } from '../src/metadata/index.ts';
import { registerPageComponent } from '../src/plugins/index.ts';
import { deep, deepAll, deepText, eventually } from './support/deep.ts';
import { mount, unmountAll } from './support/mount.ts';
import { residentApp } from './support/portal-fixtures.ts';
import '../src/resident.ts';

/** A plugin's page component: shows the props it was given and the reader's language. */
class BookingCalendar extends HTMLElement {
  facility = '';
  language = '';
  connectedCallback(): void {
    this.textContent = `${this.facility} (${this.language})`;
  }
}
customElements.define('test-booking-calendar', BookingCalendar);
registerPageComponent('booking.calendar', 'test-booking-calendar');

const page = (layout: PageMetadata['layout']): PageMetadata => ({
  kind: 'page',
  name: 'test',
  label: { ja: 'テスト', en: 'Test' },
  portal: 'resident',
  route: '/test',
  layout,
});

describe('<kiban-page-view>', () => {
  afterEach(unmountAll);

  it('places a plugin page component by its registered name with the props of the block', async () => {
    const view = await mount('kiban-page-view', {
      app: residentApp,
      page: page([
        { type: 'component', tag: 'booking.calendar', props: { facility: '中央体育館' } },
        { type: 'component', tag: 'nobody.registered' },
      ]),
    });
    const calendar = await eventually(() => deep(view, 'test-booking-calendar'));
    expect(calendar.textContent).to.equal('中央体育館 (ja)');
    expect(deepText(view)).to.contain('この部品は表示できません。');
  });

  it('shows Markdown without a translation in Japanese, marked as such for the reader', async () => {
    const view = await mount('kiban-page-view', {
      app: residentApp,
      language: 'vi',
      page: page([{ type: 'markdown', content: { ja: '# お知らせ\n\n本日は休館です。' } }]),
    });
    const heading = await eventually(() => deep(view, 'kiban-markdown h2'));
    expect(heading.textContent).to.equal('お知らせ');
    expect(deep(view, 'div[lang=ja]')).to.not.equal(undefined);
    expect(deepText(view)).to.contain('Chỉ có tiếng Nhật');
  });

  it('treats //host and /\\host links as off-site and drops links with other schemes', async () => {
    const links = [
      '[a](/apply)',
      '[b](#top)',
      '[c](//evil.example/phish)',
      '[d](/\\evil.example/phish)',
      '[e](https://www.city.example/)',
      '[f](javascript:alert(1))',
    ];
    const view = await mount('kiban-page-view', {
      app: residentApp,
      page: page([{ type: 'markdown', content: { ja: links.join(' ') } }]),
    });
    await eventually(() => deep(view, 'kiban-markdown a'));
    const rendered = deepAll<HTMLAnchorElement>(view, 'kiban-markdown a').map((a) => [
      a.textContent,
      a.getAttribute('href'),
      a.getAttribute('rel'),
    ]);
    const offSite = 'external noopener noreferrer';
    expect(rendered).to.deep.equal([
      ['a', '/apply', null],
      ['b', '#top', null],
      ['c', `${location.protocol}//evil.example/phish`, offSite],
      ['d', `${location.protocol}//evil.example/phish`, offSite],
      ['e', 'https://www.city.example/', offSite],
    ]);
  });
});
