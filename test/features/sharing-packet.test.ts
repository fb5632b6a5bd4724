import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import type { DocumentRecord } from '../../src/features/records/documents.ts';
import {
  askedQuestion,
  buildCoverSummary,
  buildIndex,
  fitImage,
  layOut,
  PACKET_LIMITS,
  packetFileName,
  safeName,
  selectDocuments,
  totalPages,
  zipPathFor,
} from '../../src/features/sharing/packet.ts';
import type { CaseContext } from '../../src/platform/case-context.ts';
import { buildTimelineItem } from '../builders/records.ts';

const caseContext = (over: Partial<CaseContext> = {}): CaseContext => ({
  id: 'case1',
  patientId: 'p1',
  patientName: 'Rosa Díaz',
  patientDateOfBirth: '1950-04-28',
  patientZip: '60614',
  title: 'Breast cancer',
  diagnosisStatus: 'diagnosed',
  diagnosis: 'Invasive ductal carcinoma',
  symptoms: null,
  proposedTreatment: 'Mastectomy',
  doctorName: 'Dr. Ada Lovelace',
  doctorSpecialty: 'Surgical oncology',
  toldOn: '2026-11-20',
  urgency: 'within_weeks',
  status: 'open',
  archivedAt: null,
  ...over,
});

let n = 0;
const item = buildTimelineItem;

const doc = (over: Partial<DocumentRecord>): DocumentRecord => ({
  id: `d${n++}`,
  caseId: 'case1',
  patientId: 'p1',
  blobId: 'b',
  title: 'Report',
  kind: 'other',
  documentDate: null,
  provider: null,
  originalName: 'report.pdf',
  mediaType: 'application/pdf',
  detectedType: 'pdf',
  sizeBytes: 100,
  sha256: 'x',
  pageCount: 2,
  textStatus: 'extracted',
  details: {},
  createdAt: '2026-11-01T00:00:00Z',
  updatedAt: '2026-11-01T00:00:00Z',
  ...over,
});

const none = { medications: [], allergies: [], testsDone: [], questions: [] };

describe('the cover summary', () => {
  test('asks about the diagnosis and the plan when both are known; only the diagnosis when no plan; the cause when there is no diagnosis', () => {
    assert.deepEqual(askedQuestion(caseContext()), {
      kind: 'diagnosis_and_plan',
      diagnosis: 'Invasive ductal carcinoma',
      treatment: 'Mastectomy',
    });
    assert.deepEqual(askedQuestion(caseContext({ proposedTreatment: '  ' })), {
      kind: 'diagnosis',
      diagnosis: 'Invasive ductal carcinoma',
    });
    assert.deepEqual(
      askedQuestion(
        caseContext({ diagnosisStatus: 'no_diagnosis', diagnosis: null, symptoms: 'Tired,\n short of breath' }),
      ),
      { kind: 'no_diagnosis', symptoms: 'Tired, short of breath' },
    );
  });

  test('lists current medicines only, once each, and active allergies', () => {
    const cover = buildCoverSummary(caseContext(), {
      ...none,
      medications: [
        item({ display: 'Tamoxifen 20 mg', status: 'active', startedOn: '2026-10-01' }),
        item({ display: 'tamoxifen 20 MG', status: 'active', startedOn: '2025-01-01' }),
        item({ display: 'Amoxicillin', status: 'stopped' }),
        item({ display: 'Ibuprofen', endedOn: '2025-02-01' }),
        item({ display: 'Metformin', status: null }),
      ],
      allergies: [
        item({ category: 'allergy', display: 'Penicillin', value: 'hives' }),
        item({ category: 'allergy', display: 'Latex', status: 'resolved' }),
      ],
    });
    assert.deepEqual(
      cover.medications.map((m) => m.name),
      ['Tamoxifen 20 mg', 'Metformin'],
    );
    assert.equal(cover.medications[0]!.since, '2026-10-01', 'the newest entry of a repeated medicine is kept');
    assert.deepEqual(cover.allergies, [{ name: 'Penicillin', reaction: 'hives', status: null }]);
  });

  test('puts important questions first, keeps the person’s order otherwise, and drops blank ones', () => {
    const cover = buildCoverSummary(caseContext(), {
      ...none,
      questions: [
        { text: 'A?', important: false },
        { text: 'B?', important: true },
        { text: '  ', important: true },
        { text: 'C?', important: false },
      ],
    });
    assert.deepEqual(
      cover.questions.map((q) => q.text),
      ['B?', 'A?', 'C?'],
    );
  });

  test('long lists are cut, and say how many more there were', () => {
    const many = Array.from({ length: PACKET_LIMITS.maxListed + 7 }, (_, i) => ({
      text: `Question ${i}?`,
      important: false,
    }));
    const cover = buildCoverSummary(caseContext(), { ...none, questions: many });
    assert.equal(cover.questions.length, PACKET_LIMITS.maxListed);
    assert.equal(cover.more.questions, 7);
  });

  test('the first doctor’s finding is left out when there is no diagnosis', () => {
    const cover = buildCoverSummary(
      caseContext({ diagnosisStatus: 'no_diagnosis', diagnosis: 'old text', symptoms: 'Pain' }),
      none,
    );
    assert.equal(cover.firstDoctor.finding, null);
    assert.equal(cover.firstDoctor.name, 'Dr. Ada Lovelace');
    assert.deepEqual(cover.patient, { name: 'Rosa Díaz', dateOfBirth: '1950-04-28' });
  });
});

describe('choosing documents', () => {
  const a = doc({ id: 'a' });
  const b = doc({ id: 'b' });
  const c = doc({ id: 'c' });
  test('no ids means all; ids keep the case order; any foreign id refuses the whole packet', () => {
    assert.deepEqual(selectDocuments([a, b, c], []), { ok: true, documents: [a, b, c] });
    assert.deepEqual(selectDocuments([a, b, c], ['c', 'a']), { ok: true, documents: [a, c] });
    assert.deepEqual(selectDocuments([a, b, c], ['a', 'zzz']), { ok: false, reason: 'unknown_document' });
    assert.deepEqual(selectDocuments([], []), { ok: false, reason: 'empty' });
    assert.deepEqual(
      selectDocuments(
        [a],
        Array.from({ length: PACKET_LIMITS.maxDocuments + 1 }, (_, i) => `x${i}`),
      ),
      { ok: false, reason: 'too_many' },
    );
  });
});

describe('the index and the layout', () => {
  test('each kind of file is placed the right way, and imaging goes in its own folder', () => {
    const entries = buildIndex([
      doc({ title: 'Biopsy report', detectedType: 'pdf', pageCount: 3, kind: 'pathology' }),
      doc({ title: 'Photo of rash', detectedType: 'png', pageCount: null, originalName: 'IMG_1.png' }),
      doc({
        title: 'CT chest',
        detectedType: 'imaging_study',
        kind: 'imaging',
        originalName: 'disc.zip',
        details: {
          imaging: {
            studies: 1,
            series: 2,
            images: 40,
            studyDate: '2026-10-02',
            modalities: ['CT'],
            bodyParts: [],
            descriptions: [],
            institution: 'Lakeside',
          },
        },
      }),
      doc({ title: 'Portal export', detectedType: 'ccda', originalName: 'ccd.xml' }),
    ]);
    assert.deepEqual(
      entries.map((e) => [e.placement, e.pages]),
      [
        ['merged', 3],
        ['image', 1],
        ['zip_only', 0],
        ['zip_only', 0],
      ],
    );
    assert.equal(entries[0]!.zipPath, 'documents/01-Biopsy-report.pdf');
    assert.equal(entries[2]!.zipPath, 'imaging/03-CT-chest/disc.zip');
    assert.equal(entries[2]!.date, '2026-10-02', 'a study date stands in for a missing document date');
    assert.equal(entries[2]!.source, 'Lakeside');
  });

  test('files too big to merge, or past the PDF’s total, go in the ZIP only', () => {
    const limits = { maxMergeBytes: 100, maxMergeTotalBytes: 150 };
    const entries = buildIndex(
      [
        doc({ sizeBytes: 101 }),
        doc({ sizeBytes: 80, detectedType: 'jpeg' }),
        doc({ sizeBytes: 80 }),
        doc({ sizeBytes: 70 }),
      ],
      limits,
    );
    assert.deepEqual(
      entries.map((e) => e.placement),
      ['zip_only', 'image', 'zip_only', 'merged'],
    );
  });

  test('page numbers follow the front pages; unreadable files take no pages', () => {
    const [x, y, z] = buildIndex([doc({ pageCount: 3 }), doc({ pageCount: 2 }), doc({ detectedType: 'jpeg' })]);
    const laid = layOut([x!, y!, z!], 2, new Map([[x!.documentId, 4]]), new Set([y!.documentId]));
    assert.deepEqual(
      laid.map((e) => [e.placement, e.pages, e.startPage]),
      [
        ['merged', 4, 3],
        ['unreadable', 0, null],
        ['image', 1, 7],
      ],
    );
    assert.equal(totalPages(2, laid), 7);
  });

  test('ZIP paths are always safe and unique, whatever the titles', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            title: fc.string({ maxLength: 300 }),
            originalName: fc.string({ maxLength: 300 }),
            imaging: fc.boolean(),
          }),
          { minLength: 1, maxLength: 30 },
        ),
        (docs) => {
          const paths = docs.map((d, i) =>
            zipPathFor(
              {
                title: d.title,
                originalName: d.originalName,
                detectedType: d.imaging ? 'dicom' : 'pdf',
                kind: d.imaging ? 'imaging' : 'other',
              },
              i + 1,
            ),
          );
          assert.equal(new Set(paths).size, paths.length);
          for (const p of paths) {
            assert.match(p, /^(documents\/[A-Za-z0-9._-]+|imaging\/[A-Za-z0-9._-]+\/[A-Za-z0-9._-]+)$/);
            assert.ok(!p.split('/').some((part) => part === '..' || part === '.' || part === ''));
            assert.ok(p.length < 200);
          }
        },
      ),
    );
  });

  test('safe names keep letters, drop accents and anything a file system dislikes', () => {
    assert.equal(safeName('Rosa Díaz'), 'Rosa-Diaz');
    assert.equal(safeName('../../etc/passwd'), 'etc-passwd');
    assert.equal(safeName('???'), 'document');
    assert.equal(packetFileName('Rosa Díaz', '2026-11-27', 'zip'), 'records-packet-Rosa-Diaz-2026-11-27.zip');
  });

  test('a picture is scaled down to fit inside the margins, never up, and keeps its shape', () => {
    const page = { width: 612, height: 792, margin: 54 };
    const big = fitImage({ width: 3000, height: 1500 }, page);
    assert.ok(big.width <= 612 - 108 + 1e-9);
    assert.ok(Math.abs(big.width / big.height - 2) < 1e-9);
    const small = fitImage({ width: 40, height: 30 }, page);
    assert.equal(small.width, 40);
    assert.equal(small.height, 30);
    assert.ok(small.x > page.margin && small.y > page.margin);
  });
});
