import type { AssetUrls } from '../http/assets.ts';
import type { MessageKey, Translate } from '../i18n/i18n.ts';

export type TextSize = 'normal' | 'large' | 'xlarge';
export type NavSection = 'dashboard' | 'patients' | 'settings' | 'none';

/** Everything a page needs to know about the request it is rendered for. */
export interface PageContext {
  t: Translate;
  lang: string;
  csrf: string;
  user: { displayName: string } | null;
  textSize: TextSize;
  /** Path and query of the current page, for "come back here" links. */
  path: string;
  flash: MessageKey | null;
  assets: AssetUrls;
}

/** Field name → message key; what a form shows when a value is not right. */
export type FieldErrors = Record<string, MessageKey>;
export type FormValues = Record<string, string | undefined>;

export interface FormState {
  values: FormValues;
  errors: FieldErrors;
}

export const emptyForm = (values: FormValues = {}): FormState => ({ values, errors: {} });
