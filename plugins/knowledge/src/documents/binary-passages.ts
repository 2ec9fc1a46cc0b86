import mammoth from 'mammoth';
import { extractText, getDocumentProxy } from 'unpdf';
import { documentPassages, htmlPassages, type Passage, splitPassages } from './passages.ts';

/** PDF: each page's text, cut at sentence ends, every passage carrying its page number for citations. */
export async function pdfPassages(bytes: Uint8Array): Promise<Passage[]> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { text } = await extractText(pdf, { mergePages: false });
  return text.flatMap((pageText, index) => splitPassages('', pageText.replace(/[ \t]+\n/gu, '\n'), index + 1));
}

/** Word (.docx): converted to HTML by mammoth (headings by their Word styles), then split under its headings. */
export async function docxPassages(bytes: Uint8Array): Promise<Passage[]> {
  const { value } = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) });
  return htmlPassages(value);
}

/** The passages of any supported document by its file name's extension: PDF, Word, Markdown or HTML. */
export async function readDocumentPassages(fileName: string, bytes: Uint8Array): Promise<Passage[]> {
  if (/\.pdf$/iu.test(fileName)) return pdfPassages(bytes);
  if (/\.docx$/iu.test(fileName)) return docxPassages(bytes);
  return documentPassages(fileName, new TextDecoder('utf-8', { fatal: true }).decode(bytes));
}
