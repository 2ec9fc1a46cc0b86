import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { MetadataError, MetadataItem } from './types.ts';

/** An item with the file it came from, relative to the loaded directory with `/` separators. */
export interface LoadedItem {
  item: MetadataItem;
  file: string;
}

/** Package descriptions at the top of a directory are not items. */
const NOT_ITEMS = new Set(['manifest.json', 'package.json']);

/**
 * Reads every `*.json` file below `dir`, one metadata item per file, in path order so that
 * results and errors are the same on every machine. Items are returned as parsed, unchecked:
 * `validateMetadata` judges them.
 */
export async function loadMetadataDirectory(dir: string): Promise<{ items: LoadedItem[]; errors: MetadataError[] }> {
  const items: LoadedItem[] = [];
  const errors: MetadataError[] = [];
  let files: string[];
  try {
    files = await listItemFiles(dir);
  } catch (error) {
    return { items, errors: [readError('.', error)] };
  }
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(join(dir, file), 'utf8');
    } catch (error) {
      errors.push(readError(file, error));
      continue;
    }
    try {
      items.push({ item: JSON.parse(text.replace(/^\uFEFF/, '')) as MetadataItem, file });
    } catch (error) {
      errors.push(jsonError(file, text, error as SyntaxError));
    }
  }
  return { items, errors };
}

async function listItemFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.json'))
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .filter((file) => !NOT_ITEMS.has(file) && !file.split('/').some((part) => part.startsWith('.')))
    .sort();
}

function readError(file: string, error: unknown): MetadataError {
  const reason = (error as Error).message;
  return {
    file,
    pointer: '',
    code: 'file.read',
    message: { ja: `${file} を読み込めません（${reason}）。`, en: `Cannot read ${file} (${reason}).` },
  };
}

/** V8 reports the offset of a JSON syntax error; people look for a line and column. */
function jsonError(file: string, text: string, error: SyntaxError): MetadataError {
  const offset = /position (\d+)/.exec(error.message)?.[1];
  let where = { ja: '', en: '' };
  if (offset !== undefined) {
    const before = text
      .replace(/^\uFEFF/, '')
      .slice(0, Number(offset))
      .split('\n');
    const line = before.length;
    const column = (before.at(-1) ?? '').length + 1;
    where = { ja: `（${line} 行 ${column} 列目）`, en: ` at line ${line}, column ${column}` };
  }
  const reason = error.message.replace(/\s*\(line \d+ column \d+\)$/, '');
  return {
    file,
    pointer: '',
    code: 'file.json',
    message: {
      ja: `${file} は JSON として読めません${where.ja}：${reason}`,
      en: `${file} is not valid JSON${where.en}: ${reason}`,
    },
  };
}
