// Reading pages in tests the way a browser reads them: parsed as HTML (linkedom), not
// matched with regular expressions, so attribute order, quoting and entities cannot make a
// test pass or fail by accident.
import { parseHTML } from 'linkedom';

type Doc = ReturnType<typeof parseHTML>['document'];
type El = ReturnType<Doc['querySelector']> & {};

/** Parses a whole page (or a fragment, which is wrapped in a body). */
export function parse(html: string): Doc {
  const full = /<html[\s>]/i.test(html) ? html : `<!doctype html><html><body>${html}</body></html>`;
  return parseHTML(full).document;
}

/** Decodes character references in a piece of text ("&amp;" → "&"). */
export function decode(s: string): string {
  if (!s.includes('&')) return s;
  const doc = parse(`<p>${s.replace(/</g, '&lt;')}</p>`);
  return doc.querySelector('p')?.textContent ?? s;
}

const SKIP = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'HEAD']);

/**
 * Text of an element as a person sees it, squeezed. Every tag counts as a space (the parser
 * may split one run of text at character references, so text nodes are joined as they are).
 */
function visibleText(node: El | null): string {
  if (!node) return '';
  const parts: string[] = [];
  const walk = (n: {
    nodeType: number;
    nodeName: string;
    textContent: string | null;
    childNodes: ArrayLike<unknown>;
  }) => {
    if (n.nodeType === 3) return void parts.push(n.textContent ?? '');
    if (n.nodeType === 1 && SKIP.has(n.nodeName.toUpperCase())) return;
    parts.push(' ');
    for (const c of Array.from(n.childNodes)) walk(c as typeof n);
    parts.push(' ');
  };
  walk(node as unknown as Parameters<typeof walk>[0]);
  return parts.join('').replace(/\s+/g, ' ').trim();
}

/** The visible text of a page's body: tags removed, entities decoded, whitespace collapsed. */
export function pageText(html: string): string {
  return visibleText(parse(html).body as unknown as El);
}

/** Visible text of a fragment (or a whole page's body). */
export function textOf(html: string): string {
  return pageText(html);
}

/** The value a form field shows: an input's value attribute or a textarea's content; null when absent. */
export function fieldValue(html: string, name: string): string | null {
  const doc = parse(html);
  const input = doc.querySelector(`input[name="${name}"]`);
  if (input) return input.getAttribute('value') ?? '';
  const area = doc.querySelector(`textarea[name="${name}"]`);
  if (area) return area.textContent ?? '';
  const select = doc.querySelector(`select[name="${name}"]`);
  if (select) return select.querySelector('option[selected]')?.getAttribute('value') ?? null;
  return null;
}

/** The value of the checked radio button (or first checked box) of a group, if any. */
export function checkedValue(html: string, name: string): string | null {
  const box = parse(html).querySelector(`input[name="${name}"][checked]`);
  return box ? (box.getAttribute('value') ?? null) : null;
}

/** Whether the input with this name and value is checked (radio or checkbox). */
export function isChecked(html: string, name: string, value: string): boolean {
  for (const box of parse(html).querySelectorAll(`input[name="${name}"]`)) {
    if (box.getAttribute('value') === value) return box.hasAttribute('checked');
  }
  return false;
}

/** The page's <main> element, as markup. Throws when the page has none. */
export function mainOf(html: string): string {
  const main = parse(html).querySelector('main');
  if (!main) throw new Error('No <main> in page');
  return main.outerHTML;
}

/**
 * A parsed page for assertions about structure: headings, links, fields, error messages.
 * Selectors are CSS, as in a browser.
 */
export function page(html: string) {
  const doc = parse(html);
  const all = (selector: string) => Array.from(doc.querySelectorAll(selector)) as El[];
  return {
    doc,
    /** The first element matching, or null. */
    one: (selector: string) => doc.querySelector(selector) as El | null,
    all,
    /** Visible text of the first element matching ('' when none). */
    text: (selector: string) => visibleText(doc.querySelector(selector) as El | null),
    /** Visible text of every element matching. */
    texts: (selector: string) => all(selector).map((e) => visibleText(e)),
    /** The page title. */
    title: () => doc.querySelector('title')?.textContent?.trim() ?? '',
    /** Every heading's text, in order. */
    headings: () => all('h1, h2, h3, h4').map((e) => visibleText(e)),
    /** Every link: its text and address. */
    links: () => all('a[href]').map((a) => ({ text: visibleText(a), href: a.getAttribute('href') ?? '' })),
    /** Form fields by name (inputs, selects, textareas), with their shown value. */
    field: (name: string) => fieldValue(html, name),
    /** The texts of USWDS error messages and alerts shown on the page. */
    errors: () => all('.usa-error-message, .usa-alert--error').map((e) => visibleText(e)),
    /** Whether any element matches. */
    has: (selector: string) => doc.querySelector(selector) !== null,
  };
}
