import { _, type KeywordCxt, str } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { MESSAGE_KEYWORD } from './message-keyword.ts';
import { NORMALIZE_KEYWORD } from './normalization.ts';

/**
 * The ajv configuration every Kiban schema is compiled with — the metadata language and the
 * generated record schemas alike, so the browser can mirror it exactly. `verbose` keeps the
 * offending value on each error for the messages; union types are how nullable fields and
 * decimal strings are written.
 */
export function createAjv(): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true });
  // ajv-formats is CommonJS: its default export arrives as the module object under NodeNext typing.
  addFormats.default(ajv);
  addDecimalBounds(ajv);
  // Annotations for the interpreters (the write path, the browser's form), not assertions.
  ajv.addKeyword({ keyword: NORMALIZE_KEYWORD, schemaType: 'array' });
  ajv.addKeyword({ keyword: MESSAGE_KEYWORD, schemaType: 'object' });
  return ajv;
}

/**
 * `minimum`/`maximum` only look at JSON numbers, but decimals also arrive as strings (to keep
 * every digit); these keywords hold string decimals to the same bounds.
 */
function addDecimalBounds(ajv: Ajv2020): void {
  for (const [keyword, failsWhen] of [
    ['decimalMinimum', '<'],
    ['decimalMaximum', '>'],
  ] as const) {
    ajv.addKeyword({
      keyword,
      type: 'string',
      schemaType: 'number',
      error: {
        message: ({ schemaCode }) =>
          failsWhen === '<' ? str`must be >= ${schemaCode}` : str`must be <= ${schemaCode}`,
        params: ({ schemaCode }) => _`{limit: ${schemaCode}}`,
      },
      code(cxt: KeywordCxt) {
        cxt.fail(failsWhen === '<' ? _`Number(${cxt.data}) < ${cxt.schema}` : _`Number(${cxt.data}) > ${cxt.schema}`);
      },
    });
  }
}
