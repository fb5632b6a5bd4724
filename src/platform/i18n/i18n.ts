import { en, type MessageKey } from './messages/en.ts';
import { es } from './messages/es.ts';

export type { MessageKey };
export type Locale = 'en' | 'es';
export type Vars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: Vars) => string;

const catalogues: Record<Locale, Partial<Record<MessageKey, string>>> = { en, es };

/**
 * Returns the translator for a locale. Missing translations fall back to English, so a
 * half-done Spanish catalogue still gives whole pages. `{name}` in a message is replaced
 * by vars.name.
 */
export function translator(locale: Locale = 'en'): Translate {
  const cat = catalogues[locale] ?? en;
  return (key, vars) => {
    const template = cat[key] ?? en[key] ?? key;
    if (!vars) return template;
    return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
  };
}

export function isMessageKey(s: string): s is MessageKey {
  return Object.hasOwn(en, s);
}
