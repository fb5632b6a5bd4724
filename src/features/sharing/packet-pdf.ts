import type { Readable } from 'node:stream';
import { PDFDocument, type PDFFont, type PDFPage, rgb } from 'pdf-lib';
import type { MessageKey, Translate } from '../../platform/i18n/i18n.ts';
import { newPrintout } from '../../platform/pdf/printout.ts';
import { printable, wrapLines } from '../../platform/pdf/text.ts';
import { kindKey } from '../records/documents.ts';
import { testKindKey } from '../records/timeline.ts';
import { type CoverSummary, fitImage, layOut, type PacketEntry } from './packet.ts';

// The packet as one PDF: front pages (cover summary and index) written with pdf-lib's
// standard fonts, then each PDF's pages copied in and each picture placed on a page.
// Files are read one at a time from their decrypted streams, so only the output and the
// file in hand are in memory.

const PAGE = { width: 612, height: 792, margin: 54 }; // US Letter
const SIZE = { title: 20, heading: 14, body: 11.5, small: 9.5 };
const LEADING = 1.35;

/** Reads one document's decrypted bytes; the caller decides which document and who may. */
export type OpenDocument = (documentId: string) => Promise<{ stream: Readable }>;

/** A plain text writer over pages of a PDF: wraps, and starts a new page when one is full. */
class Writer {
  page!: PDFPage;
  y = 0;
  constructor(
    private pdf: PDFDocument,
    readonly regular: PDFFont,
    readonly bold: PDFFont,
  ) {
    this.newPage();
  }
  newPage() {
    this.page = this.pdf.addPage([PAGE.width, PAGE.height]);
    this.y = PAGE.height - PAGE.margin;
  }
  clean(text: string) {
    return printable(this.regular, text);
  }
  room(lines: number, size = SIZE.body) {
    if (this.y - lines * size * LEADING < PAGE.margin + 18) this.newPage();
  }
  write(
    text: string,
    opts: {
      bold?: boolean;
      size?: number;
      indent?: number;
      gapAfter?: number;
      grey?: boolean;
      width?: number;
      x?: number;
    } = {},
  ) {
    const font = opts.bold ? this.bold : this.regular;
    const size = opts.size ?? SIZE.body;
    const indent = opts.indent ?? 0;
    const width = opts.width ?? PAGE.width - 2 * PAGE.margin - indent;
    for (const line of wrapLines(font, this.clean(text), size, width)) {
      this.room(1, size);
      this.y -= size * LEADING;
      this.page.drawText(line, {
        x: (opts.x ?? PAGE.margin) + indent,
        y: this.y,
        size,
        font,
        color: opts.grey ? rgb(0.25, 0.25, 0.25) : rgb(0, 0, 0),
      });
    }
    this.y -= opts.gapAfter ?? 0;
  }
  heading(text: string) {
    this.room(4, SIZE.heading);
    this.y -= 8;
    this.write(text, { bold: true, size: SIZE.heading, gapAfter: 3 });
  }
  fact(label: string, value: string) {
    this.room(2);
    this.write(label, { bold: true });
    this.write(value, { indent: 14, gapAfter: 3 });
  }
}

export interface FrontMeta {
  t: Translate;
  preparedOn: string;
  formatDate: (iso: string | null) => string;
}

/** Cover summary then index, on their own pages. Returns the number of pages written. */
export function writeFront(
  pdf: PDFDocument,
  fonts: { regular: PDFFont; bold: PDFFont },
  cover: CoverSummary,
  entries: PacketEntry[],
  meta: FrontMeta,
): number {
  const { t, formatDate } = meta;
  const before = pdf.getPageCount();
  const w = new Writer(pdf, fonts.regular, fonts.bold);
  w.write(t('packet.cover.pdfTitle'), { bold: true, size: SIZE.title, gapAfter: 4 });
  w.write(cover.patient.name, { bold: true, size: SIZE.heading });
  w.write(
    `${t('packet.cover.dateOfBirth')}: ${cover.patient.dateOfBirth ? formatDate(cover.patient.dateOfBirth) : t('packet.cover.notGiven')}`,
    { gapAfter: 6 },
  );

  w.heading(t('packet.cover.questionHeading'));
  w.write(questionText(cover, t), { gapAfter: 2 });
  if (cover.question.kind === 'no_diagnosis' && cover.question.symptoms)
    w.write(t('packet.cover.symptoms', { symptoms: cover.question.symptoms }));

  w.heading(t('packet.cover.firstDoctorHeading'));
  const facts = firstDoctorFacts(cover, t, formatDate);
  if (facts.length === 0) w.write(t('packet.cover.nothingRecorded'));
  for (const [label, value] of facts) w.fact(label, value);

  const list = (heading: MessageKey, items: string[], more: number, none: MessageKey, numbered = false) => {
    w.heading(t(heading));
    if (items.length === 0) w.write(t(none));
    for (const item of items) w.write(numbered ? item : `- ${item}`, { indent: 6, gapAfter: 1 });
    if (more > 0) w.write(t('packet.cover.more', { count: more }), { grey: true });
  };
  list(
    'packet.cover.medicationsHeading',
    medicationLines(cover, t, formatDate),
    cover.more.medications,
    'packet.cover.noneFound',
  );
  list(
    'packet.cover.allergiesHeading',
    cover.allergies.map((a) => [a.name, a.reaction].filter(Boolean).join(': ')),
    cover.more.allergies,
    'packet.cover.noneFound',
  );
  list('packet.cover.testsHeading', testLines(cover, t, formatDate), cover.more.testsDone, 'packet.cover.noneFound');
  list(
    'packet.cover.questionsHeading',
    cover.questions.map((q, i) => `${i + 1}. ${q.text}${q.important ? ` (${t('packet.cover.important')})` : ''}`),
    cover.more.questions,
    'packet.cover.noQuestions',
    true,
  );
  w.y -= 8;
  w.write(t('packet.cover.source'), { size: SIZE.small, grey: true });
  w.write(t('packet.cover.preparedOn', { date: formatDate(meta.preparedOn) }), { size: SIZE.small, grey: true });

  // The index starts on its own page so the cover can be printed alone.
  w.newPage();
  w.write(t('packet.index.heading'), { bold: true, size: SIZE.title, gapAfter: 6 });
  for (const e of entries) {
    w.room(4);
    w.write(`${e.n}. ${e.title}`, { bold: true });
    const bits = [t(kindKey(e.kind)), e.date ? formatDate(e.date) : null, e.source].filter(Boolean).join(' · ');
    w.write(bits, { indent: 14 });
    w.write(whereText(e, t), { indent: 14, gapAfter: 4, grey: true });
  }
  if (entries.some((e) => e.placement === 'zip_only'))
    w.write(t('packet.index.zipNote'), { size: SIZE.small, grey: true, gapAfter: 2 });
  if (entries.some((e) => e.placement === 'unreadable'))
    w.write(t('packet.index.unreadableNote'), { size: SIZE.small, grey: true });

  const pages = pdf.getPages().slice(before);
  pages.forEach((p, i) => {
    const label = `${i + 1} / ${pages.length}`;
    p.drawText(label, {
      x: PAGE.width - PAGE.margin - fonts.regular.widthOfTextAtSize(label, SIZE.small),
      y: PAGE.margin / 2,
      size: SIZE.small,
      font: fonts.regular,
    });
  });
  return pages.length;
}

export function questionText(cover: CoverSummary, t: Translate): string {
  const q = cover.question;
  if (q.kind === 'diagnosis_and_plan')
    return t('packet.cover.question.diagnosis_and_plan', { diagnosis: q.diagnosis, treatment: q.treatment });
  if (q.kind === 'diagnosis') return t('packet.cover.question.diagnosis', { diagnosis: q.diagnosis });
  return t('packet.cover.question.no_diagnosis');
}

export function firstDoctorFacts(
  cover: CoverSummary,
  t: Translate,
  formatDate: (iso: string | null) => string,
): [string, string][] {
  const d = cover.firstDoctor;
  const out: [string, string][] = [];
  const who = [d.name, d.specialty].filter(Boolean).join(', ');
  if (who) out.push([t('packet.cover.firstDoctor'), who]);
  if (d.toldOn) out.push([t('packet.cover.told'), formatDate(d.toldOn)]);
  if (d.finding) out.push([t('packet.cover.finding'), d.finding]);
  if (d.proposed) out.push([t('packet.cover.proposed'), d.proposed]);
  if (out.length > 0) out.push([t('packet.cover.urgency'), t(`cases.urgency.${d.urgency}` as MessageKey)]);
  return out;
}

export function medicationLines(
  cover: CoverSummary,
  t: Translate,
  formatDate: (iso: string | null) => string,
): string[] {
  return cover.medications.map((m) =>
    [m.name, m.detail, m.since ? t('packet.cover.since', { date: formatDate(m.since) }) : null]
      .filter(Boolean)
      .join(', '),
  );
}

export function testLines(cover: CoverSummary, t: Translate, formatDate: (iso: string | null) => string): string[] {
  return cover.testsDone.map((x) =>
    [
      x.what,
      t(testKindKey(x.kind)),
      x.lastOn ? formatDate(x.lastOn) : null,
      x.times > 1 ? t('packet.cover.times', { count: x.times }) : null,
      x.where,
    ]
      .filter(Boolean)
      .join(', '),
  );
}

export function whereText(e: PacketEntry, t: Translate): string {
  if (e.placement === 'zip_only') return `${t('packet.index.inZip')}: ${e.zipPath}`;
  if (e.placement === 'unreadable') return `${t('packet.index.unreadable')} (${e.zipPath})`;
  if (e.startPage === null) return '';
  return e.pages > 1
    ? t('packet.index.pageCount', { count: e.pages, page: e.startPage })
    : t('packet.index.onePage', { page: e.startPage });
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

export interface BuiltPdf {
  bytes: Uint8Array;
  entries: PacketEntry[];
  frontPages: number;
}

/**
 * The whole packet PDF. A PDF that cannot be read (damaged, or locked with a password)
 * is listed as unreadable instead of failing the packet; so is a picture that will not
 * decode. A failure to read the stored file itself (missing, or failing its integrity
 * check) does fail: that is not the patient's file being odd but the store being wrong.
 */
export async function buildPacketPdf(
  open: OpenDocument,
  cover: CoverSummary,
  planned: PacketEntry[],
  meta: FrontMeta & { createdOn: Date; title: string },
): Promise<BuiltPdf> {
  const { pdf: out, bold } = await newPrintout({ title: meta.title, createdOn: meta.createdOn });

  const actual = new Map<string, number>();
  const unreadable = new Set<string>();
  for (const e of planned) {
    if (e.placement === 'zip_only') continue;
    const bytes = await readAll((await open(e.documentId)).stream);
    if (e.placement === 'merged') {
      // pdf-lib may "load" garbage and fail only when asked for pages: copy everything
      // first, add nothing unless the whole document came through.
      let pages: PDFPage[];
      try {
        const src = await PDFDocument.load(bytes, { updateMetadata: false });
        pages = await out.copyPages(src, src.getPageIndices());
        if (pages.length === 0) throw new Error('no pages');
      } catch {
        unreadable.add(e.documentId);
        continue;
      }
      for (const p of pages) out.addPage(p);
      actual.set(e.documentId, pages.length);
    } else {
      try {
        const img = e.detectedType === 'png' ? await out.embedPng(bytes) : await out.embedJpg(bytes);
        const page = out.addPage([PAGE.width, PAGE.height]);
        const label = printable(bold, `${e.n}. ${e.title}`).slice(0, 90);
        page.drawText(label, { x: PAGE.margin, y: PAGE.height - PAGE.margin - SIZE.body, size: SIZE.body, font: bold });
        const box = fitImage(img, { ...PAGE, top: 2 * SIZE.body });
        page.drawImage(img, box);
        actual.set(e.documentId, 1);
      } catch {
        unreadable.add(e.documentId);
      }
    }
  }

  // Front pages last, once the real page counts are known, then moved to the front. The
  // index's length does not depend on the numbers in it, so one trial run gives the count.
  const trial = await newPrintout();
  const frontPages = writeFront(trial.pdf, trial, cover, layOut(planned, 0, actual, unreadable), meta);
  const entries = layOut(planned, frontPages, actual, unreadable);
  const { pdf: front, ...frontFonts } = await newPrintout();
  writeFront(front, frontFonts, cover, entries, meta);
  const copied = await out.copyPages(front, front.getPageIndices());
  copied.forEach((p, i) => out.insertPage(i, p));

  const bytes = await out.save({ useObjectStreams: false });
  return { bytes, entries, frontPages };
}
