import type { ja } from './ja.ts';

/** The keys of every UI text; the Japanese catalogue defines them. */
export type MessageKey = keyof typeof ja;

/** A complete catalogue: the compiler rejects a language that misses a key. */
export type Messages = Record<MessageKey, string>;
