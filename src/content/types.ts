import type { MessageKey } from '../platform/i18n/i18n.ts';

/** Where a fact or rule comes from. Every item shown to users as fact carries one. */
export interface Source {
  title: string;
  url: string;
}

/**
 * A piece of product text that states a fact or rule: the wording is ours, the fact is the
 * source's. How an item gets in and is kept true: docs/content-policy.md; every item is
 * listed in docs/content-review.md (`npm run content:report`).
 */
export interface SourcedItem {
  id: string;
  /** The text, in the message catalogue so it can be translated. */
  text: MessageKey;
  source: Source;
  /** When someone last checked the wording against the source (YYYY-MM-DD). */
  reviewed: string;
  /**
   * When the app shows it, in plain words for the content report (for example "coverage
   * page, plan type Original Medicare"). test/content/triggers.test.ts walks the app through
   * scenarios and fails for an item no scenario shows.
   */
  trigger: string;
  /**
   * Whom the fact applies to, where that matters and the trigger does not already say it
   * (a plan type, a state, a payer, a kind of lab): shown in the content report.
   */
  appliesTo?: string;
}
