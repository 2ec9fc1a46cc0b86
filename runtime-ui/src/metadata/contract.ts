/**
 * The metadata contract the components render. These are the engine's own TypeScript types
 * of the language (type-only: nothing of the engine reaches the browser bundle), so a change
 * to the language breaks the UI's type check instead of its users.
 */
export type {
  Condition,
  EntityMetadata,
  EnumValue,
  FieldDefinition,
  Filter,
  FilterOperator,
  FormField,
  FormMetadata,
  FormSection,
  I18nText,
  Language,
  MetadataItem,
  PageComponent,
  PageMetadata,
  ViewMetadata,
} from '../../../engine/src/metadata/types.ts';

/** A JSON Schema (draft 2020-12) as the server publishes it. */
export type JsonSchema = Record<string, unknown>;

/** A record as the REST API sends and receives it. */
export type RecordData = Record<string, unknown>;

/** One page of `GET /api/data/:entity`; `nextCursor` is null on the last page. */
export interface RecordPage {
  items: RecordData[];
  nextCursor: string | null;
}

/** RFC 9457 problem details as the API returns them, with Kiban's located details. */
export interface ProblemDocument {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  errors?: { pointer: string; code?: string; message: string }[];
}
