import {
  compileRecordValidator,
  type EntityMetadata,
  type FieldTypeRegistry,
  type PluginFieldType,
} from '../metadata/index.ts';
import type { LoadedPlugin } from './load.ts';
import { pluginFailed } from './plugin-errors.ts';

/**
 * The field types every plugin adds, by qualified name `<plugin>.<name>`. Each one's schema is
 * compiled into a record schema (required and optional) right away, so that a schema that
 * contradicts its base type fails the start naming the plugin, not a later request.
 */
export function fieldTypeRegistry(plugins: readonly LoadedPlugin[]): FieldTypeRegistry {
  const registry = new Map<string, PluginFieldType>();
  for (const { definition } of plugins) {
    for (const type of definition.fieldTypes ?? []) {
      const registered: PluginFieldType = {
        name: `${definition.name}.${type.name}`,
        base: type.base,
        schema: type.schema,
        ...(type.normalize ? { normalize: type.normalize } : {}),
        ...(type.message ? { message: type.message } : {}),
      };
      try {
        compileRecordValidator(probeEntity(registered), 'create');
      } catch (error) {
        throw pluginFailed(definition.name, 'fieldTypes', error);
      }
      registry.set(registered.name, registered);
    }
  }
  return registry;
}

function probeEntity(type: PluginFieldType): EntityMetadata {
  const customType = { name: type.name, schema: type.schema, message: type.message };
  return {
    kind: 'entity',
    name: 'FieldTypeProbe',
    label: { ja: type.name },
    fields: [
      { name: 'required', type: type.base, label: { ja: type.name }, required: true, customType },
      { name: 'optional', type: type.base, label: { ja: type.name }, customType },
    ],
  };
}
