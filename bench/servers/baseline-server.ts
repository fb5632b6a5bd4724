// The baseline for the dashboard benchmark: plain node:http + better-sqlite3 + preact,
// doing the same work as the real route (look up the session, read the user's cases
// across patients, append one audit entry per patient to the hash chain, render the same
// page) with no framework, no plugins and no query builder.
import crypto from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { h } from 'preact';
import { render } from 'preact-render-to-string';
import type { CaseRecord, Urgency } from '../../src/features/cases/cases.ts';
import { DashboardPage } from '../../src/features/cases/cases-views.tsx';
import { hashEntry } from '../../src/platform/audit/audit.ts';
import { translator } from '../../src/platform/i18n/i18n.ts';

const db = new SQLite(path.join(process.env.DATA_DIR!, 'second-opinion.db'));
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL'); // as the app commits page views (ADR 0007)
db.pragma('busy_timeout = 5000');

const session = db.prepare(
  'select s.user_id, u.display_name from sessions s join users u on u.id = s.user_id where s.id = ? and s.expires_at > ?',
);
const patients = db.prepare(
  'select p.id, p.display_name, p.self_user_id from memberships m join patients p on p.id = m.patient_id where m.user_id = ? and m.removed_at is null order by p.display_name',
);
const cases = db.prepare(
  `select c.*, p.display_name as patient_name from cases c join patients p on p.id = c.patient_id
   join memberships m on m.patient_id = c.patient_id and m.user_id = ? and m.removed_at is null
   where c.archived_at is null order by c.updated_at desc`,
);
const openTasks = db.prepare(
  `select t.* from tasks t join cases c on c.id = t.case_id
   join memberships m on m.patient_id = t.patient_id and m.user_id = ? and m.removed_at is null
   where t.done_at is null and c.archived_at is null`,
);
const bump = db.prepare('update audit_head set seq = seq + 1 where id = 1 returning seq, hash');
const insertAudit = db.prepare(
  'insert into audit_log (seq, at, actor_type, actor_id, action, patient_id, object_type, object_id, ip, via, prev_hash, hash) values (?,?,?,?,?,?,?,?,?,?,?,?)',
);
const setHash = db.prepare('update audit_head set hash = ? where id = 1');
const t = translator('en');
const assets = { uswdsCss: '/a.css', appCss: '/b.css', uswdsInitJs: '/c.js', uswdsJs: '/d.js', appJs: '/e.js' };

const dashboard = db.transaction((userId: string, ip: string) => {
  const ps = patients.all(userId) as { id: string; display_name: string; self_user_id: string | null }[];
  const rows = cases.all(userId) as Record<string, string | null>[];
  const tasks = openTasks.all(userId) as Record<string, string | null>[];
  const at = new Date().toISOString();
  const audited: [string, string][] = [...new Set(rows.map((r) => r.patient_id!))].map((pid) => ['case.list', pid]);
  audited.push(...[...new Set(tasks.map((r) => r.patient_id!))].map((pid): [string, string] => ['task.list', pid]));
  for (const [action, pid] of audited) {
    const head = bump.get() as { seq: number; hash: string };
    const facts = {
      at,
      actorType: 'user' as const,
      actorId: userId,
      action,
      patientId: pid,
      objectType: 'patient',
      objectId: pid,
      ip,
      via: 'web',
    };
    const hash = hashEntry(head.seq, head.hash, facts);
    insertAudit.run(head.seq, at, 'user', userId, action, pid, 'patient', pid, ip, 'web', head.hash, hash);
    setHash.run(hash);
  }
  return { ps, rows, tasks };
});

const server = http.createServer((req, res) => {
  const cookie = /so_session=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
  const s = cookie
    ? (session.get(crypto.createHash('sha256').update(cookie).digest('hex'), new Date().toISOString()) as
        | { user_id: string; display_name: string }
        | undefined)
    : undefined;
  if (!s) {
    res.writeHead(303, { location: '/sign-in' }).end();
    return;
  }
  const { ps, rows, tasks } = dashboard(s.user_id, req.socket.remoteAddress ?? '');
  const list: CaseRecord[] = rows.map((r) => ({
    id: r.id!,
    patientId: r.patient_id!,
    patientName: r.patient_name!,
    title: r.title!,
    diagnosisStatus: r.diagnosis_status as 'diagnosed',
    diagnosis: r.diagnosis ?? null,
    symptoms: r.symptoms ?? null,
    proposedTreatment: r.proposed_treatment ?? null,
    doctorName: r.doctor_name ?? null,
    doctorSpecialty: r.doctor_specialty ?? null,
    toldOn: r.told_on ?? null,
    urgency: r.urgency as Urgency,
    status: r.status as 'open',
    createdAt: r.created_at!,
    updatedAt: r.updated_at!,
    archivedAt: r.archived_at ?? null,
    version: 1,
  }));
  const html =
    '<!doctype html>' +
    render(
      h(DashboardPage, {
        ctx: {
          t,
          lang: 'en',
          csrf: 'x',
          user: { displayName: s.display_name },
          textSize: 'normal',
          path: '/dashboard',
          flash: null,
          assets,
        },
        cases: list,
        patients: ps.map((p) => ({ id: p.id, label: p.display_name })),
        filterPatient: null,
        archived: false,
        due: tasks.map((r) => ({
          id: r.id!,
          caseId: r.case_id!,
          patientId: r.patient_id!,
          step: r.step!,
          kind: r.kind!,
          title: r.title!,
          dueOn: r.due_on ?? null,
          doneAt: null,
          sourceType: r.source_type ?? null,
          sourceId: r.source_id ?? null,
          createdAt: r.created_at!,
          version: 1,
        })),
        today: new Date().toISOString().slice(0, 10),
      }),
    );
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(html);
});
server.listen(0, '127.0.0.1', () => {
  const a = server.address();
  console.log(`listening ${typeof a === 'object' && a ? a.port : 0}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
