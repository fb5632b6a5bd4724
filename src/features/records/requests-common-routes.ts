import { formatCalendarDate } from '../../platform/dates.ts';
import { afterCommit, file, type Outcome } from '../../platform/http/case-route.ts';
import type { FormParse } from '../../platform/http/context.ts';
import { invalid } from '../../platform/http/errors.ts';
import type { MessageKey, Translate } from '../../platform/i18n/i18n.ts';
import type { FieldErrors, FormState, FormValues } from '../../platform/ui/page-context.ts';
import { staleWrite } from '../../platform/versions.ts';
import type { Letter } from './requests.ts';
import type { StepResult } from './requests-common.ts';
import { letterPdf } from './requests-pdf.ts';

// The route adapters records requests and specimen requests share (ADR 0155): a tracking
// step posted from a page, a step through the API, and a letter as a PDF.

/** The API's answer to a step: the saved request, or 400 with the reason in words (412 is thrown before). */
export function stepAnswer<R>(res: StepResult<R>): R {
  if (res.ok) return res.r;
  if ('stale' in res) throw staleWrite();
  throw invalid(res.errors, res.errors.action ?? 'errors.invalid');
}

/** A request's page with its tracking forms; `stale` names the step saved from an older version. */
export type StepPage = (forms?: Record<string, FormState>, status?: number, stale?: string) => Promise<Outcome>;

/**
 * A tracking step posted from a page: saved (the caller's redirect), refused (the page again
 * with the message under the field `place` names), or made on an older version (409: the
 * page again, what is saved now beside what was asked, nothing changed).
 */
export async function trackedPage<I, R extends { version: number }>(
  form: FormValues,
  action: string,
  parsed: FormParse<I>,
  place: (field: string) => string,
  h: {
    track: (input: I) => Promise<StepResult<R>>;
    done: (saved: R, input: I) => Outcome;
    again: StepPage;
  },
): Promise<Outcome> {
  const placed = (errors: FieldErrors) =>
    Object.fromEntries(Object.entries(errors).map(([k, v]) => [place(k), v])) as FieldErrors;
  if (!parsed.ok) return h.again({ [action]: { values: form, errors: placed(parsed.errors) } }, 400);
  const res = await h.track(parsed.data);
  if (res.ok) return h.done(res.r, parsed.data);
  if ('stale' in res)
    return h.again({ [action]: { values: { ...form, version: String(res.stale.version) }, errors: {} } }, 409, action);
  return h.again({ [action]: { values: form, errors: placed(res.errors) } }, 400);
}

/** A letter as a PDF. Laying out the pages needs nothing from the database: after the commit. */
export function letterOutcome(
  build: (t: Translate, day: (iso: string) => string) => Letter,
  t: Translate,
  title: MessageKey,
  fileName: string,
): Outcome {
  const letter = build(t, (iso) => formatCalendarDate(iso, 'en-US'));
  return afterCommit(async () => file(await letterPdf(letter, { title: t(title) }), 'application/pdf', fileName));
}
