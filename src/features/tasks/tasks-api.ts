import { z } from 'zod';
import { idParam } from '../../platform/validation.ts';
import { newTaskSchema, taskPatchSchema } from './tasks.ts';

// The tasks API's shapes: what each operation takes and answers. Routes stay adapters (ADR 0014).

export const taskOut = z.object({
  id: z.string(),
  caseId: z.string(),
  step: z.string(),
  kind: z.string(),
  title: z.string(),
  dueOn: z.string().nullable(),
  dueState: z.enum(['done', 'overdue', 'due_today', 'due_soon', 'later', 'no_date']),
  doneAt: z.string().nullable(),
  createdAt: z.string(),
  version: z
    .number()
    .int()
    .describe('Raised by one on every change; also the ETag. Send it in If-Match to change only that version.'),
});

const caseParams = z.object({ caseId: idParam });

/** Each operation's schema: tags, summary, params, body and answers (also the OpenAPI document). */
export const ops = {
  /** GET /api/v1/cases/:caseId/tasks */
  getTasks: {
    tags: ['tasks'],
    summary: 'Every task of a case (from any step, and the person’s own), most pressing first',
    params: caseParams,
    response: { 200: z.object({ tasks: z.array(taskOut) }) },
  },
  /** POST /api/v1/cases/:caseId/tasks */
  postTasks: {
    tags: ['tasks'],
    summary: 'Add your own task, with an optional due date (today or later)',
    params: caseParams,
    body: newTaskSchema,
    response: { 201: taskOut },
  },
  /** PATCH /api/v1/cases/:caseId/tasks/:taskId */
  patchTask: {
    tags: ['tasks'],
    summary:
      'Mark a task done or not done, or change its due date (null clears it). With If-Match, a task changed meanwhile is not changed: 412.',
    params: z.object({ caseId: idParam, taskId: idParam }),
    body: taskPatchSchema,
    response: { 200: taskOut },
  },
  /** GET /api/v1/cases/:caseId/calendar.ics */
  getCalendarIcs: {
    tags: ['tasks'],
    summary: 'The case’s appointments and open due dates as an iCalendar (.ics) file (text/calendar)',
    params: caseParams,
    response: {},
  },
};
