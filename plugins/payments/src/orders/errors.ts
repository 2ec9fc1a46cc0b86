import { PluginError } from '@kiban/sdk';

export function providerUnavailable(): PluginError {
  return new PluginError('payments.providerUnavailable', 503, {
    ja: '決済サービスに接続できません。しばらくしてからもう一度お試しください（二重に請求されることはありません）。',
    en: 'The payment service cannot be reached. Please try again shortly (you will not be charged twice).',
  });
}

export function unknownOrder(): PluginError {
  return new PluginError('payments.unknownOrder', 404, {
    ja: '支払いが見つかりません。',
    en: 'There is no such payment.',
  });
}

export function notRefundable(left: number): PluginError {
  const message = {
    ja: `返金できる金額を超えています（返金可能 ${left} 円）。`,
    en: `The amount exceeds what can be refunded (${left} yen left).`,
  };
  return new PluginError('payments.notRefundable', 409, message, [
    { pointer: '/amountYen', code: 'payments.notRefundable', message },
  ]);
}

export function notForPurchase(): PluginError {
  const message = { ja: 'このクーポンは購入できません。', en: 'This voucher is not for sale.' };
  return new PluginError('payments.notForSale', 409, message, [
    { pointer: '/definitionId', code: 'payments.notForSale', message },
  ]);
}

export function checkoutClosed(status: string): PluginError {
  return new PluginError('payments.checkoutClosed', 409, {
    ja: 'この支払い手続きは終了しています。もう一度はじめからお手続きください。',
    en: `This checkout is over (${status}). Please start again.`,
  });
}

export function voucherUsed(): PluginError {
  const message = {
    ja: 'この支払いで購入された商品券は既に使用されているため、返金できません。',
    en: 'The voucher this payment bought has already been used, so it cannot be refunded.',
  };
  return new PluginError('payments.voucherUsed', 409, message, [
    { pointer: '/orderId', code: 'payments.voucherUsed', message },
  ]);
}
