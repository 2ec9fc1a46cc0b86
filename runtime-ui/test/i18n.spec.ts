import { expect } from '@esm-bundle/chai';
import { formatDate, formatDateTime, LANGUAGES, localize, translate } from '../src/i18n/index.ts';

describe('i18n', () => {
  it('formats dates in 和暦 or 西暦', () => {
    expect(formatDate('2026-11-25', 'ja', 'japanese')).to.equal('令和8年11月25日');
    expect(formatDate('2019-04-30', 'ja', 'japanese')).to.equal('平成31年4月30日');
    expect(formatDate('2019-05-01', 'ja', 'japanese')).to.equal('令和元年5月1日');
    expect(formatDate('2026-11-25', 'ja', 'gregory')).to.equal('2026年11月25日');
    expect(formatDate('2026-11-25', 'ja-x-easy', 'japanese')).to.equal('令和8年11月25日');
    expect(formatDate('2026-11-25', 'en', 'gregory')).to.equal('November 25, 2026');
  });

  it('shows instants on the city clock', () => {
    expect(formatDateTime('2026-11-24T15:30:00Z', 'ja', 'japanese')).to.equal('令和8年11月25日 00:30');
  });

  it('falls back to Japanese and says so', () => {
    expect(localize({ ja: '氏名', en: 'Name' }, 'en')).to.deep.equal({ text: 'Name', lang: 'en', fallback: false });
    expect(localize({ ja: '氏名' }, 'vi')).to.deep.equal({ text: '氏名', lang: 'ja', fallback: true });
    expect(localize({ ja: '氏名' }, 'ja')).to.deep.equal({ text: '氏名', lang: 'ja', fallback: false });
  });

  it('speaks every platform language', () => {
    expect(LANGUAGES.map((language) => translate(language, 'form.next'))).to.deep.equal([
      '次へ',
      'Next',
      '下一步',
      '下一步',
      '다음',
      'Tiếp theo',
      'つぎへ',
    ]);
    expect(translate('en', 'list.page', { page: 3 })).to.equal('Page 3');
  });
});
