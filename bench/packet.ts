import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { PDFDocument, rgb, StandardFonts } from 'pdf-lib';
import { createUserWithOwnProfile } from '../src/features/accounts/accounts-store.ts';
import { insertCase } from '../src/features/cases/cases-store.ts';
import { createDocumentSource } from '../src/features/records/documents-provider.ts';
import { insertBlob, insertDocument } from '../src/features/records/documents-store.ts';
import { streamPacket } from '../src/features/sharing/packet-kit.ts';
import { loadConfig } from '../src/platform/config.ts';
import { createServer } from '../src/server.ts';
import { fmt, peakRssMb } from './lib.ts';

// The records packet: a 300-page packet built from 30 ten-page PDFs that were stored
// encrypted through the document store (so reading includes decryption and the integrity
// check), against pdf-lib merging the same 30 plain files in memory, in the same run.
// Target: packet time / merge time <= 2. Also prints the ZIP time and peak RSS.
//
// BENCH_PACKET_ROUNDS sets how many times each is run (default 3; the median is shown).

const FILES = 30;
const PAGES = 10;

async function makePdf(i: number): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let p = 0; p < PAGES; p++) {
    const page = doc.addPage([612, 792]);
    page.drawText(`Report ${i + 1}, page ${p + 1}`, { x: 54, y: 720, size: 18, font });
    for (let line = 0; line < 40; line++) {
      page.drawText(`Line ${line + 1}: findings, measurements and notes for the second-opinion doctor.`, {
        x: 54,
        y: 690 - line * 15,
        size: 10,
        font,
      });
    }
    page.drawRectangle({ x: 54, y: 60, width: 200, height: 20, color: rgb(0.9, 0.9, 0.9) });
  }
  return Buffer.from(await doc.save());
}

async function mergeAlone(files: Buffer[]): Promise<number> {
  const out = await PDFDocument.create();
  for (const f of files) {
    const src = await PDFDocument.load(f);
    for (const p of await out.copyPages(src, src.getPageIndices())) out.addPage(p);
  }
  return (await out.save({ useObjectStreams: false })).length;
}

async function drain(stream: Readable): Promise<number> {
  let n = 0;
  for await (const c of stream) n += (c as Buffer).length;
  return n;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = process.hrtime.bigint();
  const r = await fn();
  return [Number(process.hrtime.bigint() - t0) / 1e6, r];
}

export async function run(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'so-bench-packet-'));
  const config = {
    ...loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', DATA_DIR: dataDir }),
    passwordHashing: { memoryCost: 1024, timeCost: 1 },
  };
  const { app, deps } = await createServer(config);
  try {
    const now = deps.clock.now().toISOString();
    const { userId, patientId } = await createUserWithOwnProfile(deps.db, now, {
      email: 'bench@example.com',
      displayName: 'Bench Patient',
      passwordHash: 'x',
    });
    const caseId = await insertCase(deps.db, now, userId, {
      patientId,
      diagnosisStatus: 'diagnosed',
      diagnosis: 'Bench',
      proposedTreatment: 'Bench plan',
      urgency: 'not_said',
    } as never);
    const files = await Promise.all(Array.from({ length: FILES }, (_, i) => makePdf(i)));
    const store = deps.blobs;
    for (const [i, content] of files.entries()) {
      const pending = await store.write(Readable.from([content]), { maxBytes: config.maxUploadBytes, idleMs: 10_000 });
      await store.commit(pending);
      await insertBlob(deps.db, {
        id: pending.id,
        patient_id: patientId,
        sha256: pending.sha256,
        size_bytes: pending.size,
        wrapped_key: pending.wrappedKey,
        storage_key: pending.storageKey,
        created_at: now,
      });
      await insertDocument(deps.db, now, userId, {
        caseId,
        patientId,
        blobId: pending.id,
        title: `Report ${i + 1}`,
        kind: 'clinic_note',
        documentDate: '2026-11-01',
        provider: 'Bench Clinic',
        originalName: `report-${i + 1}.pdf`,
        mediaType: 'application/pdf',
        detectedType: 'pdf',
        pageCount: PAGES,
        textStatus: 'not_applicable',
        details: {},
      });
    }
    const providers = { documents: createDocumentSource };
    const rounds = Number(process.env.BENCH_PACKET_ROUNDS ?? '3');
    const merge: number[] = [];
    const packet: number[] = [];
    const zip: number[] = [];
    let pages = 0;
    let pdfBytes = 0;
    let zipBytes = 0;
    // Warm up both paths once (JIT, font embedding), then alternate so drift hits both alike.
    await mergeAlone(files);
    await drain((await streamPacket(deps, providers, caseId, [], 'pdf')).stream);
    for (let r = 0; r < rounds; r++) {
      merge.push((await time(() => mergeAlone(files)))[0]);
      const [ms, built] = await time(async () => {
        const p = await streamPacket(deps, providers, caseId, [], 'pdf');
        return { bytes: await drain(p.stream), entries: p.entries };
      });
      packet.push(ms);
      pdfBytes = built.bytes;
      pages = built.entries.reduce((s, e) => s + e.pages, 0);
      const [zms, zb] = await time(async () => drain((await streamPacket(deps, providers, caseId, [], 'zip')).stream));
      zip.push(zms);
      zipBytes = zb;
    }
    const m = median(merge);
    const p = median(packet);
    console.log(
      `${FILES} PDFs x ${PAGES} pages = ${pages} document pages (+ cover and index), median of ${rounds} runs`,
    );
    console.log(`pdf-lib merge alone (plain files in memory): ${fmt(m, 0)} ms`);
    console.log(`packet PDF (decrypt + merge + cover + index):  ${fmt(p, 0)} ms, ${fmt(pdfBytes / 1024 / 1024, 1)} MB`);
    console.log(`ratio packet / merge: ${fmt(p / m, 2)} (target <= 2)`);
    console.log(
      `packet ZIP (PDF + originals streamed):        ${fmt(median(zip), 0)} ms, ${fmt(zipBytes / 1024 / 1024, 1)} MB`,
    );
    console.log(`peak RSS of this process: ${fmt(peakRssMb(), 0)} MB`);
  } finally {
    await app.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
