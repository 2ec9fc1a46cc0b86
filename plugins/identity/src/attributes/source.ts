import { PluginError } from '@kiban/sdk';
import type { PullableField } from './fields.ts';

/**
 * Who the resident is to a source. Never the individual number: the city's replica is keyed by
 * the keyed pseudonym of it (#23) or by the identity public authentication verified; Mynaportal
 * by the latter only.
 */
export interface ResidentKey {
  /** The HMAC pseudonym of the resident's individual number, linked by authorised staff. */
  pseudonym?: string;
  /** The upstream subject of a sign-in at assurance `jpki` (デジタル認証アプリ), with its issuer. */
  publicAuthentication?: { issuer: string; subject: string };
}

/** A place attributes can be pulled from: the city's replica database or Mynaportal. */
export interface AttributeSource {
  readonly id: 'replica' | 'mynaportal';
  /**
   * The fields asked for, as the source holds them (unchecked: the caller checks each value),
   * or null when the source does not know the resident. Throws `sourceUnavailable` when the
   * source cannot be reached or answers with an error.
   */
  fetch(key: ResidentKey, fields: PullableField[]): Promise<Record<string, unknown> | null>;
}

export function sourceUnavailable(source: string, cause: string): PluginError {
  return new PluginError(
    'identity.attributes.sourceUnavailable',
    502,
    {
      ja: '情報の取得元に接続できませんでした。時間をおいてもう一度お試しください。何も変更していません。',
      en: 'The source could not be reached. Nothing was changed; please try again later.',
    },
    [
      {
        pointer: '/source',
        code: 'identity.attributes.sourceUnavailable',
        message: { ja: `${source}: ${cause}`, en: `${source}: ${cause}` },
      },
    ],
  );
}
