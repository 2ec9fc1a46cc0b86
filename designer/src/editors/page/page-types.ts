/**
 * The page language as the engine defines it. Type-only: nothing of the engine reaches the
 * browser bundle, but a change to the language breaks this editor's type check.
 */
export type {
  EntityMetadata,
  I18nText,
  MetadataItem,
  PageComponent,
  PageMetadata,
} from '../../../../engine/src/metadata/types.ts';
