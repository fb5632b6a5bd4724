import type { ComponentChildren } from 'preact';
import type { MessageKey } from '../i18n/i18n.ts';
import type { FormState, PageContext } from './page-context.ts';

// Form parts that follow the USWDS patterns: a visible label, an optional hint, the
// error message tied to the field with aria-describedby, and the typed value kept.

interface FieldBase {
  ctx: PageContext;
  form: FormState;
  name: string;
  label: MessageKey;
  hint?: MessageKey;
  /** Hint text already translated (for hints that carry values). */
  hintText?: string;
  required?: boolean;
}

function describedBy(name: string, hasHint: boolean, hasError: boolean): string | undefined {
  const ids = [hasHint ? `${name}-hint` : '', hasError ? `${name}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function FieldShell(props: FieldBase & { children: ComponentChildren; labelFor?: string }) {
  const { ctx, form, name, label, hint, hintText } = props;
  const error = form.errors[name];
  const hasHint = !!(hint || hintText);
  return (
    <div class={`usa-form-group${error ? ' usa-form-group--error' : ''}`}>
      <label class={`usa-label${error ? ' usa-label--error' : ''}`} for={props.labelFor ?? name}>
        {ctx.t(label)}
        {props.required ? null : <span class="usa-hint"> {ctx.t('form.optional')}</span>}
      </label>
      {hasHint ? (
        <div class="usa-hint" id={`${name}-hint`}>
          {hintText ?? ctx.t(hint!)}
        </div>
      ) : null}
      {error ? (
        <span class="usa-error-message" id={`${name}-error`} role="alert">
          {ctx.t(error)}
        </span>
      ) : null}
      {props.children}
    </div>
  );
}

export function TextInput(
  props: FieldBase & {
    type?: 'text' | 'email' | 'password' | 'tel' | 'date' | 'search';
    autocomplete?: string;
    inputMode?: string;
    maxLength?: number;
    width?: 'sm' | 'md' | 'lg';
  },
) {
  const { form, name } = props;
  const error = form.errors[name];
  const keepValue = props.type !== 'password';
  return (
    <FieldShell {...props}>
      <input
        class={`usa-input${error ? ' usa-input--error' : ''}${props.width ? ` usa-input--${props.width}` : ''}`}
        id={name}
        name={name}
        type={(props.type ?? 'text') as 'text'}
        value={keepValue ? (form.values[name] ?? '') : ''}
        autocomplete={props.autocomplete}
        inputMode={props.inputMode as never}
        maxLength={props.maxLength}
        required={props.required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(name, !!(props.hint || props.hintText), !!error)}
      />
    </FieldShell>
  );
}

export function Textarea(props: FieldBase & { maxLength?: number; rows?: number }) {
  const { form, name } = props;
  const error = form.errors[name];
  return (
    <FieldShell {...props}>
      <textarea
        class={`usa-textarea${error ? ' usa-input--error' : ''}`}
        id={name}
        name={name}
        rows={props.rows ?? 4}
        maxLength={props.maxLength}
        required={props.required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(name, !!(props.hint || props.hintText), !!error)}
      >
        {form.values[name] ?? ''}
      </textarea>
    </FieldShell>
  );
}

/** A choice's label is a catalogue key, or (for names people typed) text as is. */
export type Choice = { value: string; hint?: MessageKey } & (
  | { label: MessageKey; text?: undefined }
  | { text: string; label?: undefined }
);

const choiceLabel = (ctx: PageContext, c: Choice) => (c.text !== undefined ? c.text : ctx.t(c.label));

export function Select(props: FieldBase & { choices: Choice[]; placeholder?: MessageKey }) {
  const { ctx, form, name } = props;
  const error = form.errors[name];
  const current = form.values[name] ?? '';
  return (
    <FieldShell {...props}>
      <select
        class={`usa-select${error ? ' usa-input--error' : ''}`}
        id={name}
        name={name}
        required={props.required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(name, !!(props.hint || props.hintText), !!error)}
      >
        <option value="">{ctx.t(props.placeholder ?? 'form.choose')}</option>
        {props.choices.map((c) => (
          <option value={c.value} selected={c.value === current}>
            {choiceLabel(ctx, c)}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

/**
 * The frame radio buttons and checkboxes share: a fieldset whose legend is the question,
 * then the hint and the error, tied to it with aria-describedby so a screen reader reads them.
 */
function ChoiceFieldset(props: {
  ctx: PageContext;
  form: FormState;
  name: string;
  legend: MessageKey;
  optional: boolean;
  hintText?: string;
  children: ComponentChildren;
}) {
  const { ctx, name } = props;
  const error = props.form.errors[name];
  const hasHint = props.hintText !== undefined;
  return (
    <div class={`usa-form-group${error ? ' usa-form-group--error' : ''}`}>
      <fieldset class="usa-fieldset" aria-describedby={describedBy(name, hasHint, !!error)}>
        <legend class={`usa-legend${error ? ' usa-label--error' : ''}`}>
          {ctx.t(props.legend)}
          {props.optional ? <span class="usa-hint"> {ctx.t('form.optional')}</span> : null}
        </legend>
        {hasHint ? (
          <div class="usa-hint" id={`${name}-hint`}>
            {props.hintText}
          </div>
        ) : null}
        {error ? (
          <span class="usa-error-message" id={`${name}-error`} role="alert">
            {ctx.t(error)}
          </span>
        ) : null}
        {props.children}
      </fieldset>
    </div>
  );
}

/** Radio buttons in a fieldset; the legend is the question. */
export function Radios(props: Omit<FieldBase, 'label'> & { legend: MessageKey; choices: Choice[]; tile?: boolean }) {
  const { ctx, form, name } = props;
  const current = form.values[name] ?? '';
  const hintText = props.hintText ?? (props.hint ? ctx.t(props.hint) : undefined);
  return (
    <ChoiceFieldset
      ctx={ctx}
      form={form}
      name={name}
      legend={props.legend}
      optional={!props.required}
      hintText={hintText}
    >
      {props.choices.map((c, i) => {
        const id = i === 0 ? name : `${name}-${c.value}`;
        return (
          <div class="usa-radio">
            <input
              class={`usa-radio__input${props.tile ? ' usa-radio__input--tile' : ''}`}
              id={id}
              type="radio"
              name={name}
              value={c.value}
              checked={c.value === current}
              required={props.required}
            />
            <label class="usa-radio__label" for={id}>
              {choiceLabel(ctx, c)}
              {c.hint ? <span class="usa-checkbox__label-description">{ctx.t(c.hint)}</span> : null}
            </label>
          </div>
        );
      })}
    </ChoiceFieldset>
  );
}

/**
 * Month / day / year in three boxes: the USWDS "memorable date" pattern, easier for
 * older users than a date picker. The parts are joined into name=YYYY-MM-DD on the server.
 */
export function MemorableDate(props: Omit<FieldBase, 'label'> & { legend: MessageKey }) {
  const { ctx, form, name } = props;
  const error = form.errors[name];
  const [y, m, d] = splitDate(form, name);
  const hasHint = !!(props.hint || props.hintText);
  const cls = `usa-input${error ? ' usa-input--error' : ''}`;
  return (
    <div class={`usa-form-group${error ? ' usa-form-group--error' : ''}`}>
      <fieldset class="usa-fieldset" aria-describedby={describedBy(name, hasHint, !!error)}>
        <legend class={`usa-legend${error ? ' usa-label--error' : ''}`}>
          {ctx.t(props.legend)}
          {props.required ? null : <span class="usa-hint"> {ctx.t('form.optional')}</span>}
        </legend>
        <span class="usa-hint" id={`${name}-hint`}>
          {props.hintText ?? ctx.t(props.hint ?? 'form.dateHint')}
        </span>
        {error ? (
          <span class="usa-error-message" id={`${name}-error`} role="alert">
            {ctx.t(error)}
          </span>
        ) : null}
        <div class="usa-memorable-date">
          <div class="usa-form-group usa-form-group--month">
            <label class="usa-label" for={name}>
              {ctx.t('form.month')}
            </label>
            <input
              class={cls}
              id={name}
              name={`${name}__month`}
              inputMode="numeric"
              maxLength={2}
              value={m}
              autocomplete={name === 'dateOfBirth' ? 'bday-month' : undefined}
            />
          </div>
          <div class="usa-form-group usa-form-group--day">
            <label class="usa-label" for={`${name}-day`}>
              {ctx.t('form.day')}
            </label>
            <input
              class={cls}
              id={`${name}-day`}
              name={`${name}__day`}
              inputMode="numeric"
              maxLength={2}
              value={d}
              autocomplete={name === 'dateOfBirth' ? 'bday-day' : undefined}
            />
          </div>
          <div class="usa-form-group usa-form-group--year">
            <label class="usa-label" for={`${name}-year`}>
              {ctx.t('form.year')}
            </label>
            <input
              class={cls}
              id={`${name}-year`}
              name={`${name}__year`}
              inputMode="numeric"
              maxLength={4}
              value={y}
              autocomplete={name === 'dateOfBirth' ? 'bday-year' : undefined}
            />
          </div>
        </div>
      </fieldset>
    </div>
  );
}

function splitDate(form: FormState, name: string): [string, string, string] {
  const v = form.values;
  if (v[`${name}__year`] !== undefined || v[`${name}__month`] !== undefined || v[`${name}__day`] !== undefined) {
    return [v[`${name}__year`] ?? '', v[`${name}__month`] ?? '', v[`${name}__day`] ?? ''];
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v[name] ?? '');
  return m ? [m[1]!, String(Number(m[2])), String(Number(m[3]))] : ['', '', ''];
}

/** The USWDS error summary: a list of links to each field that needs attention. */
export function ErrorSummary({ ctx, form }: { ctx: PageContext; form: FormState }) {
  const entries = Object.entries(form.errors);
  if (entries.length === 0) return null;
  return (
    <div
      class="usa-alert usa-alert--error"
      role="alert"
      tabIndex={-1}
      data-error-summary
      aria-labelledby="error-summary-heading"
    >
      <div class="usa-alert__body">
        <h2 class="usa-alert__heading" id="error-summary-heading">
          {ctx.t('form.errorSummary', { count: entries.length })}
        </h2>
        <ul class="usa-list usa-list--unstyled">
          {entries.map(([field, key]) => (
            <li>
              <a href={`#${field}`}>{ctx.t(key)}</a>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

export function Csrf({ ctx }: { ctx: PageContext }) {
  return <input type="hidden" name="_csrf" value={ctx.csrf} />;
}

export function Alert(props: {
  type: 'info' | 'success' | 'warning' | 'error' | 'emergency';
  heading?: string;
  children?: ComponentChildren;
  slim?: boolean;
  role?: 'alert' | 'status' | 'region';
}) {
  return (
    <div class={`usa-alert usa-alert--${props.type}${props.slim ? ' usa-alert--slim' : ''}`} role={props.role}>
      <div class="usa-alert__body">
        {props.heading ? <h2 class="usa-alert__heading">{props.heading}</h2> : null}
        <div class="usa-alert__text">{props.children}</div>
      </div>
    </div>
  );
}

/** A button that posts a one-field form: used for sign out, archive, revoke. */
export function PostButton(props: {
  ctx: PageContext;
  action: string;
  label: string;
  variant?: 'secondary' | 'outline' | 'unstyled';
  confirm?: string;
  fields?: Record<string, string>;
}) {
  const cls = `usa-button${props.variant ? ` usa-button--${props.variant}` : ''}`;
  return (
    <form method="post" action={props.action} class="so-inline-form" data-confirm={props.confirm}>
      <Csrf ctx={props.ctx} />
      {Object.entries(props.fields ?? {}).map(([k, v]) => (
        <input type="hidden" name={k} value={v} />
      ))}
      <button type="submit" class={cls}>
        {props.label}
      </button>
    </form>
  );
}

// Building an Intl formatter costs far more than using one (toLocaleDateString builds a
// new one on every call: it was a fifth of the dashboard's time), so keep one per language.
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
const locale = (ctx: PageContext) => (ctx.lang === 'es' ? 'es-US' : 'en-US');

function formatterFor(
  cache: Map<string, Intl.DateTimeFormat>,
  lang: string,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  let f = cache.get(lang);
  if (!f) {
    f = new Intl.DateTimeFormat(lang, options);
    cache.set(lang, f);
  }
  return f;
}

export function formatDate(ctx: PageContext, iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso);
  if (Number.isNaN(d.getTime())) return iso;
  return formatterFor(dateFormats, locale(ctx), {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    timeZone: 'UTC',
  }).format(d);
}

export function formatDateTime(ctx: PageContext, iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  // The server's time zone (TZ) is the household's or the practice's: that is whose clock
  // the reader goes by. Read once, when the formatter is made; TZ does not change while
  // the server runs.
  return formatterFor(dateTimeFormats, locale(ctx), {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(d);
}

/** USWDS checkboxes in a fieldset; values are kept as a comma-joined form value. */
export function Checkboxes(props: {
  ctx: PageContext;
  form: FormState;
  name: string;
  legend: MessageKey;
  hint?: MessageKey;
  choices: { value: string; label: string; hint?: string }[];
}) {
  const { ctx, form, name } = props;
  const checked = new Set((form.values[name] ?? '').split(',').filter(Boolean));
  return (
    <ChoiceFieldset
      ctx={ctx}
      form={form}
      name={name}
      legend={props.legend}
      optional={false}
      hintText={props.hint ? ctx.t(props.hint) : undefined}
    >
      {props.choices.map((c, i) => {
        const id = i === 0 ? name : `${name}-${c.value}`;
        return (
          <div class="usa-checkbox">
            <input
              class="usa-checkbox__input"
              id={id}
              type="checkbox"
              name={name}
              value={c.value}
              checked={checked.has(c.value)}
            />
            <label class="usa-checkbox__label" for={id}>
              {c.label}
              {c.hint ? <span class="usa-checkbox__label-description">{c.hint}</span> : null}
            </label>
          </div>
        );
      })}
    </ChoiceFieldset>
  );
}
