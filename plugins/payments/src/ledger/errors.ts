import { PluginError } from '@kiban/sdk';

/** The ledger's refusals: stable `payments.*` codes, HTTP status, Japanese and English. */

function refusal(code: string, status: number, pointer: string, message: { ja: string; en: string }) {
  return new PluginError(code, status, message, [{ pointer, code, message }]);
}

export function insufficientPoints(available: number, requested: number): PluginError {
  return refusal('payments.insufficientPoints', 409, '/amount', {
    ja: `ポイントが足りません（利用可能 ${available} pt、必要 ${requested} pt）。`,
    en: `Not enough points (${available} available, ${requested} requested).`,
  });
}

export function budgetExhausted(remaining: number, requested: number): PluginError {
  return refusal('payments.budgetExhausted', 409, '/campaignId', {
    ja: `キャンペーンの予算が足りません（残り ${remaining} pt、必要 ${requested} pt）。`,
    en: `The campaign budget is exhausted (${remaining} left, ${requested} needed).`,
  });
}

export function idempotencyConflict(key: string): PluginError {
  return refusal('payments.idempotencyConflict', 409, '/idempotencyKey', {
    ja: `冪等キー「${key}」は別の内容の操作に使われています。`,
    en: `The idempotency key "${key}" was already used for a different operation.`,
  });
}

export function unknownAccount(pointer: string, id: string): PluginError {
  return refusal('payments.unknownAccount', 404, pointer, {
    ja: `口座「${id}」はありません。`,
    en: `There is no account "${id}".`,
  });
}

export function noRecipients(): PluginError {
  return refusal('payments.noRecipients', 422, '/target', {
    ja: '対象となる住民がいません。',
    en: 'The segment matches no resident.',
  });
}
