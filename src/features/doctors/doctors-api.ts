import { z } from 'zod';
import type { ApiSchema } from '../../platform/http/case-route.ts';
import { idParam } from '../../platform/validation.ts';
import {
  APPOINTMENT_MODES,
  type AppointmentRecord,
  apiAppointmentSchema,
  appointmentPatchSchema,
  type CandidateRecord,
  candidatePatchSchema,
  candidateSchema,
  IN_NETWORK,
  PATHS,
  pathSchema,
} from './doctors.ts';
import type { DoctorsOverview } from './doctors-actions.ts';

// The doctors step's JSON shapes (OpenAPI) and how records are presented in them. Pure.

const versionField = z
  .number()
  .int()
  .describe('Raised by one on every change; also the ETag. Send it in If-Match to change only that version.');

export const caseParams = z.object({ caseId: idParam });
export const doctorParams = z.object({ caseId: idParam, doctorId: idParam });
export const appointmentParams = z.object({ caseId: idParam, appointmentId: idParam });

export const candidateOut = z.object({
  id: z.string(),
  name: z.string(),
  specialty: z.string().nullable(),
  practice: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  inNetwork: z.enum(IN_NETWORK),
  notes: z.string().nullable(),
  npi: z.string().nullable(),
  source: z.string(),
  createdAt: z.string(),
  version: versionField,
});

export const appointmentOut = z.object({
  id: z.string(),
  doctorId: z.string(),
  doctorName: z.string(),
  date: z.string(),
  time: z.string(),
  mode: z.enum(APPOINTMENT_MODES),
  place: z.string().nullable(),
  notes: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  createdAt: z.string(),
  version: versionField,
});

export const doctorsOut = z.object({
  path: z.enum(PATHS),
  referralAskedOn: z.string().nullable(),
  candidates: z.array(candidateOut),
  appointments: z.array(appointmentOut),
});

export const appointmentsOut = z.object({ appointments: z.array(appointmentOut) });

export const presentCandidate = (d: CandidateRecord): z.infer<typeof candidateOut> => ({
  id: d.id,
  name: d.name,
  specialty: d.specialty,
  practice: d.practice,
  phone: d.phone,
  address: d.address,
  inNetwork: d.inNetwork,
  notes: d.notes,
  npi: d.npi,
  source: d.source,
  createdAt: d.createdAt,
  version: d.version,
});

export const presentAppointment = (a: AppointmentRecord): z.infer<typeof appointmentOut> => ({
  id: a.id,
  doctorId: a.candidateId,
  doctorName: a.doctorName,
  date: a.date,
  time: a.time,
  mode: a.mode,
  place: a.place,
  notes: a.notes,
  cancelledAt: a.cancelledAt,
  createdAt: a.createdAt,
  version: a.version,
});

export const presentDoctors = (o: DoctorsOverview): z.infer<typeof doctorsOut> => ({
  path: o.path?.path ?? 'undecided',
  referralAskedOn: o.path?.referralAskedOn ?? null,
  candidates: o.candidates.map(presentCandidate),
  appointments: o.appointments.map(presentAppointment),
});

const tags = ['doctors'];

/** Each API operation's description (OpenAPI), by name; the routes pair them with a URL and an action. */
export const doctorsApi = {
  overview: {
    tags,
    summary: 'The chosen path, the doctors on the case’s list, and appointments',
    params: caseParams,
    response: { 200: doctorsOut },
  },
  choosePath: {
    tags,
    summary: 'Choose the path: a referral from your own doctor, or on your own',
    params: caseParams,
    body: pathSchema,
    response: { 200: doctorsOut },
  },
  addDoctor: {
    tags,
    summary: 'Add a doctor to the case’s list',
    params: caseParams,
    body: candidateSchema,
    response: { 201: candidateOut },
  },
  appointments: {
    tags,
    summary: 'Appointments: upcoming first, then past, then cancelled',
    params: caseParams,
    response: { 200: appointmentsOut },
  },
  bookAppointment: {
    tags,
    summary: 'Add an appointment (today or later) with a doctor on the case’s list',
    params: caseParams,
    body: apiAppointmentSchema,
    response: { 201: appointmentOut },
  },
  doctor: {
    tags,
    summary: 'One doctor on the case’s list',
    params: doctorParams,
    response: { 200: candidateOut },
  },
  changeDoctor: {
    tags,
    summary: 'Change some of a doctor’s details. With If-Match, a doctor changed meanwhile is not changed: 412.',
    params: doctorParams,
    body: candidatePatchSchema,
    response: { 200: candidateOut },
  },
  appointment: {
    tags,
    summary: 'One appointment',
    params: appointmentParams,
    response: { 200: appointmentOut },
  },
  changeAppointment: {
    tags,
    summary:
      'Change some of an appointment’s details (not to a day that has passed). ' +
      'With If-Match, an appointment changed meanwhile is not changed: 412.',
    params: appointmentParams,
    body: appointmentPatchSchema,
    response: { 200: appointmentOut },
  },
  removeDoctor: {
    tags,
    summary:
      'Take a doctor off the case’s list (kept for the visits and answers that name them). ' +
      'With If-Match, a doctor changed meanwhile is not taken off: 412.',
    params: doctorParams,
    response: { 204: z.null() },
  },
  cancelAppointment: {
    tags,
    summary: 'Cancel an appointment (it stays on the list, marked cancelled). With If-Match: 412 if changed meanwhile.',
    params: appointmentParams,
    response: { 204: z.null() },
  },
} satisfies Record<string, ApiSchema>;
