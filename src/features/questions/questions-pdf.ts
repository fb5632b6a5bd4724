import { type PDFFont, type PDFPage, rgb } from 'pdf-lib';
import { newPrintout } from '../../platform/pdf/printout.ts';
import { printable, wrapLines } from '../../platform/pdf/text.ts';

// The large-print question sheet as a PDF: each question in 16-point type followed by
// ruled lines to write the answer on. Letter size, since most home printers in the US
// use it. No I/O: data in, bytes out.

export interface SheetInput {
  title: string;
  /** Lines under the title: who it is for, which case. */
  subtitle: string[];
  doctorLabel: string;
  dateLabel: string;
  importantHeading: string;
  othersHeading: string;
  /** "Page {n} of {total}" with the numbers filled in by the builder. */
  pageLabel: (n: number, total: number) => string;
  important: string[];
  others: string[];
  /** When the sheet was made (for the PDF's metadata). */
  createdAt: Date;
}

const PAGE = { width: 612, height: 792 }; // 8.5 × 11 inches
const MARGIN = 54; // 0.75 inch
const SIZE = { title: 24, heading: 19, question: 16, small: 13 };
const LINE_GAP = 28; // room to write by hand between the answer lines
const ANSWER_LINES = 4;
const INK = rgb(0, 0, 0);
const RULE = rgb(0.45, 0.45, 0.45);

/** One line of drawable text: the sheet draws each question as one paragraph. */
const drawable = (font: PDFFont, text: string) => printable(font, text.replace(/[\r\n\t]+/g, ' '));

export async function buildQuestionSheetPdf(input: SheetInput): Promise<Uint8Array> {
  const {
    pdf: doc,
    regular,
    bold,
  } = await newPrintout({ title: input.title, createdOn: input.createdAt, lang: 'en-US' });
  const width = PAGE.width - 2 * MARGIN;
  const bottom = MARGIN + 18; // room for the page number

  let page: PDFPage = doc.addPage([PAGE.width, PAGE.height]);
  let y = PAGE.height - MARGIN;

  const newPage = () => {
    page = doc.addPage([PAGE.width, PAGE.height]);
    y = PAGE.height - MARGIN;
  };
  const text = (s: string, font: PDFFont, size: number, x = MARGIN) => {
    page.drawText(drawable(font, s), { x, y: y - size, size, font, color: INK });
  };
  const writeLines = (s: string, font: PDFFont, size: number, indent = 0) => {
    for (const line of wrapLines(font, drawable(font, s), size, width - indent)) {
      text(line, font, size, MARGIN + indent);
      y -= size * 1.35;
    }
  };
  const blank = (label: string, x: number, lineWidth: number) => {
    const size = SIZE.question;
    page.drawText(drawable(bold, label), { x, y: y - size, size, font: bold, color: INK });
    const start = x + bold.widthOfTextAtSize(label, size) + 6;
    page.drawLine({
      start: { x: start, y: y - size - 2 },
      end: { x: x + lineWidth, y: y - size - 2 },
      thickness: 1,
      color: RULE,
    });
  };

  // Heading: title, who and what it is about, and blanks for the doctor and the date.
  writeLines(input.title, bold, SIZE.title);
  y -= 4;
  for (const s of input.subtitle) writeLines(s, regular, SIZE.question);
  y -= 10;
  blank(input.doctorLabel, MARGIN, width * 0.62);
  blank(input.dateLabel, MARGIN + width * 0.66, width * 0.34);
  y -= SIZE.question + 24;

  let n = 0;
  // Room for the widest number ("12. " is wider than "1. "), so text never runs into it.
  const total = input.important.length + input.others.length;
  const indent = Math.max(28, Math.ceil(bold.widthOfTextAtSize(`${total}. `, SIZE.question)) + 4);
  const section = (heading: string, questions: string[]) => {
    if (questions.length === 0) return;
    if (y - SIZE.heading * 2 - 120 < bottom) newPage();
    writeLines(heading, bold, SIZE.heading);
    y -= 8;
    for (const q of questions) {
      n += 1;
      const label = `${n}. `;
      const lines = wrapLines(bold, drawable(bold, q), SIZE.question, width - indent);
      const needed = lines.length * SIZE.question * 1.35 + ANSWER_LINES * LINE_GAP + 20;
      // A question and the lines for its answer stay on one page.
      if (y - needed < bottom) newPage();
      text(label, bold, SIZE.question);
      for (const line of lines) {
        text(line, bold, SIZE.question, MARGIN + indent);
        y -= SIZE.question * 1.35;
      }
      y -= 6;
      for (let i = 0; i < ANSWER_LINES; i++) {
        y -= LINE_GAP;
        page.drawLine({ start: { x: MARGIN + indent, y }, end: { x: MARGIN + width, y }, thickness: 0.8, color: RULE });
      }
      y -= 22;
    }
  };
  section(input.importantHeading, input.important);
  section(input.othersHeading, input.others);

  const pages = doc.getPages();
  pages.forEach((p, i) => {
    const label = drawable(regular, input.pageLabel(i + 1, pages.length));
    const w = regular.widthOfTextAtSize(label, SIZE.small);
    p.drawText(label, { x: PAGE.width - MARGIN - w, y: MARGIN - 10, size: SIZE.small, font: regular, color: INK });
  });
  return doc.save();
}
