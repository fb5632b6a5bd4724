// Small readers for server-rendered pages in tests: enough to check what a person sees.

/** The page's <main> element. */
export function mainOf(html: string): string {
  const m = /<main[\s\S]*?<\/main>/.exec(html);
  if (!m) throw new Error('No <main> in page');
  return m[0];
}

/** Visible text, tags removed and spaces squeezed (entities for quotes decoded). */
export function textOf(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Whether an input with this name and value is checked. */
export function isChecked(html: string, name: string, value: string): boolean {
  const re = new RegExp(`<input[^>]*name="${name}"[^>]*value="${value}"[^>]*>`);
  const tag = re.exec(html)?.[0] ?? '';
  return / checked(=""|\s|>|\/)/.test(tag);
}
