import type { JsonSchema, PluginDefinition } from '@kiban/sdk';
import type { ValidateFunction } from 'ajv';
import { createAjv } from '../metadata/index.ts';

/** One plugin's declared settings: its schema, compiled once, and which of them are secrets. */
export interface DeclaredSettings {
  plugin: string;
  schema: JsonSchema;
  /** Top-level properties marked `writeOnly: true`: encrypted at rest, never shown again. */
  secretNames: ReadonlySet<string>;
  validate: ValidateFunction;
}

/** The settings every plugin declares, by plugin name. */
export function declaredSettings(definitions: readonly PluginDefinition[]): Map<string, DeclaredSettings> {
  const ajv = createAjv();
  const declared = new Map<string, DeclaredSettings>();
  for (const definition of definitions) {
    if (!definition.settings) continue;
    const { schema } = definition.settings;
    const properties = (schema.properties ?? {}) as Record<string, { writeOnly?: boolean }>;
    declared.set(definition.name, {
      plugin: definition.name,
      schema,
      secretNames: new Set(Object.keys(properties).filter((name) => properties[name]?.writeOnly === true)),
      validate: ajv.compile(schema),
    });
  }
  return declared;
}
