import type { RecordRequest } from '../../src/features/records/requests.ts';
import type { SpecimenRequest } from '../../src/features/records/specimens.ts';

// Records requests and specimen requests as plain values, for the pure rules and letters
// (no database). Each test names only what it is about.

export function recordRequest(over: Partial<RecordRequest> = {}): RecordRequest {
  return {
    id: 'r1',
    caseId: 'c1',
    patientId: 'p1',
    providerName: 'Lakeside Hospital',
    providerAddress: '1 Lake St\nChicago, IL',
    providerContact: null,
    recordsWanted: ['pathology_reports', 'imaging_files'],
    recordsOther: null,
    dateFrom: null,
    dateTo: null,
    format: 'electronic',
    delivery: 'me',
    recipientName: null,
    recipientAddress: null,
    kind: 'access',
    followUpOn: null,
    sentOn: null,
    dueOn: null,
    extensionReason: null,
    extendedDueOn: null,
    receivedOn: null,
    notes: null,
    createdAt: '',
    updatedAt: '',
    version: 1,
    ...over,
  };
}

export function specimenRequest(over: Partial<SpecimenRequest> = {}): SpecimenRequest {
  return {
    id: 's1',
    caseId: 'c1',
    patientId: 'p1',
    labName: 'Lakeside Pathology',
    labAddress: '1 Lake St\nChicago, IL 60601',
    labContact: null,
    specimens: [
      { accession: 'S26-1234', kind: 'stained_slides', count: 3 },
      { accession: 'S26-1234', kind: 'blocks', count: undefined },
    ],
    recipientName: 'University Cancer Center, Pathology',
    recipientAddress: '2 Main St\nBoston, MA 02115',
    recipientContact: 'Pat Lee',
    recipientPhone: '617-555-0100',
    requestedOn: null,
    sentOn: null,
    tracking: null,
    receivedOn: null,
    returnedOn: null,
    notes: null,
    createdAt: '',
    updatedAt: '',
    version: 1,
    ...over,
  };
}
