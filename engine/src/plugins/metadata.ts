import { join } from 'node:path';
import { type ErrorDetail, KibanError } from '../errors.ts';
import {
  type FieldTypeRegistry,
  type LoadedItem,
  loadMetadataDirectory,
  type MetadataError,
  type MetadataItem,
  validateMetadata,
} from '../metadata/index.ts';
import type { LiveApp } from '../runtime/live-app.ts';
import type { MetadataChanges, PublishOutcome } from '../runtime/publish.ts';
import type { PluginRuntime } from './context.ts';
import { pluginFailed } from './plugin-errors.ts';

export interface MetadataDeps {
  live(): LiveApp;
  publish(changes: MetadataChanges): Promise<PublishOutcome>;
  fieldTypes: FieldTypeRegistry;
}

/**
 * Publishes the metadata every plugin ships, merged into the app (a plugin's item replaces the
 * published item of the same kind and name). It is validated first together with the app, so
 * that a problem names the plugin and the file; then one publication applies what changed —
 * nothing, on a start where no plugin's metadata changed.
 */
export async function publishPluginMetadata(runtimes: readonly PluginRuntime[], deps: MetadataDeps): Promise<void> {
  const shipped: LoadedItem[] = [];
  const errors: MetadataError[] = [];
  const pluginOfFile = new Map<string, string>();
  for (const { definition } of runtimes) {
    for (const dir of definition.metadata ?? []) {
      const loaded = await loadMetadataDirectory(dir);
      for (const error of loaded.errors) {
        const file = join(dir, error.file ?? '');
        pluginOfFile.set(file, definition.name);
        errors.push({ ...error, file });
      }
      for (const { item, file } of loaded.items) {
        pluginOfFile.set(join(dir, file), definition.name);
        shipped.push({ item, file: join(dir, file) });
      }
    }
  }
  if (shipped.length === 0 && errors.length === 0) return;
  const replaced = new Set(shipped.map(({ item }) => keyOf(item)));
  const app = deps.live().items.filter((item) => !replaced.has(keyOf(item)));
  errors.push(...validateMetadata([...app, ...shipped], { fieldTypes: deps.fieldTypes }));
  if (errors.length > 0) throw metadataInvalid(errors, pluginOfFile);
  const names = runtimes
    .filter(({ definition }) => definition.metadata?.length)
    .map(({ definition }) => definition.name);
  try {
    await deps.publish({ upserts: shipped.map(({ item }) => item), removals: [] });
  } catch (error) {
    throw pluginFailed(names.join(', '), 'metadata', error);
  }
}

function keyOf(item: MetadataItem): string {
  return `${item.kind}:${item.name}`;
}

function metadataInvalid(errors: MetadataError[], pluginOfFile: ReadonlyMap<string, string>): KibanError {
  const named = (error: MetadataError) => (error.file ? pluginOfFile.get(error.file) : undefined);
  const plugins = [...new Set(errors.map(named).filter((name): name is string => name !== undefined))];
  const details: ErrorDetail[] = errors.map((error) => ({
    pointer: error.file ? `${error.file}#${error.pointer}` : `/${error.kind}/${error.name}${error.pointer}`,
    code: error.code,
    message: error.message,
  }));
  const first = details[0];
  const where = plugins.length > 0 ? plugins.map((name) => `「${name}」`).join('') : '';
  return new KibanError(
    'plugin.metadataInvalid',
    500,
    {
      ja: `プラグイン${where}のメタデータに ${errors.length} 件の問題があります。最初の問題：${first.pointer} ${first.message.ja}`,
      en: `The metadata of the plugin(s) ${plugins.join(', ') || '(app)'} has ${errors.length} problem(s). First: ${first.pointer} ${first.message.en}`,
    },
    details,
  );
}
