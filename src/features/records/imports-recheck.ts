import type { AuditFacts } from '../../platform/audit/audit.ts';
import { appendAuditEntries } from '../../platform/audit/audit-store.ts';
import type { Deps } from '../../platform/deps.ts';
import type { BlobStore } from '../../platform/storage/blob-store.ts';
import type { DetectedType, PatientCheckStatus } from './documents.ts';
import { type AnalyseLimits, patientsNamedIn } from './documents-analyse.ts';
import { listUncheckedImports } from './documents-store.ts';
import { decideIdentity, type Identity, namedPeople } from './patient-match.ts';

// The one-time check of portal files imported before whose-record checking existed
// (ADR 0146). Run at start, before the app answers anyone, so the packet, share links, the
// FHIR export and tests done never see an unchecked older import that names someone else.
// It runs once per document: each gets a status, and only rows still without one are read.
// Bounded: a page of rows at a time, each file read up to the import size limit, one
// transaction per page (status and audit entry together). Logs counts only, never names.

export interface OlderImportsReport {
  /** Older portal files looked at. */
  checked: number;
  matched: number;
  /** Naming someone else (or several people): held out of the case until someone reviews them. */
  held: number;
  /** Naming nobody, or unreadable: left in the case, shown as not checked. */
  notChecked: number;
}

const PAGE = 25;

export async function checkOlderImports(
  deps: Deps,
  store: BlobStore,
  limits: AnalyseLimits,
): Promise<OlderImportsReport> {
  const report: OlderImportsReport = { checked: 0, matched: 0, held: 0, notChecked: 0 };
  let after = '';
  for (;;) {
    const rows = await listUncheckedImports(deps.db, after, PAGE);
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.id;
    const decided: { id: string; patientId: string; status: PatientCheckStatus; named: Identity[] }[] = [];
    for (const r of rows) {
      let status: PatientCheckStatus = 'not_checked';
      let named: Identity[] = [];
      try {
        const handle = store.handleFor({ id: r.blob_id, storage_key: r.storage_key, wrapped_key: r.wrapped_key });
        const files = await patientsNamedIn(
          store,
          handle,
          Number(r.size_bytes),
          r.detected_type as DetectedType,
          limits,
        );
        const d = decideIdentity(files, { name: r.display_name, birthDate: r.date_of_birth });
        named = files ? namedPeople(files) : [];
        // Several people in one file is someone else's record too: a person decides.
        status =
          d.kind === 'matched' ? 'matched' : d.kind === 'mismatch' || d.kind === 'several' ? 'mismatch' : 'not_checked';
      } catch {
        // A file that cannot be read again stays in the case, marked as not checked.
        status = 'not_checked';
      }
      decided.push({ id: r.id, patientId: r.patient_id, status, named });
    }
    await deps.db.transaction().execute(async (trx) => {
      const at = deps.clock.now().toISOString();
      const facts: AuditFacts[] = [];
      for (const x of decided) {
        // Another process may have checked it meanwhile: only a row still unchecked is set.
        const res = await trx
          .updateTable('documents')
          .set({
            patient_check: x.status,
            patient_named: x.named.length ? JSON.stringify(x.named) : null,
            patient_checked_by: null,
            patient_checked_at: at,
          })
          .where('id', '=', x.id)
          .where('patient_check', 'is', null)
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) continue;
        report.checked++;
        if (x.status === 'matched') report.matched++;
        else if (x.status === 'mismatch') report.held++;
        else report.notChecked++;
        facts.push({
          at,
          actorType: 'system',
          actorId: null,
          action: 'document.patient_check',
          patientId: x.patientId,
          objectType: 'document',
          objectId: x.id,
          ip: null,
          via: null,
        });
      }
      await appendAuditEntries(trx, facts);
    });
  }
  return report;
}
