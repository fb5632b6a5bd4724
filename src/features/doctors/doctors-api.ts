import { z } from 'zod';
import { idParam } from '../../platform/validation.ts';
import { APPOINTMENT_MODES, type AppointmentRecord, type CandidateRecord, IN_NETWORK, PATHS } from './doctors.ts';
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
