import type { PDFFont } from 'pdf-lib';

// Text for PDFs drawn with pdf-lib's standard fonts, shared by every printout (question
// sheet, request letter, decision summary, records packet). Those fonts need no font files,
// but they only know the WinAnsi characters (Latin-1 and a few more).

const charsets = new WeakMap<PDFFont, Set<number>>();

function supportedBy(font: PDFFont): Set<number> {
  let set = charsets.get(font);
  if (!set) {
    set = new Set(font.getCharacterSet());
    charsets.set(font, set);
  }
  return set;
}

// Marks people paste from word processors, and plain forms for a font that lacks them.
const SWAPS: Record<string, string> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u2013': '-',
  '\u2014': '-',
  '\u2212': '-',
  '\u2026': '...',
  '\u00a0': ' ',
  '\u2009': ' ',
};

/**
 * What the font can draw: a character it lacks becomes its plain letter when there is one
 * ("ő" → "o") and "?" otherwise, so a name typed in another script never breaks the PDF.
 * (The printable web page shows it as typed.) Line breaks are kept.
 */
export function printable(font: PDFFont, text: string): string {
  const supported = supportedBy(font);
  const ok = (s: string) => [...s].every((c) => supported.has(c.codePointAt(0)!));
  let out = '';
  for (const ch of text) {
    if (ch === '\n' || ok(ch)) out += ch;
    else if (ch === '\t') out += ' ';
    else if (SWAPS[ch] && ok(SWAPS[ch])) out += SWAPS[ch];
    else {
      const base = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
      out += base && ok(base) ? base : '?';
    }
  }
  return out;
}

/**
 * Splits text into lines no wider than width. Each line break in the text starts a new line
 * (a blank line stays blank); a word wider than the line (a long code or web address) is cut.
 */
export function wrapLines(font: PDFFont, text: string, size: number, width: number): string[] {
  const fits = (s: string) => font.widthOfTextAtSize(s, size) <= width;
  const lines: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(/\s+/).filter(Boolean)) {
      const next = line ? `${line} ${word}` : word;
      if (fits(next)) {
        line = next;
        continue;
      }
      if (line) lines.push(line);
      let rest = word;
      while (!fits(rest)) {
        let cut = rest.length - 1;
        while (cut > 1 && !fits(rest.slice(0, cut))) cut--;
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      line = rest;
    }
    lines.push(line);
  }
  return lines;
}
