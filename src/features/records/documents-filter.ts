import { type ExpressionBuilder, sql } from 'kysely';

// Which documents count as "in the case", in one place for every store that reads them.
// A document is in its case unless it was taken out (ADR 0144), or it is an older import
// naming someone else that nobody has reviewed yet (ADR 0146). Every list that feeds the
// packet, share links, the FHIR export, tests done, the timeline and search leaves both
// out, in the query, before any limit.

/** For Kysely queries over `documents` under the given alias. */
// biome-ignore lint/suspicious/noExplicitAny: used in queries over several tables and aliases; Kysely has no type for "any query that has documents"
export const inCase = (eb: ExpressionBuilder<any, any>, alias: string) =>
  eb.and([
    eb(`${alias}.archived_at`, 'is', null),
    eb.or([eb(`${alias}.patient_check`, 'is', null), eb(`${alias}.patient_check`, '!=', 'mismatch')]),
  ]);

/** The opposite, as raw SQL for queries written by hand. */
export const heldOrRemoved = (alias: string) =>
  sql.raw(`(${alias}.archived_at is not null or coalesce(${alias}.patient_check, '') = 'mismatch')`);
