import { PluginError } from '@kiban/sdk';

function refusal(code: string, status: number, pointer: string, message: { ja: string; en: string }) {
  return new PluginError(code, status, message, [{ pointer, code, message }]);
}

export function stockExhausted(left: number, requested: number): PluginError {
  return refusal('payments.stockExhausted', 409, '/definitionId', {
    ja: `在庫が足りません（残り ${left} 枚、必要 ${requested} 枚）。`,
    en: `Not enough stock (${left} left, ${requested} needed).`,
  });
}

export function perResidentLimitReached(limit: number): PluginError {
  return refusal('payments.limitReached', 409, '/definitionId', {
    ja: `お一人 ${limit} 枚までです。`,
    en: `The limit is ${limit} per resident.`,
  });
}

export function unknownDefinition(): PluginError {
  return refusal('payments.unknownCoupon', 404, '/definitionId', {
    ja: 'クーポン・チケットが見つかりません。',
    en: 'There is no such coupon or ticket.',
  });
}

export function invalidCode(): PluginError {
  return refusal('payments.invalidCode', 422, '/code', {
    ja: 'コードが正しくないか、有効期限が切れています。利用者の画面で新しいコードを表示してもらってください。',
    en: 'The code is not valid or has expired. Ask the resident to show a new one.',
  });
}

export function alreadyRedeemed(): PluginError {
  return refusal('payments.alreadyRedeemed', 409, '/code', {
    ja: 'このクーポン・チケットは利用済みです。',
    en: 'This coupon or ticket has already been used.',
  });
}

export function voided(): PluginError {
  return refusal('payments.voucherVoided', 409, '/code', {
    ja: 'この商品券は返金により無効になっています。',
    en: 'This voucher was voided when its payment was refunded.',
  });
}

export function notUsableHere(): PluginError {
  return refusal('payments.notUsableHere', 409, '/shopId', {
    ja: 'このクーポン・チケットはこの店舗・施設では使えません。',
    en: 'This coupon or ticket cannot be used at this shop or facility.',
  });
}

export function outsideValidPeriod(): PluginError {
  return refusal('payments.outsideValidPeriod', 409, '/code', {
    ja: 'このクーポン・チケットは有効期間外です。',
    en: 'This coupon or ticket is outside its valid period.',
  });
}

export function notForSale(): PluginError {
  return refusal('payments.notExchangeable', 409, '/definitionId', {
    ja: 'このクーポン・チケットはポイントと交換できません。',
    en: 'This coupon or ticket cannot be exchanged for points.',
  });
}

export function couponNotUsable(): PluginError {
  return refusal('payments.couponNotUsable', 404, '/couponId', {
    ja: 'ご自身の未使用のクーポン・チケットが見つかりません。',
    en: 'There is no unused coupon or ticket of yours with this id.',
  });
}
