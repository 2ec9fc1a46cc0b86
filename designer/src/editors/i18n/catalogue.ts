import type { ja } from './ja.ts';

/** The keys of the editors' texts; the Japanese catalogue defines them. */
export type EditorMessageKey = keyof typeof ja;

/** A complete catalogue: the compiler rejects a language that misses a key. */
export type EditorMessages = Record<EditorMessageKey, string>;
