import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** One morpheme as the analyser sees it. */
export interface Morpheme {
  surface: string;
  /** Dictionary form (捨て → 捨てる); the surface when unknown. */
  base: string;
  /** Katakana reading; absent for words the dictionary does not know. */
  reading?: string;
  /** Part of speech and its first sub-category (名詞, 非自立). */
  pos: string;
  pos1: string;
}

interface KuromojiToken {
  surface_form: string;
  basic_form: string;
  reading?: string;
  pos: string;
  pos_detail_1: string;
}

interface KuromojiTokenizer {
  tokenize(text: string): KuromojiToken[];
}

interface KuromojiModule {
  builder(options: { dicPath: string }): {
    build(done: (error: Error | null, tokenizer: KuromojiTokenizer) => void): void;
  };
}

const require = createRequire(import.meta.url);
let loading: Promise<KuromojiTokenizer> | undefined;

function load(): Promise<KuromojiTokenizer> {
  loading ??= new Promise((resolve, reject) => {
    const kuromoji = require('kuromoji') as KuromojiModule;
    const dicPath = join(dirname(require.resolve('kuromoji/package.json')), 'dict');
    kuromoji.builder({ dicPath }).build((error, tokenizer) => (error ? reject(error) : resolve(tokenizer)));
  });
  return loading;
}

/** The morphological analyser (kuromoji with its bundled IPADIC), loaded once per process. */
export interface Tokenizer {
  tokenize(text: string): Morpheme[];
}

export async function loadTokenizer(): Promise<Tokenizer> {
  const kuromoji = await load();
  return {
    tokenize(text) {
      return kuromoji.tokenize(text).map((token) => ({
        surface: token.surface_form,
        base: token.basic_form === '*' ? token.surface_form : token.basic_form,
        reading: token.reading && token.reading !== '*' ? token.reading : undefined,
        pos: token.pos,
        pos1: token.pos_detail_1,
      }));
    },
  };
}
