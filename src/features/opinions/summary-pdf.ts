import { type PDFFont, rgb } from 'pdf-lib';
import { newPrintout } from '../../platform/pdf/printout.ts';
import { printable, wrapLines } from '../../platform/pdf/text.ts';
import type { SummaryDoc } from './decision.ts';

// The decision summary as a PDF, large print, from the same sections the page shows.
// Built in memory (a few pages of text); the standard Helvetica font needs no files.

const PAGE = { width: 612, height: 792, margin: 56 }; // US Letter, 0.78 in margins
const SIZE = { title: 20, subtitle: 13, heading: 15, body: 13, small: 10 };
const LEADING = 1.35;

export async function renderSummaryPdf(doc: SummaryDoc, meta: { createdOn: Date }): Promise<Uint8Array> {
  const { pdf, regular, bold } = await newPrintout({ title: doc.title, createdOn: meta.createdOn });
  const width = PAGE.width - 2 * PAGE.margin;

  let page = pdf.addPage([PAGE.width, PAGE.height]);
  let y = PAGE.height - PAGE.margin;
  const newPage = () => {
    page = pdf.addPage([PAGE.width, PAGE.height]);
    y = PAGE.height - PAGE.margin;
  };
  const write = (
    text: string,
    font: PDFFont,
    size: number,
    opts: { indent?: number; gapAfter?: number; color?: [number, number, number] } = {},
  ) => {
    const indent = opts.indent ?? 0;
    for (const line of wrapLines(font, printable(font, text), size, width - indent)) {
      if (y - size < PAGE.margin) newPage();
      y -= size * LEADING;
      page.drawText(line, { x: PAGE.margin + indent, y, size, font, color: rgb(...(opts.color ?? [0, 0, 0])) });
    }
    y -= opts.gapAfter ?? 0;
  };

  write(doc.title, bold, SIZE.title, { gapAfter: 4 });
  write(doc.subtitle, regular, SIZE.subtitle, { gapAfter: 12, color: [0.2, 0.2, 0.2] });
  for (const s of doc.sections) {
    if (y - 4 * SIZE.heading < PAGE.margin) newPage();
    y -= 8;
    write(s.heading, bold, SIZE.heading, { gapAfter: 4 });
    for (const p of s.paragraphs) write(p, regular, SIZE.body, { gapAfter: 6 });
    for (const [label, value] of s.facts ?? []) {
      write(label, bold, SIZE.body);
      write(value, regular, SIZE.body, { indent: 14, gapAfter: 4 });
    }
  }
  y -= 10;
  write(doc.footer, regular, SIZE.small, { color: [0.25, 0.25, 0.25] });

  const pages = pdf.getPages();
  pages.forEach((p, i) => {
    const label = `${i + 1} / ${pages.length}`;
    p.drawText(label, {
      x: PAGE.width - PAGE.margin - regular.widthOfTextAtSize(label, SIZE.small),
      y: PAGE.margin / 2,
      size: SIZE.small,
      font: regular,
    });
  });
  return pdf.save({ useObjectStreams: false });
}
