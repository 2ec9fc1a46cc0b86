import { httpError } from './problem.ts';

/** The number inside an ETag we issued (`"3"` or `W/"3"`), or undefined when the header is absent. */
export function parseIfMatch(ifMatch: string | undefined): number | undefined {
  if (ifMatch === undefined) return undefined;
  const match = /^(?:W\/)?"(\d{1,9})"$/.exec(ifMatch.trim());
  if (!match) {
    throw httpError(400, 'request.ifMatch', {
      ja: 'If-Match ヘッダーの形式が正しくありません。',
      en: 'The If-Match header is malformed.',
    });
  }
  return Number(match[1]);
}

export function etag(version: unknown): string {
  return `"${version}"`;
}
