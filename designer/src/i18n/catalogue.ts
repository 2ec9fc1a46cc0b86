import type { ja } from './ja.ts';

/** The keys of every designer UI text; the Japanese catalogue defines them. */
export type DesignerMessageKey = keyof typeof ja;

/** A complete catalogue: the compiler rejects a language that misses a key. */
export type DesignerMessages = Record<DesignerMessageKey, string>;
