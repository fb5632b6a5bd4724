import type { Source } from '../../content/types.ts';
import type { PageContext } from './page-context.ts';

/** "(Source: title)" next to a fact, linking to where it comes from. */
export function SourceNote({ ctx, source }: { ctx: PageContext; source: Source }) {
  return (
    <span class="so-meta so-source">
      ({ctx.t('content.source')}: <a href={source.url}>{source.title}</a>)
    </span>
  );
}
