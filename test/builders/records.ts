import { Readable } from 'node:stream';
import type { DocumentKind } from '../../src/features/records/documents.ts';
import {
  documentSearchRow,
  indexSearchRows,
  insertBlob,
  insertDocument,
} from '../../src/features/records/documents-store.ts';
import type { RequestInput } from '../../src/features/records/requests.ts';
import { insertRequest } from '../../src/features/records/requests-store.ts';
import type { SpecimenInput } from '../../src/features/records/specimens.ts';
import { insertSpecimenRequest } from '../../src/features/records/specimens-store.ts';
import type { TimelineItem } from '../../src/features/records/timeline.ts';
import type { TestApp } from '../helpers/test-app.ts';

/**
 * A stored, encrypted document straight through the store (no HTTP): a plain-text file
 * unless told otherwise.
 */
export async function buildDocument(
  t: TestApp,
  user: { userId: string; patientId: string },
  caseId: string,
  opts: { content?: Buffer; title?: string; kind?: DocumentKind; text?: string } = {},
): Promise<string> {
  const content = opts.content ?? Buffer.from(opts.text ?? `Clinic note ${Math.random()}`);
  const store = t.deps.blobs;
  const pending = await store.write(Readable.from([content]), {
    maxBytes: t.deps.config.maxUploadBytes,
    idleMs: 10_000,
  });
  await store.commit(pending);
  const now = t.deps.clock.now().toISOString();
  await insertBlob(t.deps.db, {
    id: pending.id,
    patient_id: user.patientId,
    sha256: pending.sha256,
    size_bytes: pending.size,
    wrapped_key: pending.wrappedKey,
    storage_key: pending.storageKey,
    created_at: now,
  });
  const doc = {
    caseId,
    patientId: user.patientId,
    blobId: pending.id,
    title: opts.title ?? 'Clinic note',
    kind: opts.kind ?? ('clinic_note' as const),
    documentDate: '2026-11-01',
    provider: 'Test Clinic',
    originalName: 'note.txt',
    mediaType: 'text/plain; charset=utf-8',
    detectedType: 'text' as const,
    pageCount: null,
    textStatus: 'extracted' as const,
    details: {},
  };
  const id = await insertDocument(t.deps.db, now, user.userId, doc);
  await indexSearchRows(t.deps.db, t.deps.dialect, [documentSearchRow({ id, ...doc }, content.toString('utf8'))]);
  return id;
}

/** A records request, not yet sent, straight through the store. */
export async function buildRecordRequest(
  t: TestApp,
  user: { userId: string; patientId: string },
  caseId: string,
  overrides: Partial<RequestInput> = {},
): Promise<string> {
  return insertRequest(t.deps.db, t.deps.clock.now().toISOString(), user.userId, caseId, user.patientId, {
    providerName: 'Lakeside Hospital',
    providerAddress: '1 Lake St\nChicago, IL 60601',
    providerContact: undefined,
    recordsWanted: ['pathology_reports', 'imaging_files'],
    recordsOther: undefined,
    dateFrom: undefined,
    dateTo: undefined,
    format: 'electronic',
    delivery: 'me',
    recipientName: undefined,
    recipientAddress: undefined,
    notes: undefined,
    ...overrides,
  });
}

let itemCount = 0;

/** One imported item (a medication unless told otherwise), for the pure timeline and packet tests. */
export function buildTimelineItem(over: Partial<TimelineItem> = {}): TimelineItem {
  itemCount += 1;
  return {
    id: `item-${itemCount}`,
    documentId: 'd',
    category: 'medication',
    display: 'Something',
    value: null,
    status: null,
    startedOn: null,
    endedOn: null,
    place: null,
    codeSystem: null,
    code: null,
    ...over,
  };
}

/** A specimen request (slides and blocks from a lab), not yet sent, straight through the store. */
export async function buildSpecimenRequest(
  t: TestApp,
  user: { userId: string; patientId: string },
  caseId: string,
  overrides: Partial<SpecimenInput> = {},
): Promise<string> {
  return insertSpecimenRequest(t.deps.db, t.deps.clock.now().toISOString(), user.userId, caseId, user.patientId, {
    labName: 'Lakeside Hospital Pathology',
    labAddress: '1 Lake St\nChicago, IL 60601',
    labContact: undefined,
    specimens: [{ accession: 'S26-1234', kind: 'stained_slides', count: 3 }],
    recipientName: 'University Cancer Center, Pathology',
    recipientAddress: '2 Main St\nBoston, MA 02115',
    recipientContact: undefined,
    recipientPhone: undefined,
    notes: undefined,
    ...overrides,
  });
}
