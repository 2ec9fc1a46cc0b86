import { expect } from '@esm-bundle/chai';
import type { KibanTransitionDetail } from '../src/components/index.ts';
import { everyType, sampleHistory, sampleRecord, sampleWorkflow } from './support/fixtures.ts';
import { mount, nextEvent, shadow, shadowAll, unmountAll } from './support/mount.ts';

describe('<kiban-detail>', () => {
  afterEach(unmountAll);

  it('shows each field with its label, names with furigana and dates in 和暦', async () => {
    const detail = await mount('kiban-detail', {
      entity: everyType,
      record: sampleRecord,
      referenceTitles: { [sampleRecord.branch]: '北図書館' },
    });
    const terms = shadowAll(detail, 'dt').map((dt) => dt.textContent?.trim());
    expect(terms).to.deep.equal(['氏名', 'メモ', '預り金', '会員', '生年月日', '来庁日時', '区', '受取館']);
    const values = shadowAll(detail, 'dd').map((dd) => dd.textContent?.trim());
    expect(values[0]).to.contain('山田太郎').and.contain('ヤマダタロウ');
    expect(shadow(detail, 'dd ruby rt').textContent).to.equal('ヤマダタロウ');
    expect(values[1]).to.equal('未入力');
    expect(values[2]).to.equal('1,234,567.5');
    expect(values[3]).to.equal('はい');
    expect(values[4]).to.equal('令和元年5月1日');
    expect(values[5]).to.equal('令和8年11月25日 10:30');
    expect(values[6]).to.equal('北区');
    expect(values[7]).to.equal('北図書館');
    expect(shadow(detail, 'h2').textContent).to.equal('山田太郎');
  });

  it('switches to 西暦 by preference', async () => {
    const detail = await mount('kiban-detail', { entity: everyType, record: sampleRecord, calendar: 'gregory' });
    expect(shadowAll(detail, 'dd')[4].textContent?.trim()).to.equal('2019年5月1日');
  });

  it('offers the allowed transitions as buttons that emit kiban-transition', async () => {
    const detail = await mount('kiban-detail', {
      entity: everyType,
      record: sampleRecord,
      workflow: sampleWorkflow,
      history: sampleHistory,
    });
    expect(shadow(detail, '#workflow-title + p').textContent).to.contain('受付済み');
    const buttons = shadowAll<HTMLButtonElement>(detail, '.transitions button');
    expect(buttons.map((button) => button.textContent?.trim())).to.deep.equal(['承認する', '却下する']);
    const event = nextEvent<KibanTransitionDetail>(detail, 'kiban-transition');
    buttons[1].click();
    expect((await event).detail).to.deep.equal({ name: 'reject' });
    const historyRow = shadow(detail, 'section[aria-labelledby=history-title] tbody tr');
    expect(historyRow.textContent).to.contain('令和8年11月25日').and.contain('オンライン申請');
  });
});
