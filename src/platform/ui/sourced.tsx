import type { Source, SourcedItem } from '../../content/types.ts';
import type { PageContext } from './page-context.ts';

// Every fact or rule shown to people is drawn the same way: our words, then where the
// fact comes from, as a link. Each one is marked with data-content="<item id>" (a space-
// separated list where one element shows several), so the trigger test can check which
// facts a page shows and which it must not (test/content/triggers.test.ts).

type Marked = Pick<SourcedItem, 'id'>;

/** The attribute that marks where sourced items are shown; spread it onto the element that holds them. */
export function contentMark(items: Marked | readonly Marked[]): { 'data-content': string } {
  const list = Array.isArray(items) ? items : [items as Marked];
  return { 'data-content': list.map((i) => i.id).join(' ') };
}

/** "(Source: title)" next to a fact, linking to where it comes from; `item` marks which fact it belongs to. */
export function SourceNote({
  ctx,
  source,
  item,
}: {
  ctx: PageContext;
  source: Source;
  item?: Marked | readonly Marked[];
}) {
  return (
    <span class="so-meta so-source" {...(item ? contentMark(item) : {})}>
      ({ctx.t('content.source')}: <a href={source.url}>{source.title}</a>)
    </span>
  );
}

/** A sourced item's text followed by its source. */
export function SourcedText({ ctx, item }: { ctx: PageContext; item: Pick<SourcedItem, 'id' | 'text' | 'source'> }) {
  return (
    <span {...contentMark(item)}>
      {ctx.t(item.text)} <SourceNote ctx={ctx} source={item.source} />
    </span>
  );
}

/** A sourced item's text alone, for a list whose one source is given after it. */
export function ContentText({ ctx, item }: { ctx: PageContext; item: Pick<SourcedItem, 'id' | 'text'> }) {
  return <span {...contentMark(item)}>{ctx.t(item.text)}</span>;
}

/** A list of sourced items; `listClass` picks the list style (USWDS list by default). */
export function SourcedList({
  ctx,
  items,
  listClass = 'usa-list',
}: {
  ctx: PageContext;
  items: SourcedItem[];
  listClass?: string;
}) {
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
