import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApiToken } from '../../src/platform/auth/sessions.ts';
import { buildAppointment, buildCall, buildCandidate, buildPlan, buildTask } from '../builders/doctors-tasks.ts';
import { addHelper, type BuiltUser, buildCase, buildUser } from '../builders/index.ts';
import { buildOpinion } from '../builders/opinions.ts';
import { buildQuestionList } from '../builders/questions.ts';
import { buildDocument, buildRecordRequest, buildSpecimenRequest } from '../builders/records.ts';
import { buildShare } from '../builders/sharing.ts';
import { buildTestApp, type DialectName, type TestApp } from '../helpers/test-app.ts';
import type { KnownIds } from './openapi-requests.ts';

/**
 * What the fuzz tests work on: a real user who owns a real case with one of every kind of
 * record, so fuzzed requests get past sign-in and reach real rows. ClinicalTrials.gov is a
 * local stub: the fuzz tests this app, not the network.
 */
export interface FuzzWorld {
  t: TestApp;
  user: BuiltUser;
  ids: KnownIds;
  shareToken: string;
  close(): Promise<void>;
}

export async function buildFuzzWorld(dialect: DialectName): Promise<FuzzWorld> {
  const trials = http.createServer((_req, res) =>
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"studies":[],"totalCount":0}'),
  );
  await new Promise<void>((resolve) => trials.listen(0, '127.0.0.1', resolve));
  const port = (trials.address() as AddressInfo).port;
  const t = await buildTestApp(dialect, { env: { CLINICALTRIALS_URL: `http://127.0.0.1:${port}/api/v2` } });
  const user = await buildUser(t, { dateOfBirth: '1956-04-28' });
  const helper = await buildUser(t);
  const caseId = await buildCase(t.deps, user);
  const membershipId = await addHelper(t.deps, user.patientId, helper, user.userId);
  const documentId = await buildDocument(t, user, caseId);
  const opinions = [
    await buildOpinion(t.deps, user, caseId, { givenOn: '2026-10-01' }),
    await buildOpinion(t.deps, user, caseId, {
      givenOn: '2026-10-15',
      plan: [{ category: 'watchful_waiting', details: null }],
    }),
  ];
  const questions = await buildQuestionList(t.deps, user, caseId);
  await buildPlan(t.deps, user, caseId, { planType: 'private_ppo' });
  await buildCall(t.deps, user, caseId);
  const doctorId = await buildCandidate(t.deps, user, caseId);
  const appointmentId = await buildAppointment(t.deps, user, caseId, doctorId);
  const taskId = await buildTask(t.deps, user, caseId);
  const requestId = await buildRecordRequest(t, user, caseId);
  const specimenRequestId = await buildSpecimenRequest(t, user, caseId);
  const share = await buildShare(t, user, caseId, { documentIds: [documentId] });
  // A second token of the same user: revoking it must not end the run.
  const { id: tokenId } = await createApiToken(t.deps.db, t.deps.clock, user.userId, 'spare');
  const byParam: Record<string, string[]> = {
    caseId: [caseId],
    patientId: [user.patientId],
    membershipId: [membershipId],
    documentId: [documentId],
    documentIds: [documentId],
    opinionId: opinions,
    followedOpinionId: opinions,
    a: opinions,
    b: opinions,
    questionId: [questions.questionId],
    questionDoctorId: [questions.doctorId],
    doctorId: [doctorId],
    appointmentId: [appointmentId],
    taskId: [taskId],
    requestId: [requestId],
    specimenRequestId: [specimenRequestId],
    shareId: [share.shareId],
    tokenId: [tokenId],
    token: [share.token],
    code: ['C50.912', 'C50', 'R10.0'],
  };
  return {
    t,
    user,
    ids: { byParam, any: [...new Set(Object.values(byParam).flat())] },
    shareToken: share.token,
    async close() {
      await t.close();
      await new Promise((resolve) => trials.close(resolve));
    },
  };
}
