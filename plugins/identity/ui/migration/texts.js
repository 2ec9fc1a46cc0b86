/**
 * The words of the page an imported account's emailed link opens, in the portals' seven
 * languages; each table has the Japanese one's shape (`test/own-page-texts.test.ts`).
 */
export const TEXTS = {
  ja: {
    finishTitle: 'アカウント移行の確認',
    finishLead: '以前のオンライン申請システムのアカウントを移行します。このメールアドレスを確認して続けてください。',
    finishConfirm: 'メールアドレスを確認する',
    finishFailed: {
      'identity.migration.linkUsed': 'このリンクは使用済みです。',
      'identity.migration.linkExpired': 'このリンクは有効期限が切れています。市に新しいリンクを依頼してください。',
      other: 'このリンクは無効です。',
    },
  },
  en: {
    finishTitle: 'Confirm your account',
    finishLead: 'Your account of the former online application system is moving. Confirm this email address to go on.',
    finishConfirm: 'Confirm my email address',
    finishFailed: {
      'identity.migration.linkUsed': 'This link was used already.',
      'identity.migration.linkExpired': 'This link has expired. Ask the city for a new one.',
      other: 'This link is not valid.',
    },
  },
  'zh-Hans': {
    finishTitle: '确认账户迁移',
    finishLead: '正在迁移您在原在线申请系统的账户。请确认此电子邮件地址以继续。',
    finishConfirm: '确认电子邮件地址',
    finishFailed: {
      'identity.migration.linkUsed': '此链接已被使用。',
      'identity.migration.linkExpired': '此链接已过期。请向市政府申请新的链接。',
      other: '此链接无效。',
    },
  },
  'zh-Hant': {
    finishTitle: '確認帳戶移轉',
    finishLead: '正在移轉您在原線上申請系統的帳戶。請確認此電子郵件地址以繼續。',
    finishConfirm: '確認電子郵件地址',
    finishFailed: {
      'identity.migration.linkUsed': '此連結已被使用。',
      'identity.migration.linkExpired': '此連結已過期。請向市政府申請新的連結。',
      other: '此連結無效。',
    },
  },
  ko: {
    finishTitle: '계정 이전 확인',
    finishLead: '이전 온라인 신청 시스템의 계정을 이전합니다. 이 이메일 주소를 확인하고 계속해 주세요.',
    finishConfirm: '이메일 주소 확인',
    finishFailed: {
      'identity.migration.linkUsed': '이미 사용된 링크입니다.',
      'identity.migration.linkExpired': '링크의 유효 기간이 지났습니다. 시에 새 링크를 요청해 주세요.',
      other: '유효하지 않은 링크입니다.',
    },
  },
  vi: {
    finishTitle: 'Xác nhận chuyển tài khoản',
    finishLead:
      'Tài khoản của bạn trên hệ thống nộp đơn trực tuyến cũ đang được chuyển. Hãy xác nhận địa chỉ email này để tiếp tục.',
    finishConfirm: 'Xác nhận địa chỉ email',
    finishFailed: {
      'identity.migration.linkUsed': 'Liên kết này đã được sử dụng.',
      'identity.migration.linkExpired': 'Liên kết này đã hết hạn. Hãy đề nghị thành phố gửi liên kết mới.',
      other: 'Liên kết này không hợp lệ.',
    },
  },
  'ja-x-easy': {
    finishTitle: 'アカウントの ひっこしの かくにん',
    finishLead:
      'まえの オンライン しんせいの アカウントを ひっこし します。この メールアドレスを かくにん してください。',
    finishConfirm: 'メールアドレスを かくにん する',
    finishFailed: {
      'identity.migration.linkUsed': 'この リンクは もう つかいました。',
      'identity.migration.linkExpired':
        'この リンクは つかえる きかんが おわりました。しに あたらしい リンクを たのんで ください。',
      other: 'この リンクは つかえません。',
    },
  },
};
