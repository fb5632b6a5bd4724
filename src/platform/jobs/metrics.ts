import type { JobQueue } from './queue.ts';

// The queue's numbers for the /metrics endpoint (issue 14 item 4). The metrics module reads
// them with one call when it is scraped, so the queue needs no metrics library of its own.
// Depth and failed jobs come from the table (true for every process sharing the database);
// the totals are this process's own since it started, as Prometheus counters expect.

export interface JobMetric {
  name: string;
  help: string;
  type: 'gauge' | 'counter';
  value: number;
}

export async function readJobMetrics(jobs: JobQueue): Promise<JobMetric[]> {
  const s = await jobs.stats();
  const c = jobs.counters();
  return [
    { name: 'second_opinion_jobs_queued', help: 'Jobs waiting to run (all processes)', type: 'gauge', value: s.queued },
    { name: 'second_opinion_jobs_running', help: 'Jobs running now (all processes)', type: 'gauge', value: s.running },
    {
      name: 'second_opinion_jobs_failed',
      help: 'Jobs that stopped for good and are still listed (all processes; removed after 14 days)',
      type: 'gauge',
      value: s.failed,
    },
    {
      name: 'second_opinion_jobs_oldest_queued_seconds',
      help: 'Age of the oldest job waiting to run',
      type: 'gauge',
      value: s.oldestQueuedSeconds,
    },
    { name: 'second_opinion_jobs_active', help: 'Jobs this process is running', type: 'gauge', value: jobs.active() },
    { name: 'second_opinion_jobs_done_total', help: 'Jobs this process finished', type: 'counter', value: c.done },
    {
      name: 'second_opinion_jobs_failed_total',
      help: 'Jobs this process marked failed',
      type: 'counter',
      value: c.failed,
    },
    {
      name: 'second_opinion_job_tries_failed_total',
      help: 'Tries that failed in this process, retried or not',
      type: 'counter',
      value: c.failedTries,
    },
  ];
}
