import type { MetadataApi } from '@kiban/sdk';
import { METADATA_KINDS, type MetadataKind } from '../metadata/index.ts';
import type { LiveApp } from '../runtime/live-app.ts';

/** `ctx.metadata`: the live generation's published items, copied so that a plugin cannot change them. */
export function createMetadataApi(live: () => LiveApp): MetadataApi {
  return {
    item<T>(kind: string, name: string) {
      if (!isKind(kind)) return undefined;
      const item = live().item(kind, name);
      return item === undefined ? undefined : (structuredClone(item) as T);
    },
    items<T>(kind: string) {
      if (!isKind(kind)) return [];
      return live()
        .items.filter((item) => item.kind === kind)
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((item) => structuredClone(item) as T);
    },
  };
}

function isKind(kind: string): kind is MetadataKind {
  return (METADATA_KINDS as readonly string[]).includes(kind);
}
