import { KibanError } from '../errors.ts';

export function notAFileField(entity: string, field: string) {
  return new KibanError('file.unknownField', 404, {
    ja: `${entity} に添付ファイルの項目「${field}」はありません。`,
    en: `${entity} has no file field "${field}".`,
  });
}

export function fileNotFound() {
  return new KibanError('file.notFound', 404, {
    ja: 'ファイルが見つかりません。',
    en: 'The file was not found.',
  });
}

export function fileTooLarge(maxSize: number) {
  return new KibanError('file.tooLarge', 413, {
    ja: `ファイルが大きすぎます（上限 ${maxSize} バイト）。`,
    en: `The file is too large (limit ${maxSize} bytes).`,
  });
}

export function fileTypeRefused(detected: string | undefined, accept: readonly string[]) {
  return new KibanError('file.typeRefused', 415, {
    ja: `この種類のファイルは添付できません（${detected ?? '不明'}）。受け付ける種類: ${accept.join(', ')}`,
    en: `This kind of file cannot be attached (${detected ?? 'unknown'}). Accepted: ${accept.join(', ')}`,
  });
}

export function uploadIncomplete() {
  return new KibanError('file.uploadIncomplete', 400, {
    ja: 'ファイルの送信が途中で切れました。もう一度送ってください。',
    en: 'The upload was cut off. Send the file again.',
  });
}

export function invalidFileName() {
  return new KibanError('file.invalidName', 400, {
    ja: 'ファイル名（name パラメーター）は 1〜255 文字で、制御文字やパスの区切りを含めないでください。',
    en: 'The file name (the name parameter) must have 1 to 255 characters without control characters or path separators.',
  });
}

export function signatureInvalid() {
  return new KibanError('file.signatureInvalid', 403, {
    ja: 'ダウンロード用の URL が正しくないか、有効期限が切れています。',
    en: 'The download URL is invalid or has expired.',
  });
}
