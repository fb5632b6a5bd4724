// Background jobs: the status page of work started by a person (ADR 0022, 0023).
export const jobs = {
  'jobs.title': 'Work in progress',
  'jobs.kind.records.import': 'Reading your health record file',
  'jobs.kind.other': 'Work started by you',
  'jobs.state.queued': 'Waiting to start. Other work may be ahead of it.',
  'jobs.state.running': 'Working on it now.',
  'jobs.state.done': 'Finished.',
  'jobs.state.failed': 'This could not be finished.',
  'jobs.progress': '{done} of {total} parts read',
  'jobs.progressUnknown': 'Started.',
  'jobs.tries': 'Try {attempt} of {max}.',
  'jobs.retrying': 'The last try did not work. It will be tried again by itself: {error}',
  'jobs.refreshNote': 'This page updates itself every few seconds. You can also leave it; the work goes on.',
  'jobs.refresh': 'Check again now',
  'jobs.back': 'Back to your dashboard',
  'jobs.result.records.import':
    '{added} new items were added to the record ({read} read; the rest were already there).',
  'jobs.import.gone': 'The file was removed before it could be read.',
  'jobs.import.notPortal': 'This file is not a C-CDA or FHIR health record file, so there is nothing to read from it.',
  'jobs.import.tooLarge': 'This file is larger than the import limit of 50 MB.',
} as const;
