import type { MessageKey } from '../platform/i18n/i18n.ts';

/** Where a fact or rule comes from. Every item shown to users as fact carries one. */
export interface Source {
  title: string;
  url: string;
}

/** A piece of product text that states a fact or rule: the wording is ours, the fact is the source's. */
export interface SourcedItem {
  id: string;
  /** The text, in the message catalogue so it can be translated. */
  text: MessageKey;
  source: Source;
  /** When someone last checked the wording against the source (YYYY-MM-DD). */
  reviewed: string;
}
