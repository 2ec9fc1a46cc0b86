import { Document, HeadingLevel, Packer, Paragraph } from 'docx';
import { PDFDocument, StandardFonts } from 'pdf-lib';

/** A real PDF with one page per entry of `pages`, each line drawn as text (standard font, so Latin text). */
export async function buildPdf(pages: string[][]): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (const lines of pages) {
    const page = pdf.addPage([595, 842]);
    lines.forEach((line, index) => {
      page.drawText(line, { x: 50, y: 780 - index * 20, size: 12, font });
    });
  }
  return pdf.save();
}

/** A real Word document: headings (level 1 or 2) and paragraphs, in order. */
export async function buildDocx(blocks: Array<{ heading?: 1 | 2; text: string }>): Promise<Uint8Array> {
  const document = new Document({
    sections: [
      {
        children: blocks.map((block) =>
          block.heading
            ? new Paragraph({
                text: block.text,
                heading: block.heading === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2,
              })
            : new Paragraph({ text: block.text }),
        ),
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}
