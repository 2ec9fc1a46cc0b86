/**
 * What the payments plugin's pages share: texts in Japanese and English, element building,
 * the plugin's routes and actions. Plain custom elements that read through the
 * plugin's routes and act through its actions (the server checks roles again). Text is set
 * with textContent, never parsed as HTML. They receive `language` from the staff portal.
 */

export const BASE = '/api/plugins/payments';

export const TEXT = {
  ja: {
    liabilities: '未使用の残高（負債）',
    wallets: 'ポイント残高のある住民',
    points: '未使用ポイント',
    coupons: '未使用クーポン',
    couponYen: '未使用クーポン額面（円）',
    csv: 'CSV で出力',
    campaigns: 'キャンペーン予算の消化',
    remaining: '残り',
    of: '／',
    pendingShops: '審査待ちの店舗・施設',
    none: 'ありません。',
    approve: '承認',
    reject: '却下',
    redemptions: '直近 30 日の利用（店舗・日別）',
    redeem: 'クーポン・チケットの使用',
    shop: '店舗・施設',
    code: '提示されたコード（例: 7K2QM-9XPDR）',
    submit: '使用済みにする',
    done: '使用済みにしました',
    replayed: 'この提示は既に使用済みとして受け付けています',
    failed: '使用できません',
    noShop: '承認済みの店舗・施設がありません。',
    settlement: '今月の精算明細（CSV）',
    adjustments: '承認待ちの手動調整（申請者以外の職員が承認）',
    requestAdjustment: '手動調整を申請する',
    residentId: '住民の ID',
    adjustPoints: 'ポイント（減らすときは負の数）',
    reason: '理由（5 文字以上）',
    request: '申請する',
    redemptionColumns: ['店舗・施設', '日付', 'クーポン枚数', 'クーポン額面（円）', 'ポイント'],
    chartLabel: (granted, days, remaining) =>
      `${days} 日間で ${granted.toLocaleString()} pt 付与、残り ${remaining.toLocaleString()} pt`,
    camera: 'カメラで読み取る',
    stopCamera: 'カメラを止める',
    cameraView: 'カメラの映像',
    noCamera: 'カメラを使えません。コードを入力してください。',
    balance: '使えるポイント',
    expiring: '失効予定',
    nothingExpires: '失効予定のポイントはありません。',
    couponStatuses: { issued: '未使用', redeemed: '使用済み', voided: '返金により無効' },
    panelUnavailable: 'ポイント・クーポンを表示できません（担当職員の権限が必要です）。',
    history: '最近の履歴',
    myCoupons: 'クーポン・チケット',
    show: '提示する',
    yen: '円',
    until: 'まで',
    qrLabel: 'お店の方に読み取ってもらう QR コード',
    typedCode: '入力用コード',
    validUntil: 'このコードの有効期限',
    kinds: { spend: '利用', grant: '付与', expire: '失効', adjust: '調整', exchange: '交換' },
    notSaved: '保存できませんでした',
    campaignList: 'キャンペーン',
    createCampaign: 'キャンペーンを作る',
    campaignName: 'キャンペーン名',
    budget: '予算（ポイント）',
    pointsValidDays: '付与したポイントの有効日数',
    startsAt: '開始日',
    endsAt: '終了日',
    definitionList: 'クーポン・チケット',
    defineCoupon: 'クーポン・チケットを定義する',
    kind: '種類',
    kindCoupon: 'クーポン（金額）',
    kindTicket: 'チケット（サービス）',
    definitionName: 'クーポン・チケット名',
    valueYen: '額面（円、クーポンのとき）',
    service: 'サービスの識別子（チケットのとき、例: pool-entry）',
    periodFrom: '有効期間の開始日',
    periodUntil: '有効期間の終了日',
    perResidentLimit: '1 人あたりの上限枚数',
    totalStock: '発行総数',
    usableAt: '利用できる店舗・施設（選ばなければすべて）',
    stock: '発行済み',
    distribute: '配布',
    distributeSubmit: '配布する',
    distributeWhich: '配布するクーポン・チケット',
    targetEntity: '対象のエンティティ（例: Resident）',
    segmentName: '公開済みのセグメント（ルール）名',
    preview: '対象の人数を確かめる',
    matching: (count) => `対象: ${count.toLocaleString()} 件`,
    distributed: (issued) => `${issued.toLocaleString()} 枚を配布しました`,
  },
  en: {
    liabilities: 'Outstanding liabilities',
    wallets: 'Residents holding points',
    points: 'Unspent points',
    coupons: 'Unused coupons',
    couponYen: 'Face value of unused coupons (yen)',
    csv: 'Export CSV',
    campaigns: 'Campaign budget burn-down',
    remaining: 'left',
    of: ' of ',
    pendingShops: 'Shops and facilities awaiting review',
    none: 'None.',
    approve: 'Approve',
    reject: 'Reject',
    redemptions: 'Use over the last 30 days (by shop and day)',
    redeem: 'Redeem a coupon or ticket',
    shop: 'Shop or facility',
    code: 'The code shown (e.g. 7K2QM-9XPDR)',
    submit: 'Redeem',
    done: 'Redeemed',
    replayed: 'This presentation was already redeemed here',
    failed: 'Cannot be redeemed',
    noShop: 'You have no approved shop or facility.',
    settlement: 'This month’s settlement statement (CSV)',
    adjustments: 'Manual adjustments awaiting approval (by someone other than the requester)',
    requestAdjustment: 'Request a manual adjustment',
    residentId: 'Resident id',
    adjustPoints: 'Points (negative to take away)',
    reason: 'Reason (at least 5 characters)',
    request: 'Request',
    redemptionColumns: ['Shop or facility', 'Day', 'Coupons', 'Coupon value (yen)', 'Points'],
    chartLabel: (granted, days, remaining) =>
      `${granted.toLocaleString()} points granted over ${days} days, ${remaining.toLocaleString()} left`,
    camera: 'Scan with the camera',
    stopCamera: 'Stop the camera',
    cameraView: 'Camera view',
    noCamera: 'The camera is not available. Type the code instead.',
    balance: 'Points you can use',
    expiring: 'Expiring',
    nothingExpires: 'No points are due to expire.',
    couponStatuses: { issued: 'unused', redeemed: 'used', voided: 'voided by a refund' },
    panelUnavailable: 'Points and coupons cannot be shown (points staff only).',
    history: 'Recent activity',
    myCoupons: 'Coupons and tickets',
    show: 'Show',
    yen: ' yen',
    until: 'last day',
    qrLabel: 'QR code for the shop to scan',
    typedCode: 'Code to type',
    validUntil: 'This code is valid until',
    kinds: { spend: 'Spent', grant: 'Granted', expire: 'Expired', adjust: 'Adjusted', exchange: 'Exchanged' },
    notSaved: 'Not saved',
    campaignList: 'Campaigns',
    createCampaign: 'Create a campaign',
    campaignName: 'Campaign name',
    budget: 'Budget (points)',
    pointsValidDays: 'Days the granted points stay valid',
    startsAt: 'First day',
    endsAt: 'Last day',
    definitionList: 'Coupons and tickets',
    defineCoupon: 'Define a coupon or ticket',
    kind: 'Kind',
    kindCoupon: 'Coupon (a value)',
    kindTicket: 'Ticket (a service)',
    definitionName: 'Coupon or ticket name',
    valueYen: 'Value in yen (coupons)',
    service: 'Service id (tickets, e.g. pool-entry)',
    periodFrom: 'Valid from',
    periodUntil: 'Valid until',
    perResidentLimit: 'Limit per resident',
    totalStock: 'Total stock',
    usableAt: 'Where it can be used (none chosen: everywhere)',
    stock: 'issued',
    distribute: 'Distribution',
    distributeSubmit: 'Distribute',
    distributeWhich: 'Coupon or ticket to distribute',
    targetEntity: 'Target entity (e.g. Resident)',
    segmentName: 'Published segment (rule) name',
    preview: 'Check how many it reaches',
    matching: (count) => `Reaches ${count.toLocaleString()}`,
    distributed: (issued) => `Distributed ${issued.toLocaleString()}`,
  },
};

export function text(element) {
  return TEXT[element.language === 'en' ? 'en' : 'ja'];
}

export function el(tag, properties = {}, children = []) {
  const node = document.createElement(tag);
  Object.assign(node, properties);
  node.append(...children);
  return node;
}

export async function getJson(path) {
  const response = await fetch(`${BASE}${path}`, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.json();
}

export async function act(name, body, language) {
  const response = await fetch(`/api/actions/payments.${name}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', 'accept-language': language === 'en' ? 'en' : 'ja' },
    body: JSON.stringify(body),
  });
  return { ok: response.ok, body: await response.json().catch(() => ({})) };
}

export function isoDay(offsetDays) {
  return new Date(Date.now() + offsetDays * 86_400_000 + 9 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * A calendar day in the city's zone, in the reader's calendar: 和暦 (令和8年4月1日) unless the
 * portal is set to the Gregorian one (2026/4/1), as the portal's own dates do.
 */
export function cityDate(iso, language, calendar) {
  const locale = language === 'en' ? 'en-GB' : 'ja-JP';
  if (calendar === 'gregory') return new Date(iso).toLocaleDateString(locale, { timeZone: 'Asia/Tokyo' });
  return new Intl.DateTimeFormat(`${locale}-u-ca-japanese`, {
    timeZone: 'Asia/Tokyo',
    era: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
  }).format(new Date(iso));
}
