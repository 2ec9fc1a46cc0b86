import type { Context } from 'hono';
import { describe, expect, it } from 'vitest';
import { pageLanguageOf } from '../src/http/page-language.ts';

/** A request as far as the page's language depends on it: its `?lang=` and `Accept-Language`. */
function request(lang: string | undefined, acceptLanguage: string | undefined): Context {
  return { req: { query: () => lang, header: () => acceptLanguage } } as unknown as Context;
}

describe("the identity pages' language", () => {
  it('is the one `?lang=` names when the pages speak it', () => {
    expect(pageLanguageOf(request('ja-x-easy', 'en'))).toBe('ja-x-easy');
    expect(pageLanguageOf(request('zh-Hant', undefined))).toBe('zh-Hant');
    expect(pageLanguageOf(request('fr', 'vi'))).toBe('vi');
  });

  it("is else the browser's most preferred language the pages speak", () => {
    expect(pageLanguageOf(request(undefined, 'ko-KR,ko;q=0.9,en;q=0.8'))).toBe('ko');
    expect(pageLanguageOf(request(undefined, 'zh-TW,zh;q=0.9'))).toBe('zh-Hant');
    expect(pageLanguageOf(request(undefined, 'zh-CN'))).toBe('zh-Hans');
    expect(pageLanguageOf(request(undefined, 'zh-Hant-HK'))).toBe('zh-Hant');
    expect(pageLanguageOf(request(undefined, 'fr-FR,en-US;q=0.7,vi;q=0.8'))).toBe('vi');
    expect(pageLanguageOf(request(undefined, 'en-GB'))).toBe('en');
  });

  it('is Japanese when nothing the pages speak is asked for', () => {
    expect(pageLanguageOf(request(undefined, undefined))).toBe('ja');
    expect(pageLanguageOf(request(undefined, 'fr, de;q=0.5'))).toBe('ja');
    expect(pageLanguageOf(request(undefined, 'ko;q=0'))).toBe('ja');
  });
});
