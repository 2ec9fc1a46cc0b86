/**
 * The published metadata, read only: the items administrators published in the designer or
 * imported in packages, and those plugins ship. A plugin interprets the kinds it serves (the
 * AI concierge its agents) from here, so that they are versioned, validated and exported like
 * every other item; it reads the live generation at each call, so a publication takes effect
 * on the next one. Each answer is a copy: changing it changes nothing published.
 */
export interface MetadataApi {
  /** The published item of `kind` named `name`, or `undefined`. */
  item<T = Record<string, unknown>>(kind: string, name: string): T | undefined;
  /** Every published item of `kind`, by name. */
  items<T = Record<string, unknown>>(kind: string): T[];
}
