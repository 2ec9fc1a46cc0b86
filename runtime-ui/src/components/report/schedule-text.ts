import type { Language } from '../../metadata/index.ts';

const WEEKDAYS_JA = ['月', '火', '水', '木', '金', '土', '日'];
const WEEKDAYS_EN = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

const JA = {
  heading: 'メール配信の予約',
  none: 'このレポートの配信予約はまだありません。',
  cadence: '頻度',
  daily: '毎日',
  weekly: '毎週',
  monthly: '毎月',
  weekday: '曜日',
  weekdays: WEEKDAYS_JA.map((day) => `${day}曜日`),
  day: '日（1〜28）',
  time: '時刻（日本時間）',
  format: '形式',
  addresses: '送信先のメールアドレス（改行かカンマで区切る）',
  includeMe: '自分にも送る',
  colleagues: 'ほかの職員にも送る',
  findColleague: '名前か部署で探す',
  find: '探す',
  colleaguesFound: (n: number) => (n === 0 ? '送信できる職員は見つかりませんでした。' : `${n} 人見つかりました。`),
  colleaguesFailed: '職員を探せませんでした。',
  create: '予約する',
  created: '予約しました。',
  nextRun: '次回',
  status: '状態',
  active: '有効',
  paused: '停止中',
  recipients: '送信先',
  recipientCount: (n: number) => `${n} 件`,
  actions: '操作',
  pause: '停止',
  resume: '再開',
  remove: '削除',
  history: '履歴',
  historyOf: (cadence: string) => `配信履歴（${cadence}）`,
  noHistory: 'まだ配信していません。',
  period: '期間',
  ranAt: '実行日時',
  rows: '行数',
  result: '結果',
  sent: '送信済み',
  failed: '失敗',
  failedLoad: '配信予約を読み込めませんでした。',
  invalid: '入力内容を確認してください。',
  describe: (cadence: { every: string; time: string; weekday?: number; day?: number }) =>
    cadence.every === 'week'
      ? `毎週${WEEKDAYS_JA[(cadence.weekday ?? 1) - 1]}曜日 ${cadence.time}`
      : cadence.every === 'month'
        ? `毎月 ${cadence.day} 日 ${cadence.time}`
        : `毎日 ${cadence.time}`,
};

const EN: typeof JA = {
  heading: 'Scheduled email delivery',
  none: 'This report has no scheduled delivery yet.',
  cadence: 'Frequency',
  daily: 'Daily',
  weekly: 'Weekly',
  monthly: 'Monthly',
  weekday: 'Weekday',
  weekdays: WEEKDAYS_EN,
  day: 'Day (1–28)',
  time: 'Time (Japan)',
  format: 'Format',
  addresses: 'Email addresses (one per line or separated by commas)',
  includeMe: 'Send it to me as well',
  colleagues: 'Send it to colleagues too',
  findColleague: 'Find by name or department',
  find: 'Find',
  colleaguesFound: (n: number) => (n === 0 ? 'No colleague who can receive it was found.' : `${n} found.`),
  colleaguesFailed: 'Colleagues could not be searched.',
  create: 'Schedule',
  created: 'Scheduled.',
  nextRun: 'Next run',
  status: 'Status',
  active: 'Active',
  paused: 'Paused',
  recipients: 'Recipients',
  recipientCount: (n: number) => `${n}`,
  actions: 'Actions',
  pause: 'Pause',
  resume: 'Resume',
  remove: 'Delete',
  history: 'History',
  historyOf: (cadence: string) => `Deliveries (${cadence})`,
  noHistory: 'Nothing delivered yet.',
  period: 'Period',
  ranAt: 'Ran at',
  rows: 'Rows',
  result: 'Result',
  sent: 'Sent',
  failed: 'Failed',
  failedLoad: 'The schedules could not be loaded.',
  invalid: 'Please check what you entered.',
  describe: (cadence) =>
    cadence.every === 'week'
      ? `Every ${WEEKDAYS_EN[(cadence.weekday ?? 1) - 1]} at ${cadence.time}`
      : cadence.every === 'month'
        ? `Monthly on day ${cadence.day} at ${cadence.time}`
        : `Daily at ${cadence.time}`,
};

/** The schedule component's texts: Japanese and English, as the other report components; other languages read the Japanese. */
export function scheduleText(language: Language): typeof JA {
  return language === 'en' ? EN : JA;
}
