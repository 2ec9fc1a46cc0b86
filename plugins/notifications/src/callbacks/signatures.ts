import { createHmac, timingSafeEqual } from 'node:crypto';

const same = (expected: string, given: string | undefined) => {
  const a = Buffer.from(expected);
  const b = Buffer.from(given ?? '');
  return a.length === b.length && timingSafeEqual(a, b);
};

/**
 * Twilio's request signature (`X-Twilio-Signature`): base64 HMAC-SHA1, keyed by the auth
 * token, of the full URL Twilio called followed by each POST parameter's name and value,
 * sorted by name.
 */
export function twilioSignature(authToken: string, url: string, params: URLSearchParams): string {
  const names = [...new Set(params.keys())].sort();
  const data =
    url +
    names
      .map((name) =>
        params
          .getAll(name)
          .map((value) => name + value)
          .join(''),
      )
      .join('');
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

export function verifyTwilio(authToken: string, url: string, params: URLSearchParams, given: string | undefined) {
  return same(twilioSignature(authToken, url, params), given);
}

/** LINE's webhook signature (`x-line-signature`): base64 HMAC-SHA256 of the raw body, keyed by the channel secret. */
export function lineSignature(channelSecret: string, body: string): string {
  return createHmac('sha256', channelSecret).update(body, 'utf8').digest('base64');
}

export function verifyLine(channelSecret: string, body: string, given: string | undefined) {
  return same(lineSignature(channelSecret, body), given);
}
