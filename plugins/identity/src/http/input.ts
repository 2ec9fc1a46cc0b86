import { PluginError } from '@kiban/sdk';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';

const ajv = new Ajv2020({ allErrors: true, strict: false });
const validators = new WeakMap<object, ValidateFunction>();

/**
 * The JSON body of a public route, checked against `schema` as actions' input is: a body that
 * is not JSON is a 400, one that does not fit a 422, both `identity.invalidInput` naming each
 * problem by JSON pointer, and nothing runs.
 */
export async function bodyOf<T>(request: { json(): Promise<unknown> }, schema: object): Promise<T> {
  const body = await request.json().catch(() => undefined);
  if (body === undefined) throw invalidInput(400, [{ instancePath: '', message: 'a JSON body is required' }]);
  return checkedInput<T>(body, schema);
}

/** `value` when it fits `schema`; otherwise a 422 `identity.invalidInput` naming each problem. */
export function checkedInput<T>(value: unknown, schema: object): T {
  let validate = validators.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    validators.set(schema, validate);
  }
  if (validate(value)) return value as T;
  throw invalidInput(422, validate.errors ?? []);
}

function invalidInput(status: number, problems: { instancePath: string; message?: string }[]): PluginError {
  return new PluginError(
    'identity.invalidInput',
    status,
    { ja: '送信内容に誤りがあります。', en: 'The request is not valid.' },
    problems.slice(0, 20).map((problem) => ({
      pointer: problem.instancePath,
      code: 'identity.invalidInput',
      message: { ja: problem.message ?? '', en: problem.message ?? '' },
    })),
  );
}
