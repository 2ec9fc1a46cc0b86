/**
 * Why one field's value is rejected, before it is put into words: the JSON Schema keyword
 * that failed and its limit (or `json` for text that does not parse as JSON), or a message
 * the server already worded.
 */
export type FieldProblem =
  | {
      kind: 'schema';
      field: string;
      keyword: string;
      limit?: unknown;
      format?: string;
      /** A plugin field type's own wording (`x-kiban-message`), by language. */
      message?: Partial<Record<string, string>>;
    }
  | { kind: 'server'; field: string; message: string };
