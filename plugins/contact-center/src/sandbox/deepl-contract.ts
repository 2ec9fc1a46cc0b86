import { sandboxTranslation } from './translation-sandbox-mark.ts';

/**
 * The translation sandbox's side of DeepL's text API (`POST /v2/translate`), for development
 * and tests of the `deepl` adapter: no translator. It checks what DeepL checks — an
 * `Authorization: DeepL-Auth-Key …` header (else 403), a `text` array and a `target_lang` DeepL
 * has (else 400) — and answers each text marked with its target (`[EN-US] 粗大ごみ…`) in DeepL's
 * answer shape.
 */
const TARGETS = new Set(['JA', 'EN-US', 'EN-GB', 'ZH-HANS', 'ZH-HANT', 'KO', 'VI', 'PT-BR', 'PT-PT']);

export function answerDeepL(authorization: string | undefined, body: Record<string, unknown>): [number, unknown] {
  if (!authorization?.startsWith('DeepL-Auth-Key ') || authorization.length <= 'DeepL-Auth-Key '.length)
    return [403, { message: 'Authorization failed. Please supply a valid auth_key parameter.' }];
  const texts = body.text;
  if (!Array.isArray(texts) || texts.length === 0 || !texts.every((text) => typeof text === 'string'))
    return [400, { message: "Parameter 'text' not specified." }];
  const target = String(body.target_lang ?? '').toUpperCase();
  if (!TARGETS.has(target)) return [400, { message: "Value for 'target_lang' not supported." }];
  const source = typeof body.source_lang === 'string' ? body.source_lang.toUpperCase() : 'JA';
  return [
    200,
    {
      translations: texts.map((text: string) => ({
        detected_source_language: source,
        text: sandboxTranslation(text, target),
      })),
    },
  ];
}
