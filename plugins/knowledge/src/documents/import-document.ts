import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { PluginContext } from '@kiban/sdk';
import { readDocumentPassages } from './binary-passages.ts';

export interface DocumentImportOptions {
  classification: string;
  ownerDepartment?: string;
}

export type DocumentOutcome = { file: string; passages: number } | { file: string; failed: string };

/**
 * Imports each document as `KnowledgeArticle` records, one per passage, replacing the earlier
 * import of the same document. A document that cannot be read or parsed is reported as failed
 * with its reason and the others go on; each document lands whole or not at all.
 */
export async function importDocuments(
  ctx: PluginContext,
  files: string[],
  options: DocumentImportOptions,
): Promise<DocumentOutcome[]> {
  const outcomes: DocumentOutcome[] = [];
  for (const file of files) {
    const source = basename(file);
    try {
      const passages = await readDocumentPassages(source, await readFile(file));
      if (passages.length === 0) throw new Error('no text found');
      await ctx.transaction({ kind: 'system' }, async (data) => {
        for (;;) {
          const old = await data.list('KnowledgeArticle', { filter: { source: { eq: source } }, limit: 200 });
          if (old.length === 0) break;
          for (const record of old) await data.delete('KnowledgeArticle', String(record.id));
        }
        for (const passage of passages) {
          await data.create('KnowledgeArticle', {
            title: passage.section || (passage.page ? `${source} p.${passage.page}` : source),
            body: passage.text,
            source,
            section: passage.section || null,
            page: passage.page ?? null,
            classification: options.classification,
            ownerDepartment: options.ownerDepartment ?? null,
            status: 'published',
          });
        }
      });
      outcomes.push({ file, passages: passages.length });
    } catch (error) {
      outcomes.push({ file, failed: error instanceof Error ? error.message : String(error) });
    }
  }
  return outcomes;
}
