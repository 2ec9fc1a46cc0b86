export { FsFileStore } from './fs-store.ts';
export {
  type FileService,
  type FileServiceOptions,
  markDeletedFiles,
  type OpenedFile,
  startFileService,
  type UploadOptions,
} from './service.ts';
export { loadUrlSigner, SIGNED_URL_SECONDS, type UrlSigner } from './signed-urls.ts';
export type { FileStore, StoredObject } from './store.ts';
