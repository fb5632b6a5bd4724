import type { FastifyRequest } from 'fastify';
import { todayFor } from '../../platform/dates.ts';
import { type Deps, transact, type Work } from '../../platform/deps.ts';
import type { App, UiKit } from '../../platform/http/app.ts';
import {
  type ApiInput,
  type ApiSchema,
  type Outcome,
  type PageInput,
  sendOutcome,
} from '../../platform/http/case-route.ts';
import type { RouteAccess } from '../../platform/http/context.ts';
import { formValues } from '../../platform/http/context.ts';
import type { Translate } from '../../platform/i18n/i18n.ts';

// Routes about getting into an account (sign up, sign in, a new password) are public, and
// several of them hash a password first. argon2 takes tens of milliseconds, and on SQLite an
// open transaction holds the one connection, so the hashing must come BEFORE the
// transaction. A handler here therefore parses and hashes, then either answers at once (a
// form with mistakes) or hands back the step to run in the request's ONE transaction
// (ADR 0014). The step returns an Outcome, sent after the commit as with caseRoutes.

/** What a step inside the transaction has: the open transaction, the request and its one time. */
export interface AccountScope extends Work {
  deps: Deps;
  req: FastifyRequest;
  /** This request's one "now" (ISO-8601 UTC). */
  now: string;
  /** Today on the reader's wall clock (ADR 0015). */
  today: string;
  t: Translate;
}

/** The part of a request that runs inside its one transaction. */
export type Step = (s: AccountScope) => Promise<Outcome>;

type Method = 'GET' | 'POST' | 'DELETE';
interface Options {
  access: RouteAccess;
  config?: Record<string, unknown>;
}

export function accountRoutes(app: App, deps: Deps, ui: UiKit) {
  const run = async (req: FastifyRequest, first: Outcome | Step): Promise<Outcome> => {
    if (typeof first !== 'function') return first;
    const instant = deps.clock.now();
    const t = ui.page(req).t;
    return transact(deps, req, (w) =>
      first({ ...w, deps, req, now: instant.toISOString(), today: todayFor(req.actor, instant), t }),
    );
  };

  return {
    /** A form page: the handler gets the flattened form and answers, or hands back its step. */
    page(
      method: Method,
      url: string,
      opts: Options,
      handler: (req: FastifyRequest, input: PageInput) => Promise<Outcome | Step>,
    ) {
      app.route({
        method,
        url,
        config: { ...opts.config, access: opts.access },
        handler: async (req, reply) => {
          const input: PageInput = {
            params: req.params as Record<string, string>,
            form: formValues(req.body as Record<string, unknown>),
            query: (req.query ?? {}) as Record<string, string | undefined>,
          };
          return sendOutcome(reply, ui, deps, req, await run(req, await handler(req, input)));
        },
      });
    },
    /** An API operation with a zod schema (which also writes the OpenAPI document). */
    api<S extends ApiSchema>(
      method: Method,
      url: string,
      opts: Options & { schema: S & { security?: unknown[] } },
      handler: (req: FastifyRequest, input: ApiInput<S>) => Promise<Outcome | Step>,
    ) {
      app.route({
        method,
        url,
        config: { ...opts.config, access: opts.access },
        schema: opts.schema as never,
        handler: async (req, reply) => {
          const input = { params: req.params, body: req.body, query: req.query } as ApiInput<S>;
          return sendOutcome(reply, ui, deps, req, await run(req, await handler(req, input)));
        },
      });
    },
  };
}
