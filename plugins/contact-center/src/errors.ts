import { PluginError, type PluginErrorDetail } from '@kiban/sdk';

/** The plugin's refusals: stable `contact-center.*` codes, rendered by the engine as RFC 9457 problems. */
export function contactCenterError(
  code: string,
  status: number,
  ja: string,
  en: string,
  details: PluginErrorDetail[] = [],
): PluginError {
  return new PluginError(`contact-center.${code}`, status, { ja, en }, details);
}

export const notFound = () => contactCenterError('notFound', 404, '会話が見つかりません。', 'No such conversation.');

export const closed = () =>
  contactCenterError('closed', 409, 'この会話は終了しています。', 'This conversation has ended.');

export const forbidden = () =>
  contactCenterError('forbidden', 403, 'この操作は許可されていません。', 'You may not do this.');
