// What every kind shares: languages, translatable text, kinds and their common properties, errors.

/** Languages the platform speaks. `ja` is required everywhere a label is; `ja-x-easy` is やさしい日本語. */
export const LANGUAGES = ['ja', 'en', 'zh-Hans', 'zh-Hant', 'ko', 'vi', 'ja-x-easy'] as const;
export type Language = (typeof LANGUAGES)[number];
export type I18nText = { ja: string } & Partial<Record<Exclude<Language, 'ja'>, string>>;

export const METADATA_KINDS = [
  'entity',
  'form',
  'view',
  'role',
  'rule',
  'workflow',
  'page',
  'report',
  'dashboard',
  'agent',
] as const;
export type MetadataKind = (typeof METADATA_KINDS)[number];

export interface MetadataBase {
  kind: MetadataKind;
  /** PascalCase for entities, camelCase or kebab-case for the others; unique per kind. */
  name: string;
  label: I18nText;
  description?: I18nText;
}

/** Columns every entity table has; field names may not reuse them. */
export const SYSTEM_FIELDS = ['id', 'version', 'owner', 'createdAt', 'updatedAt'] as const;

/** One problem found in metadata, located by file (when loaded from one) and JSON pointer. */
export interface MetadataError {
  kind?: MetadataKind | 'package';
  name?: string;
  file?: string;
  /** JSON pointer into the item, e.g. `/fields/2/type`. */
  pointer: string;
  code: string;
  message: { ja: string; en: string };
}
