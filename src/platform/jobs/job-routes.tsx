import { h } from 'preact';
import { z } from 'zod';
import type { FeatureRegistrar } from '../http/app.ts';
import { requireUser, sendPage } from '../http/context.ts';
import { notFound } from '../http/errors.ts';
import { isMessageKey } from '../i18n/i18n.ts';
import { Alert } from '../ui/components.tsx';
import { Layout } from '../ui/layout.tsx';
import type { PageContext } from '../ui/page-context.ts';
import { idParam } from '../validation.ts';
import type { JobView } from './queue.ts';

// The status of work a person started (an import...), as a page and as JSON. Only the
// person who started it sees it; anyone else gets 404, as if it did not exist. It shows
// states, counts and plain messages, never health facts, so looking is not audited (a page
// that refreshes every few seconds would fill the audit log with nothing).

/** Seconds between refreshes of the page while the job waits or runs (works without JavaScript). */
export const REFRESH_SECONDS = 3;

const jobOut = z.object({
  id: z.string(),
  kind: z.string(),
  state: z.enum(['queued', 'running', 'done', 'failed']),
  progress: z.object({ done: z.number().int(), total: z.number().int().nullable() }),
  attempts: z.number().int().describe('Tries so far'),
  maxAttempts: z.number().int().describe('Tries before the job is marked failed'),
  error: z.string().nullable().describe('Plain words about the last failed try, or why it failed'),
  result: z.unknown().describe('What the job reports when done (counts, ids); its shape depends on kind'),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});

const present = (j: JobView): z.infer<typeof jobOut> => ({
  id: j.id,
  kind: j.kind,
  state: j.state,
  progress: j.progress,
  attempts: j.attempts,
  maxAttempts: j.maxAttempts,
  error: j.lastError,
  result: j.result,
  createdAt: j.createdAt,
  finishedAt: j.finishedAt,
});

const finished = (j: JobView) => j.state === 'done' || j.state === 'failed';

export function JobPage({ ctx, job }: { ctx: PageContext; job: JobView }) {
  const t = ctx.t;
  const kindKey = `jobs.kind.${job.kind}`;
  const title = isMessageKey(kindKey) ? t(kindKey) : t('jobs.kind.other');
  const resultKey = `jobs.result.${job.kind}`;
  const result = (job.result ?? {}) as { itemsAdded?: number; itemsRead?: number };
  return (
    <Layout ctx={ctx} title={title} crumbs={[[t('jobs.back'), '/dashboard'], [title]]}>
      <div class="usa-prose margin-y-4">
        <h1>{title}</h1>
        {job.state === 'failed' ? (
          <Alert type="error" heading={t('jobs.state.failed')} role="alert">
            <p>{job.lastError}</p>
          </Alert>
        ) : job.state === 'done' ? (
          <Alert type="success" heading={t('jobs.state.done')} role="status">
            {isMessageKey(resultKey) ? (
              <p>{t(resultKey, { added: String(result.itemsAdded ?? 0), read: String(result.itemsRead ?? 0) })}</p>
            ) : null}
          </Alert>
        ) : (
          <Alert
            type="info"
            heading={t(job.state === 'queued' ? 'jobs.state.queued' : 'jobs.state.running')}
            role="status"
          >
            <p>
              {job.progress.total
                ? t('jobs.progress', { done: String(job.progress.done), total: String(job.progress.total) })
                : t('jobs.progressUnknown')}
            </p>
            {job.progress.total ? (
              <progress max={job.progress.total} value={job.progress.done}>
                {Math.round((100 * job.progress.done) / job.progress.total)}%
              </progress>
            ) : null}
            {job.attempts > 1 || (job.state === 'queued' && job.lastError) ? (
              <p>
                {t('jobs.tries', { attempt: String(job.attempts), max: String(job.maxAttempts) })}{' '}
                {job.lastError ? t('jobs.retrying', { error: job.lastError }) : null}
              </p>
            ) : null}
          </Alert>
        )}
        {finished(job) ? null : (
          <p>
            {t('jobs.refreshNote')} <a href={`/jobs/${encodeURIComponent(job.id)}`}>{t('jobs.refresh')}</a>
          </p>
        )}
        <p>
          <a href="/dashboard">{t('jobs.back')}</a>
        </p>
      </div>
    </Layout>
  );
}

export function registerJobRoutes(): FeatureRegistrar {
  return (app, deps, ui) => {
    const mine = async (userId: string, id: string): Promise<JobView> => {
      const job = await deps.jobs.get(id);
      if (!job || job.ownerUserId !== userId) throw notFound();
      return job;
    };

    app.get(
      '/jobs/:jobId',
      { config: { access: 'user' }, schema: { hide: true, params: z.object({ jobId: idParam }) } },
      async (req, reply) => {
        const user = requireUser(req);
        const job = await mine(user.userId, req.params.jobId);
        // The browser asks again by itself until the work is over (no JavaScript needed).
        if (!finished(job)) reply.header('Refresh', String(REFRESH_SECONDS));
        return sendPage(reply, h(JobPage, { ctx: ui.page(req), job }));
      },
    );

    app.get(
      '/api/v1/jobs/:jobId',
      {
        config: { access: 'user' },
        schema: {
          tags: ['jobs'],
          summary: 'The state, progress and outcome of work you started (an import, for example)',
          params: z.object({ jobId: idParam }),
          response: { 200: jobOut },
        },
      },
      async (req) => {
        const user = requireUser(req);
        return present(await mine(user.userId, req.params.jobId));
      },
    );
  };
}
