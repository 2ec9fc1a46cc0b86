import type { Context } from 'hono';
import { findUnstorableJson } from '../data/index.ts';
import type { ErrorDetail } from '../errors.ts';
import { httpError } from './problem.ts';

/**
 * Reads a JSON object body. The size limit is enforced earlier by the body-limit
 * middleware; here a wrong media type, malformed JSON, a value no table could store (U+0000,
 * nesting past `MAX_JSON_DEPTH`) or a non-object is a clear 4xx.
 */
export async function readJsonObject(c: Context): Promise<Record<string, unknown>> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(type)) {
    throw httpError(415, 'request.mediaType', {
      ja: 'リクエスト本文は application/json で送ってください。',
      en: 'Send the request body as application/json.',
    });
  }
  const text = await c.req.text();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw httpError(400, 'request.malformedJson', {
      ja: `リクエスト本文が正しい JSON ではありません（${(error as Error).message}）。`,
      en: `The request body is not valid JSON (${(error as Error).message}).`,
    });
  }
  const unstorable = findUnstorableJson(value);
  if (unstorable) {
    throw httpError(
      400,
      'request.unsupportedValue',
      { ja: 'リクエスト本文に扱えない値があります。', en: 'The request body has a value that cannot be accepted.' },
      [unstorable],
    );
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw httpError(400, 'request.notAnObject', {
      ja: 'リクエスト本文は JSON オブジェクトである必要があります。',
      en: 'The request body must be a JSON object.',
    });
  }
  return value as Record<string, unknown>;
}

export function invalidRequest(details: ErrorDetail[]) {
  return httpError(
    422,
    'request.invalid',
    { ja: '入力内容に誤りがあります。', en: 'The request has invalid values.' },
    details,
  );
}
