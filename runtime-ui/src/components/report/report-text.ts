import type { Language } from '../../metadata/index.ts';

const JA = {
  loading: '集計しています…',
  failed: '集計できませんでした。',
  suppressed: '秘匿',
  suppressedNote: (minimum: number) => `＊ は件数が ${minimum} 未満か、合計から逆算できるため秘匿した値です。`,
  total: '計',
  chartLabel: (title: string) => `${title}のグラフ。数値は下の表にあります。`,
  tableCaption: (title: string) => `${title}（表）`,
  csv: 'CSV でダウンロード',
  xlsx: 'Excel でダウンロード',
  apply: '条件を適用',
  refreshedAt: (time: string) => `${time} に更新`,
  pause: '自動更新を止める',
  resume: '自動更新を再開',
  noData: '該当するデータはありません。',
  noMap: '区の地図が設定されていないため、表で示します。',
  recordsOf: (cell: string) => `「${cell}」のレコード`,
  moreRecords: '先頭の 50 件です。一覧画面で絞り込んでください。',
};

const EN: typeof JA = {
  loading: 'Computing…',
  failed: 'The report could not be computed.',
  suppressed: 'suppressed',
  suppressedNote: (minimum: number) =>
    `＊ marks a value suppressed because it counts fewer than ${minimum} records or a total would reveal it.`,
  total: 'Total',
  chartLabel: (title: string) => `Chart of ${title}. The numbers are in the table below.`,
  tableCaption: (title: string) => `${title} (table)`,
  csv: 'Download CSV',
  xlsx: 'Download Excel',
  apply: 'Apply',
  refreshedAt: (time: string) => `Updated at ${time}`,
  pause: 'Pause auto-refresh',
  resume: 'Resume auto-refresh',
  noData: 'No matching records.',
  noMap: 'No ward map is set, so the numbers are shown as a table.',
  recordsOf: (cell: string) => `Records of ${cell}`,
  moreRecords: 'The first 50 are shown; filter the list for the rest.',
};

/** The report components' texts: Japanese, English; other languages read the Japanese for now. */
export function reportText(language: Language): typeof JA {
  return language === 'en' ? EN : JA;
}
