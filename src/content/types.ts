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
  /**
   * When the app shows it, in plain words for the content report (for example "coverage
   * page, plan type Original Medicare"). Every item will need one (issue 10, item 9).
   */
  trigger?: string;
}
