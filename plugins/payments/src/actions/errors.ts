import { PluginError } from '@kiban/sdk';

export function unknownCampaign(): PluginError {
  const message = { ja: 'キャンペーンが見つかりません。', en: 'There is no such campaign.' };
  return new PluginError('payments.unknownCampaign', 404, message, [
    { pointer: '/campaignId', code: 'payments.unknownCampaign', message },
  ]);
}

export function notShopMember(): PluginError {
  const message = {
    ja: 'この店舗・施設の担当者ではないか、店舗が未承認です。',
    en: 'You do not work for this shop, or it is not approved.',
  };
  return new PluginError('payments.notShopMember', 403, message, [
    { pointer: '/shopId', code: 'payments.notShopMember', message },
  ]);
}

export function unknownShop(): PluginError {
  const message = {
    ja: '承認済みの店舗・施設が見つかりません。',
    en: 'There is no approved shop or facility with this id.',
  };
  return new PluginError('payments.unknownShop', 404, message, [
    { pointer: '/shopId', code: 'payments.unknownShop', message },
  ]);
}

export function noFee(): PluginError {
  const message = { ja: 'この申請には支払う手数料がありません。', en: 'This application states no fee to pay.' };
  return new PluginError('payments.noFee', 409, message, [{ pointer: '/recordId', code: 'payments.noFee', message }]);
}

export function conditionNeedsEntity(): PluginError {
  const message = {
    ja: '条件を付けるときは対象のエンティティ（entity）も指定してください。',
    en: 'A condition needs the entity it applies to.',
  };
  return new PluginError('payments.conditionNeedsEntity', 422, message, [
    { pointer: '/entity', code: 'payments.conditionNeedsEntity', message },
  ]);
}
