import type { JsonSchema } from '@kiban/sdk';
import type { ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { contactCenterError } from './errors.ts';

const ajv = new Ajv2020({ allErrors: true, strict: false });
const compiled = new WeakMap<JsonSchema, ValidateFunction>();

/**
 * Checks a public route's body against the schema the matching action uses, refusing it with
 * located details (422) — the actions get the same from the engine.
 */
export function validated<T>(schema: JsonSchema, value: unknown): T {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  if (validate(value)) return value as T;
  throw contactCenterError(
    'invalidInput',
    422,
    '入力内容が正しくありません。',
    'The input is not valid.',
    (validate.errors ?? []).map((error) => ({
      pointer: `${error.instancePath}${error.keyword === 'required' ? `/${String(error.params.missingProperty)}` : ''}`,
      code: `contact-center.schema.${error.keyword}`,
      message: {
        ja: `値が正しくありません（${error.message ?? error.keyword}）。`,
        en: error.message ?? error.keyword,
      },
    })),
  );
}
