import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

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
  return ajv;
}
