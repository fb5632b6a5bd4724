import type { MessageKey } from './en.ts';

/**
 * Spanish is planned. Entries added here replace the English text key by key; anything
 * missing falls back to English.
 */
export const es: Partial<Record<MessageKey, string>> = {};
