import { displayPath, pointerOf, pointerSegments } from './json-pointer.ts';
import type { I18nText, MetadataError } from './types.ts';

export type LocalizedMessage = MetadataError['message'];

/** A schema violation located by JSON pointer: what API responses and metadata errors carry. */
export type SchemaProblem = Pick<MetadataError, 'pointer' | 'code' | 'message'>;

export interface DescribeOptions {
  /** The validated document; lets a message say which field type an option does not fit. */
  data?: unknown;
  /** Labels of top-level properties (record fields), used instead of raw property names. */
  propertyLabels?: Record<string, I18nText>;
  /** How to call the whole document. */
  root?: LocalizedMessage;
}

/** What messages call a metadata item as a whole. */
const DEFINITION: LocalizedMessage = { ja: '定義', en: 'The definition' };

/**
 * What a message calls the value at `pointer`: its path, or the field's label in records.
 * The Japanese form is ready to take a particle: a path gets a space before it, 「…」 none.
 */
export function subject(pointer: string, options: DescribeOptions): LocalizedMessage {
  const spaced = (name: LocalizedMessage) => ({ ja: /[!-~]$/.test(name.ja) ? `${name.ja} ` : name.ja, en: name.en });
  if (pointer === '') return spaced(options.root ?? DEFINITION);
  const [first = '', ...rest] = pointerSegments(pointer);
  const label = options.propertyLabels?.[first];
  if (!label) return spaced({ ja: displayPath(pointer), en: displayPath(pointer) });
  const inner = rest.length ? ` ${displayPath(pointerOf(...rest))}` : '';
  return spaced({ ja: `「${label.ja}」${inner}`, en: `"${label.en ?? label.ja}"${inner}` });
}

/** A property's name in a message: its label for a record field. */
export function propertyName(parent: string, property: string, options: DescribeOptions): LocalizedMessage {
  const label = parent === '' ? options.propertyLabels?.[property] : undefined;
  return label ? { ja: label.ja, en: label.en ?? label.ja } : { ja: property, en: property };
}

/** A value as it appears in JSON, shortened so that one bad value cannot flood a message. */
export function shown(value: unknown): string {
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 60 ? `${json.slice(0, 57)}…` : json;
}
