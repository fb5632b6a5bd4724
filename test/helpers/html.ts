// Reading pages in tests the way a person reads them: text without tags, entities decoded.

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'", nbsp: ' ' };

export function decode(s: string): string {
  return s.replace(/&(#\d+|#x[0-9a-f]+|\w+);/gi, (m, e: string) => {
    if (ENTITIES[e]) return ENTITIES[e]!;
    if (e.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(Number(e.slice(1)));
    return m;
  });
}

/** The visible text of a page (roughly): tags removed, whitespace collapsed. */
export function pageText(html: string): string {
  const body = html.replace(/<script[\s\S]*?<\/script>/gi, '').replace(/<head[\s\S]*?<\/head>/i, '');
  return decode(body.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ').trim();
}

/** The value a form field shows: an input's value attribute or a textarea's content. */
export function fieldValue(html: string, name: string): string | null {
  const input = new RegExp(`<input[^>]*name="${name}"[^>]*>`, 'i').exec(html);
  if (input) {
    const v = /value="([^"]*)"/.exec(input[0]);
    return v ? decode(v[1]!) : '';
  }
  const area = new RegExp(`<textarea[^>]*name="${name}"[^>]*>([\\s\\S]*?)</textarea>`, 'i').exec(html);
  return area ? decode(area[1]!) : null;
}

/** The value of the checked radio button of a group, if any. */
export function checkedValue(html: string, name: string): string | null {
  for (const m of html.matchAll(new RegExp(`<input[^>]*name="${name}"[^>]*>`, 'gi'))) {
    if (/\schecked(=|\s|>|\/)/.test(m[0])) return /value="([^"]*)"/.exec(m[0])?.[1] ?? null;
  }
  return null;
}

/** The page's <main> element. */
export function mainOf(html: string): string {
  const m = /<main[\s\S]*?<\/main>/.exec(html);
  if (!m) throw new Error('No <main> in page');
  return m[0];
}

/** Visible text of a fragment: tags removed, entities decoded, spaces squeezed. */
export function textOf(html: string): string {
  return decode(html.replace(/<script[\s\S]*?<\/script>/g, ' ').replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ').trim();
}

/** Whether the input with this name and value is checked (radio or checkbox). */
export function isChecked(html: string, name: string, value: string): boolean {
  for (const m of html.matchAll(new RegExp(`<input[^>]*name="${name}"[^>]*>`, 'gi'))) {
    if (new RegExp(`value="${value}"`).test(m[0])) return /\schecked(=|\s|>|\/)/.test(m[0]);
  }
  return false;
}
