import type { Source, SourcedItem } from '../../content/types.ts';
import type { PageContext } from './page-context.ts';

// Every fact or rule shown to people is drawn the same way: our words, then where the
// fact comes from, as a link.

/** "(Source: title)" next to a fact, linking to where it comes from. */
export function SourceNote({ ctx, source }: { ctx: PageContext; source: Source }) {
  return (
    <span class="so-meta so-source">
      ({ctx.t('content.source')}: <a href={source.url}>{source.title}</a>)
    </span>
  );
}

/** A sourced item's text followed by its source. */
export function SourcedText({ ctx, item }: { ctx: PageContext; item: Pick<SourcedItem, 'text' | 'source'> }) {
  return (
    <>
      {ctx.t(item.text)} <SourceNote ctx={ctx} source={item.source} />
    </>
  );
}

/** A list of sourced items; `listClass` picks the list style (USWDS list by default). */
export function SourcedList({ ctx, items, listClass = 'usa-list' }: { ctx: PageContext; items: SourcedItem[]; listClass?: string }) {
  return (
    <ul class={listClass}>
      {items.map((item) => (
        <li data-rule={item.id}>
          <SourcedText ctx={ctx} item={item} />
        </li>
      ))}
    </ul>
  );
}
