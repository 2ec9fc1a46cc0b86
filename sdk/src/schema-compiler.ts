import type { ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

export interface SchemaCompiler {
  /** A validator for a definition's shape; knows the `isFunction` keyword. */
  shapeValidator(schema: Record<string, unknown>): ValidateFunction;
  /** Why a plugin's JSON Schema does not compile, or undefined when it does. */
  schemaProblem(schema: Record<string, unknown>): string | undefined;
}

/**
 * Plugin schemas are compiled with the options the engine compiles record schemas with
 * (draft 2020-12, strict, union types, the standard formats), so a schema that passes here
 * also compiles when the engine validates action input or embeds a field type's schema.
 */
export function createSchemaCompiler(): SchemaCompiler {
  const plugins = engineLikeAjv();
  const shapes = engineLikeAjv();
  shapes.addKeyword({
    keyword: 'isFunction',
    schemaType: 'boolean',
    validate: (expected: boolean, data: unknown) => !expected || typeof data === 'function',
    errors: false,
  });
  const validators = new Map<Record<string, unknown>, ValidateFunction>();
  return {
    shapeValidator(schema) {
      let validate = validators.get(schema);
      if (!validate) {
        validate = shapes.compile(schema);
        validators.set(schema, validate);
      }
      return validate;
    },
    schemaProblem(schema) {
      try {
        plugins.compile(schema);
        return undefined;
      } catch (error) {
        return (error as Error).message;
      } finally {
        // ajv caches by schema and by $id; a plugin defined twice must not collide with itself.
        plugins.removeSchema(schema);
      }
    },
  };
}

function engineLikeAjv(): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  // ajv-formats is CommonJS: its default export arrives as the module object under NodeNext typing.
  addFormats.default(ajv);
  return ajv;
}
