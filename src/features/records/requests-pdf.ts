import { PDFDocument, type PDFFont, rgb, StandardFonts } from 'pdf-lib';
import type { Letter } from './requests.ts';

// The request letter as a PDF (pdf-lib, standard fonts). US Letter, 1-inch margins,
// 12 pt type: what a records office expects to receive.

const PAGE = { width: 612, height: 792, margin: 72 };
const SIZE = 12;
const LEADING = 16;

/**
 * Standard PDF fonts only know Latin-1-like characters (WinAnsi). Others (a name in
 * another script) become "?" rather than breaking the PDF; the printable page shows
 * them as typed.
 */
function encodable(font: PDFFont, text: string): string {
  const known = new Set(font.getCharacterSet());
  const swaps: Record<string, string> = { '\u2018': "'", '\u2019': "'", '\u201c': '"', '\u201d': '"', '\u2013': '-', '\u2014': '-', '\u2026': '...', '\u00a0': ' ' };
  let out = '';
  for (const ch of text) {
    const s = swaps[ch] ?? ch;
    out += [...s].every((c) => known.has(c.codePointAt(0)!)) ? s : '?';
  }
  return out;
}

function wrap(font: PDFFont, text: string, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(next, size) <= width || !line) line = next;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  return lines.length ? lines : [''];
}

export async function letterPdf(letter: Letter, meta: { title: string }): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.setTitle(meta.title);
  doc.setCreator('Second Opinion');
  doc.setProducer('Second Opinion');
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
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
    const lines = wrap(font, encodable(font, text), SIZE, width - indent);
    lines.forEach((l, i) => {
      newPageIfNeeded(LEADING);
      if (opts.bullet && i === 0) page.drawText('-', { x: PAGE.margin + indent - 12, y, size: SIZE, font, color: rgb(0, 0, 0) });
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
