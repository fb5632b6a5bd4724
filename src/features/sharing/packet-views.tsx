import type { CaseContext } from '../../platform/case-context.ts';
import type { Translate } from '../../platform/i18n/i18n.ts';
import { Alert, Checkboxes, ErrorSummary } from '../../platform/ui/components.tsx';
import type { FormState, PageContext } from '../../platform/ui/page-context.ts';
import { StepLayout } from '../../platform/ui/step-layout.tsx';
import { type DocumentRecord, formatBytes, kindKey } from '../records/documents.ts';
import { type CoverSummary, longDate, placementFor } from './packet.ts';
import { firstDoctorFacts, medicationLines, questionText, testLines } from './packet-pdf.ts';

// The packet page, and the cover summary component that the doctor's link page shows too.

export const packetHref = (caseId: string) => `/cases/${caseId}/packet`;

function FactList({ items, more, none, t }: { items: string[]; more: number; none: string; t: Translate }) {
  if (items.length === 0) return <p>{none}</p>;
  return (
    <>
      <ul class="usa-list">
        {items.map((i) => (
          <li>{i}</li>
        ))}
      </ul>
      {more > 0 ? <p class="so-meta">{t('packet.cover.more', { count: more })}</p> : null}
    </>
  );
}

/**
 * The cover summary: who the patient is, what they ask, what the first doctor said, their
 * medicines, allergies, tests done and questions. Printable on its own. headingLevel lets
 * a page that already has an h2 for it nest the parts below.
 */
export function CoverSummaryView({
  cover,
  t,
  lang = 'en',
  headingLevel = 2,
}: {
  cover: CoverSummary;
  t: Translate;
  lang?: string;
  headingLevel?: 2 | 3;
}) {
  const date = (iso: string | null) => longDate(iso, lang);
  const H = headingLevel === 2 ? 'h3' : 'h4';
  const facts = firstDoctorFacts(cover, t, date);
  return (
    <div class="so-cover" data-cover-summary>
      <dl class="so-cover-patient">
        <dt>{t('packet.cover.patient')}</dt>
        <dd>{cover.patient.name}</dd>
        <dt>{t('packet.cover.dateOfBirth')}</dt>
        <dd>{cover.patient.dateOfBirth ? date(cover.patient.dateOfBirth) : t('packet.cover.notGiven')}</dd>
      </dl>
      <H>{t('packet.cover.questionHeading')}</H>
      <p>{questionText(cover, t)}</p>
      {cover.question.kind === 'no_diagnosis' && cover.question.symptoms ? (
        <p>{t('packet.cover.symptoms', { symptoms: cover.question.symptoms })}</p>
      ) : null}
      <H>{t('packet.cover.firstDoctorHeading')}</H>
      {facts.length === 0 ? (
        <p>{t('packet.cover.nothingRecorded')}</p>
      ) : (
        <dl>
          {facts.map(([label, value]) => (
            <>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </>
          ))}
        </dl>
      )}
      <H>{t('packet.cover.medicationsHeading')}</H>
      <FactList
        items={medicationLines(cover, t, date)}
        more={cover.more.medications}
        none={t('packet.cover.noneFound')}
        t={t}
      />
      <H>{t('packet.cover.allergiesHeading')}</H>
      <FactList
        items={cover.allergies.map((a) => [a.name, a.reaction].filter(Boolean).join(': '))}
        more={cover.more.allergies}
        none={t('packet.cover.noneFound')}
        t={t}
      />
      <H>{t('packet.cover.testsHeading')}</H>
      <FactList
        items={testLines(cover, t, date)}
        more={cover.more.testsDone}
        none={t('packet.cover.noneFound')}
        t={t}
      />
      <H>{t('packet.cover.questionsHeading')}</H>
      {cover.questions.length === 0 ? (
        <p>{t('packet.cover.noQuestions')}</p>
      ) : (
        <ol class="usa-list">
          {cover.questions.map((q) => (
            <li>
              {q.text}
              {q.important ? <strong> ({t('packet.cover.important')})</strong> : null}
            </li>
          ))}
        </ol>
      )}
      {cover.more.questions > 0 ? (
        <p class="so-meta">{t('packet.cover.more', { count: cover.more.questions })}</p>
      ) : null}
      <p class="so-meta">{t('packet.cover.source')}</p>
    </div>
  );
}

export function PacketPage({
  ctx,
  c,
  cover,
  documents,
  form,
}: {
  ctx: PageContext;
  c: CaseContext;
  cover: CoverSummary;
  documents: DocumentRecord[];
  form: FormState;
}) {
  const t = ctx.t;
  const choices = documents.map((d) => ({
    value: d.id,
    label: d.title,
    hint: [
      t(kindKey(d.kind)),
      d.documentDate ? longDate(d.documentDate, ctx.lang) : null,
      formatBytes(d.sizeBytes),
      t(placementFor(d.detectedType) === 'zip_only' ? 'packet.choose.zipOnly' : 'packet.choose.pdfOnly'),
    ]
      .filter(Boolean)
      .join(' · '),
  }));
  const download = `${packetHref(c.id)}/download`;
  return (
    <StepLayout ctx={ctx} c={c} title={t('packet.title')}>
      <h1>{t('packet.title')}</h1>
      <div class="usa-prose so-no-print">
        <p>{t('packet.intro')}</p>
      </div>
      <ErrorSummary ctx={ctx} form={form} />
      {documents.length === 0 ? (
        <Alert type="info" slim>
          <p>
            {t('packet.choose.none')} <a href={`/cases/${c.id}/records/upload`}>{t('packet.choose.addRecords')}</a>
          </p>
        </Alert>
      ) : (
        // A GET form: choosing and downloading change nothing, and without script the
        // browser simply downloads the file the button asks for.
        <form class="usa-form usa-form--large so-no-print" method="get" action={download} data-packet-form novalidate>
          <input type="hidden" name="chosen" value="1" />
          <Checkboxes
            ctx={ctx}
            form={form}
            name="documentIds"
            legend="packet.choose.legend"
            hint="packet.choose.hint"
            choices={choices}
          />
          <h2>{t('packet.download.heading')}</h2>
          <p class="usa-hint" id="pdf-hint">
            {t('packet.download.pdfHint')}
          </p>
          <p class="usa-hint" id="zip-hint">
            {t('packet.download.zipHint')}
          </p>
          <div class="usa-button-group">
            <button class="usa-button" type="submit" name="format" value="pdf" aria-describedby="pdf-hint">
              {t('packet.download.pdf')}
            </button>
            <button
              class="usa-button usa-button--outline"
              type="submit"
              name="format"
              value="zip"
              aria-describedby="zip-hint"
            >
              {t('packet.download.zip')}
            </button>
          </div>
          <div class="so-upload-progress" data-packet-progress hidden>
            <progress max={100} value={0} aria-labelledby="packet-status" data-packet-bar></progress>
            <p id="packet-status" role="status" aria-live="polite" data-packet-status></p>
          </div>
          <template data-packet-messages>
            <span data-msg="building">{t('packet.download.building')}</span>
            <span data-msg="progress">{t('packet.download.progress', { percent: '{percent}' })}</span>
            <span data-msg="done">{t('packet.download.done')}</span>
            <span data-msg="failed">{t('packet.download.failed')}</span>
            <span data-msg="empty">{t('packet.errors.empty')}</span>
          </template>
        </form>
      )}
      <section aria-labelledby="preview-heading" class="margin-top-4">
        <h2 id="preview-heading">{t('packet.preview.heading')}</h2>
        <p class="usa-hint so-no-print">{t('packet.preview.hint')}</p>
        <p class="so-no-print">
          <a class="usa-button usa-button--outline" href="#" data-print hidden>
            {t('packet.print')}
          </a>
        </p>
        <CoverSummaryView cover={cover} t={t} lang={ctx.lang} />
      </section>
    </StepLayout>
  );
}
