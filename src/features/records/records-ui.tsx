import type { ComponentChildren } from 'preact';
import type { SourcedItem } from '../../content/types.ts';
import type { MessageKey } from '../../platform/i18n/i18n.ts';
import type { FormState, PageContext } from '../../platform/ui/page-context.ts';

// Small view parts the records pages share.

/** A fact in our words, with its source beside it. */
export function SourcedFacts({ ctx, items }: { ctx: PageContext; items: SourcedItem[] }) {
  return (
    <ul class="usa-list">
      {items.map((f) => (
        <li>
          {ctx.t(f.text)}{' '}
          <span class="so-meta">
            ({ctx.t('content.source')}: <a href={f.source.url}>{f.source.title}</a>)
          </span>
        </li>
      ))}
    </ul>
  );
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
  const error = form.errors[name];
  const checked = new Set((form.values[name] ?? '').split(',').filter(Boolean));
  const describedBy = [props.hint ? `${name}-hint` : '', error ? `${name}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`usa-form-group${error ? ' usa-form-group--error' : ''}`}>
      <fieldset class="usa-fieldset" aria-describedby={describedBy}>
        <legend class={`usa-legend${error ? ' usa-label--error' : ''}`}>{ctx.t(props.legend)}</legend>
        {props.hint ? (
          <div class="usa-hint" id={`${name}-hint`}>
            {ctx.t(props.hint)}
          </div>
        ) : null}
        {error ? (
          <span class="usa-error-message" id={`${name}-error`} role="alert">
            {ctx.t(error)}
          </span>
        ) : null}
        {props.choices.map((c, i) => {
          const id = i === 0 ? name : `${name}-${c.value}`;
          return (
            <div class="usa-checkbox">
              <input class="usa-checkbox__input" id={id} type="checkbox" name={name} value={c.value} checked={checked.has(c.value)} />
              <label class="usa-checkbox__label" for={id}>
                {c.label}
                {c.hint ? <span class="usa-checkbox__label-description">{c.hint}</span> : null}
              </label>
            </div>
          );
        })}
      </fieldset>
    </div>
  );
}

/** Reads checkbox values from a posted form body (one value, or many). */
export function checkedValues(body: unknown, name: string): string[] {
  const v = (body as Record<string, unknown> | null)?.[name];
  if (v === undefined || v === null || v === '') return [];
  return (Array.isArray(v) ? v : [v]).map(String).filter(Boolean);
}

/** Text with search matches marked (the markers come from the search engines). */
export function Marked({ text, start, end }: { text: string; start: string; end: string }) {
  const parts: ComponentChildren[] = [];
  let rest = text;
  while (rest.length) {
    const a = rest.indexOf(start);
    if (a < 0) {
      parts.push(rest);
      break;
    }
    const b = rest.indexOf(end, a + 1);
    if (b < 0) {
      parts.push(rest.replaceAll(start, ''));
      break;
    }
    if (a > 0) parts.push(rest.slice(0, a));
    parts.push(<mark>{rest.slice(a + 1, b)}</mark>);
    rest = rest.slice(b + 1);
  }
  return <>{parts}</>;
}
