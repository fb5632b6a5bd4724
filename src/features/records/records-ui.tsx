import type { ComponentChildren } from 'preact';

// Small view parts the records pages share.

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
