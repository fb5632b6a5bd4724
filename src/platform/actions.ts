import { invalid } from './http/errors.ts';
import type { FieldErrors } from './ui/page-context.ts';

// The shape of an action's answer (ADR 0014). An action checks everything a person could
// fix before it writes anything, and then answers "refused, with these messages" instead
// of throwing: a page shows its form again in the same transaction, the API answers 400.
// What a person cannot fix (no such record, no access) is thrown as an AppError.

export type ActionResult<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

export const ok = <T>(value: T): ActionResult<T> => ({ ok: true, value });
export const refuse = <T = never>(errors: FieldErrors): ActionResult<T> => ({ ok: false, errors });

/** For the API: the value, or a 400 with the field messages. */
export function unwrap<T>(r: ActionResult<T>): T {
  if (!r.ok) throw invalid(r.errors);
  return r.value;
}
