/**
 * A record-schema annotation holding the localised sentence to say when a value does not
 * satisfy the schema it sits in — a plugin field type's own wording instead of its raw pattern.
 */
export const MESSAGE_KEYWORD = 'x-kiban-message';
