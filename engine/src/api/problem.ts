import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { type ErrorDetail, KibanError, type LocalizedMessage } from '../errors.ts';

export type Lang = 'ja' | 'en';

/** RFC 9457 problem details, with Kiban's stable code and located details as extensions. */
export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors: { pointer: string; code: string; message: string }[];
}

const INTERNAL = new KibanError('internal', 500, {
  ja: 'サーバー内部でエラーが発生しました。時間をおいて再度お試しください。',
  en: 'An internal error occurred. Please try again later.',
});

/**
 * Structured errors of the engine's parts (filters, access, migrations, metadata) all carry
 * a code, a bilingual message and details; anything else is internal and stays hidden.
 */
export function asKibanError(error: unknown): KibanError {
  if (error instanceof KibanError) return error;
  return INTERNAL;
}

export function problemDocument(error: KibanError, lang: Lang): ProblemDocument {
  return {
    type: `urn:kiban:problem:${error.code}`,
    title: error.code,
    status: error.status,
    detail: error.localized[lang],
    code: error.code,
    errors: error.details.map((detail: ErrorDetail) => ({
      pointer: detail.pointer,
      code: detail.code,
      message: detail.message[lang],
    })),
  };
}

export function problemResponse(c: Context, error: KibanError): Response {
  const lang = (c.get('lang') as Lang | undefined) ?? 'ja';
  const headers: Record<string, string> = { 'content-type': 'application/problem+json; charset=utf-8' };
  // RFC 9110 §15.5.2: a 401 names the scheme that would be accepted.
  if (error.status === 401) headers['www-authenticate'] = 'Bearer realm="kiban"';
  return c.json(problemDocument(error, lang), error.status as ContentfulStatusCode, headers);
}

/** Shorthand for the errors the HTTP layer raises itself. */
export function httpError(status: number, code: string, message: LocalizedMessage, details: ErrorDetail[] = []) {
  return new KibanError(code, status, message, details);
}

/** Picks ja or en from Accept-Language; Japanese is the default. */
export function negotiateLang(acceptLanguage: string | undefined): Lang {
  if (!acceptLanguage) return 'ja';
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { tag, q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('ja')) return 'ja';
    if (tag.startsWith('en')) return 'en';
  }
  return 'ja';
}
