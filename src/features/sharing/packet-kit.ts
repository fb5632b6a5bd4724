import { PassThrough, Readable } from 'node:stream';
import yazl from 'yazl';
import { loadCaseContext } from '../../platform/case-context.ts';
import { todayIn } from '../../platform/dates.ts';
import type { Queryable } from '../../platform/db/database.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError } from '../../platform/http/errors.ts';
import { translator } from '../../platform/i18n/i18n.ts';
import type { DocumentRecord, DocumentSource } from '../records/documents.ts';
import { kindKey } from '../records/documents.ts';
import {
  buildCoverSummary,
  buildIndex,
  type CoverSources,
  type CoverSummary,
  longDate,
  type PacketEntry,
  type PacketFormat,
  packetFileName,
  selectDocuments,
} from './packet.ts';
import { buildPacketPdf, whereText } from './packet-pdf.ts';

// What the packet needs from other features, and the two things it offers to the routes
// of this feature and of share links: the cover summary and the packet as a stream.
// Neither checks who is asking nor writes an audit entry: the caller has decided access
// (a member of the case, or a valid share link) and audits in its own transaction.

/** The cover's data from other features (records' timeline and tests done, the questions). */
export type CoverProvider = (db: Queryable, caseId: string) => Promise<CoverSources>;

/** What features/index.ts passes in. */
export interface PacketProviders {
  /** Documents of a case and their decrypted streams (records feature: createDocumentSource). */
  documents: (deps: Deps) => DocumentSource;
  /** Medicines, allergies, tests done and questions; without it the cover lists none. */
  cover?: CoverProvider;
}

const NO_SOURCES: CoverSources = { medications: [], allergies: [], testsDone: [], questions: [] };

/** The cover summary of a case. Use the caller's transaction as db. */
export async function loadCover(db: Queryable, providers: PacketProviders, caseId: string): Promise<CoverSummary> {
  const c = await loadCaseContext(db, caseId);
  const sources = providers.cover ? await providers.cover(db, caseId) : NO_SOURCES;
  return buildCoverSummary(c, sources);
}

export const packetErrors = {
  unknown_document: () => new AppError(404, 'unknown_document', 'packet.errors.unknownDocument'),
  empty: () => new AppError(400, 'empty_selection', 'packet.errors.empty'),
  too_many: () => new AppError(400, 'too_many', 'packet.errors.tooMany'),
};

export interface PacketStream {
  stream: Readable;
  filename: string;
  contentType: string;
  /** Exact byte length, known before the first byte is sent (so a browser can show progress). */
  contentLength: number;
  /** The index as laid out: what went in and where. */
  entries: PacketEntry[];
}

/** What a packet is made of, read in the request's transaction before a byte of any file is. */
export interface PreparedPacket {
  cover: CoverSummary;
  /** The chosen documents of the case, in the order they go into the packet. */
  documents: DocumentRecord[];
}

/**
 * Checks the choice of documents and reads the cover, in the caller's transaction (db).
 * documentIds picks the documents (empty: all of the case); an id that is not this case's
 * is refused with 404.
 */
export async function preparePacket(
  db: Queryable,
  deps: Deps,
  providers: PacketProviders,
  caseId: string,
  documentIds: string[],
): Promise<PreparedPacket> {
  const selection = selectDocuments(await providers.documents(deps).listDocuments(db, caseId), documentIds);
  if (!selection.ok) throw packetErrors[selection.reason]();
  return { cover: await loadCover(db, providers, caseId), documents: selection.documents };
}

/** The packet of a case as a stream, in one go (for callers outside a request: the bench, tests). */
export async function streamPacket(
  deps: Deps,
  providers: PacketProviders,
  caseId: string,
  documentIds: string[],
  format: PacketFormat,
): Promise<PacketStream> {
  const now = deps.clock.now();
  const prepared = await preparePacket(deps.db, deps, providers, caseId, documentIds);
  return buildPacket(deps, providers, prepared, format, { now, today: todayIn(now) });
}

/**
 * The prepared packet as a stream, after the transaction: building it reads and decrypts
 * every file, which must not hold the database. The PDF is built in memory from one
 * decrypted file at a time; the ZIP then streams each original straight from the store,
 * one at a time, behind the PDF. `today` is the reader's date, for the file names.
 */
export async function buildPacket(
  deps: Deps,
  providers: PacketProviders,
  prepared: PreparedPacket,
  format: PacketFormat,
  when: { now: Date; today: string },
): Promise<PacketStream> {
  const source = providers.documents(deps);
  const { cover } = prepared;
  const t = translator('en');
  const { now, today } = when;
  const formatDate = (iso: string | null) => longDate(iso);
  const pdfName = packetFileName(cover.patient.name, today, 'pdf');
  const built = await buildPacketPdf(
    (id) => source.openDocumentStream(deps.db, id),
    cover,
    buildIndex(prepared.documents),
    {
      t,
      preparedOn: today,
      formatDate,
      createdOn: now,
      title: `${t('packet.cover.pdfTitle')} - ${cover.patient.name}`,
    },
  );
  if (format === 'pdf') {
    return {
      stream: Readable.from([Buffer.from(built.bytes)]),
      filename: pdfName,
      contentType: 'application/pdf',
      contentLength: built.bytes.length,
      entries: built.entries,
    };
  }

  const zip = new yazl.ZipFile();
  // Stored, not deflated: scans and PDFs are compressed already, and a stored entry's
  // size is known up front, so the whole ZIP's length is too.
  const opts = { mtime: now, compress: false };
  zip.addBuffer(Buffer.from(built.bytes), pdfName, opts);
  zip.addBuffer(Buffer.from(indexText(built.entries, t), 'utf8'), 'index.txt', opts);
  const out = new PassThrough();
  for (const e of built.entries) {
    // Lazy: yazl asks for the next file only when it is that file's turn, so one decrypted
    // stream is open at a time however many files there are.
    zip.addReadStreamLazy(e.zipPath, { ...opts, size: e.sizeBytes }, (cb) => {
      source.openDocumentStream(deps.db, e.documentId).then(
        ({ stream }) => cb(null, stream),
        (err: unknown) => cb(err, undefined as never),
      );
    });
  }
  zip.on('error', (err: Error) => out.destroy(err));
  const size = await new Promise<number>((resolve) =>
    zip.end({ forceZip64Format: false, comment: '' }, ((n: number) => resolve(n)) as () => void),
  );
  zip.outputStream.on('error', (err: Error) => out.destroy(err));
  zip.outputStream.pipe(out);
  return {
    stream: out,
    filename: packetFileName(cover.patient.name, today, 'zip'),
    contentType: 'application/zip',
    contentLength: size,
    entries: built.entries,
  };
}

/** The same index as the PDF's, as plain text for the ZIP: a doctor may open the folder first. */
export function indexText(entries: PacketEntry[], t: ReturnType<typeof translator>): string {
  const lines = [t('packet.index.heading'), ''];
  for (const e of entries) {
    lines.push(`${e.n}. ${e.title}`);
    lines.push(`   ${[t(kindKey(e.kind)), e.date, e.source].filter(Boolean).join(' | ')}`);
    lines.push(`   ${e.zipPath}`);
    const where = whereText(e, t);
    if (where && e.placement !== 'zip_only') lines.push(`   PDF: ${where}`);
    lines.push(`   SHA-256: ${e.sha256}`);
    lines.push('');
  }
  return lines.join('\r\n');
}
