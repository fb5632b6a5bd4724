import { type PDFFont, rgb } from 'pdf-lib';
import { newPrintout } from '../../platform/pdf/printout.ts';
import { printable, wrapLines } from '../../platform/pdf/text.ts';
import type { Letter } from './requests.ts';

// The request letter as a PDF (pdf-lib, standard fonts). US Letter, 1-inch margins,
// 12 pt type: what a records office expects to receive.

const PAGE = { width: 612, height: 792, margin: 72 };
const SIZE = 12;
const LEADING = 16;

export async function letterPdf(letter: Letter, meta: { title: string }): Promise<Buffer> {
  const { pdf: doc, regular, bold } = await newPrintout({ title: meta.title });
  const width = PAGE.width - 2 * PAGE.margin;
  let page = doc.addPage([PAGE.width, PAGE.height]);
  let y = PAGE.height - PAGE.margin;

  const newPageIfNeeded = (needed: number) => {
    if (y - needed < PAGE.margin) {
      page = doc.addPage([PAGE.width, PAGE.height]);
      y = PAGE.height - PAGE.margin;
    }
  };
  const write = (text: string, opts: { font?: PDFFont; indent?: number; bullet?: boolean; gapAfter?: number } = {}) => {
    const font = opts.font ?? regular;
    const indent = opts.indent ?? 0;
    const lines = wrapLines(font, printable(font, text), SIZE, width - indent);
    lines.forEach((l, i) => {
      newPageIfNeeded(LEADING);
      if (opts.bullet && i === 0)
        page.drawText('-', { x: PAGE.margin + indent - 12, y, size: SIZE, font, color: rgb(0, 0, 0) });
      page.drawText(l, { x: PAGE.margin + indent, y, size: SIZE, font, color: rgb(0, 0, 0) });
      y -= LEADING;
    });
    y -= opts.gapAfter ?? 0;
  };

  for (const l of letter.from) write(l);
  y -= LEADING / 2;
  write(letter.date, { gapAfter: LEADING / 2 });
  for (const l of letter.to) write(l);
  y -= LEADING / 2;
  write(letter.subject, { font: bold, gapAfter: LEADING / 2 });
  write(letter.greeting, { gapAfter: LEADING / 2 });
  for (const p of letter.paragraphs) write(p, { gapAfter: LEADING / 2 });
  for (const w of letter.wanted) write(w, { indent: 24, bullet: true });
  y -= LEADING / 2;
  for (const p of letter.afterList) write(p, { gapAfter: LEADING / 2 });
  write(letter.closing, { gapAfter: LEADING * 1.5 });
  for (const s of letter.signatureLines) write(s, { gapAfter: LEADING / 2 });
  return Buffer.from(await doc.save());
}
