import { Readable } from 'node:stream';
import type { Actor, FilesApi } from '@kiban/sdk';
import { KibanError } from '../errors.ts';
import type { FileService } from '../files/index.ts';
import type { RecordScope } from '../records/index.ts';
import { principalOf } from './actors.ts';
import type { DataApiDeps } from './data-api.ts';
import { currentTransaction } from './transaction-context.ts';

/** `ctx.files(actor)`: the engine's file service with the plugin's identity, outside any plugin transaction. */
export function createFilesApi(deps: DataApiDeps, files: () => FileService, actor: Actor): FilesApi {
  const call = async <T>(work: (scope: RecordScope) => Promise<T>): Promise<T> => {
    // Uploads write the store and their bookkeeping in transactions of their own.
    if (currentTransaction()) throw filesInTransaction();
    const live = deps.live();
    const release = live.enter();
    try {
      return await work({
        live,
        principal: principalOf(actor, deps.systemPrincipal),
        plugin: { name: deps.plugin, system: actor.kind === 'system' },
      });
    } finally {
      release();
    }
  };
  return {
    attach: (entity, id, field, file) =>
      call((scope) =>
        files().upload(scope, entity, id, field, Readable.from(chunksOf(file.content)), { name: file.name }),
      ),
    read: (entity, id, field) => call((scope) => files().open(scope, entity, id, field)),
    remove: (entity, id, field) => call((scope) => files().remove(scope, entity, id, field)),
    signedUrl: (entity, id, field) => call((scope) => files().signedUrl(scope, entity, id, field)),
  };
}

/** One buffer is one chunk; `Readable.from` would otherwise iterate it byte by byte. */
function chunksOf(content: Uint8Array | AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> | Uint8Array[] {
  return content instanceof Uint8Array ? [content] : content;
}

function filesInTransaction() {
  return new KibanError('plugin.filesInTransaction', 500, {
    ja: 'ctx.files は ctx.transaction の中では使えません。',
    en: 'ctx.files cannot be used inside ctx.transaction.',
  });
}
