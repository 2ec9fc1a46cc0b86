import type { JsonSchema, PluginErrorDetail } from '@kiban/sdk';
import type { ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats.default(ajv);
const compiled = new WeakMap<JsonSchema, ValidateFunction>();

/** The problems of `value` against `schema` as located details under `base` (empty: valid). */
export function schemaProblems(schema: JsonSchema, value: unknown, base = ''): PluginErrorDetail[] {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  if (validate(value)) return [];
  return (validate.errors ?? []).map((error) => ({
    pointer: `${base}${error.instancePath}${error.keyword === 'required' ? `/${String(error.params.missingProperty)}` : ''}`,
    code: `crm.schema.${error.keyword}`,
    message: { ja: `値が正しくありません（${error.message ?? error.keyword}）。`, en: error.message ?? error.keyword },
  }));
}
