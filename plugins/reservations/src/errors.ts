import { PluginError } from '@kiban/sdk';

/**
 * Every refusal of this plugin: a stable `reservations.*` code, the HTTP status, a message in
 * Japanese and English, and a pointer to the input value it concerns.
 */

const SLOT_POINTER = '/slotId';

function refusal(code: string, status: number, pointer: string, message: { ja: string; en: string }) {
  return new PluginError(code, status, message, [{ pointer, code, message }]);
}

export function slotFull(free: number, partySize: number): PluginError {
  return refusal('reservations.full', 409, '/partySize', {
    ja: `この枠は満員です（残り ${free} 人分、申込み ${partySize} 人）。別の枠を選んでください。`,
    en: `This slot is full (${free} place(s) left, ${partySize} requested). Choose another slot.`,
  });
}

export function slotNotOpen(): PluginError {
  return refusal('reservations.slotClosed', 409, SLOT_POINTER, {
    ja: 'この枠は受付を停止しています。',
    en: 'This slot is not taking bookings.',
  });
}

export function slotAlreadyStarted(): PluginError {
  return refusal('reservations.slotPast', 409, SLOT_POINTER, {
    ja: 'この枠の開始時刻を過ぎているため予約できません。',
    en: 'This slot has already started and can no longer be booked.',
  });
}

export function facilityClosed(): PluginError {
  return refusal('reservations.facilityClosed', 409, SLOT_POINTER, {
    ja: 'この枠は施設の開館時間外または休館日です。',
    en: 'This slot lies outside the facility’s opening hours or on a closed date.',
  });
}

export function signInRequired(): PluginError {
  return new PluginError('reservations.signInRequired', 401, {
    ja: 'サインインしてください。',
    en: 'Sign in first.',
  });
}

export function staffOnly(): PluginError {
  return new PluginError('reservations.staffOnly', 403, {
    ja: '予約状況は施設予約の担当職員だけが見られます。',
    en: 'Only facility booking staff can see the occupancy.',
  });
}

export function invalidDate(value: string): PluginError {
  return refusal('reservations.invalidDate', 400, '/query/date', {
    ja: `日付「${value}」は YYYY-MM-DD 形式の実在する日付で指定してください（例: 2026-04-01）。`,
    en: `The date "${value}" must be a real date written YYYY-MM-DD (e.g. 2026-04-01).`,
  });
}

export function residentStaffOnly(): PluginError {
  return new PluginError('reservations.staffOnly', 403, {
    ja: '住民の予約は施設予約の担当職員だけが見られます。',
    en: "Only facility booking staff can see a resident's reservations.",
  });
}

export function invalidResident(): PluginError {
  return refusal('reservations.invalidResident', 400, '/resident', {
    ja: '住民の ID が正しくありません。',
    en: 'That is not a resident id.',
  });
}
