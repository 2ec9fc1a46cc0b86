import { _, type KeywordCxt, str } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/**
 * The ajv configuration the engine compiles record schemas with
 * (`engine/src/metadata/create-ajv.ts`), repeated here because the browser bundle must not
 * import the engine. It has to stay identical: strict mode makes a keyword the server starts
 * to use and this copy lacks fail loudly in the component tests, which validate with the
 * schema the engine builds.
 */
export function createAjv(): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true });
  addFormats.default(ajv);
  addDecimalBounds(ajv);
  return ajv;
}

/** `minimum`/`maximum` only look at JSON numbers; decimals also arrive as exact strings. */
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
