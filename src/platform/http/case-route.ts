import type { Readable } from 'node:stream';
import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import type { ZodType, z } from 'zod';
import { type CaseAccess, type PatientAccess, requireCaseAccess, requirePatientAccess } from '../auth/access-store.ts';
import type { UserActor } from '../auth/actor.ts';
import type { PatientAction } from '../auth/policy.ts';
import { type CaseContext, loadCaseContext } from '../case-context.ts';
import { todayFor } from '../dates.ts';
import type { Queryable } from '../db/database.ts';
import { type Deps, type Durability, transact, type Work } from '../deps.ts';
import type { MessageKey, Translate } from '../i18n/i18n.ts';
import type { FormValues, PageContext } from '../ui/page-context.ts';
import type { App, UiKit } from './app.ts';
import { formValues, requireUser, sendPage, setFlash } from './context.ts';
import { notFound } from './errors.ts';

// One way to write a route that acts for a case or a patient (ADR 0014). The helper does
// what every such handler used to repeat: typed params, the access check (any "no" is a
// 404), the case context, ONE transaction with its audit recorder, and sending the answer
// only after the commit. A handler receives a scope, calls its feature's actions and
// returns an Outcome; it never opens a transaction or writes to the reply itself.

const OUTCOME: unique symbol = Symbol('outcome');

/** A cookie to set (value) or clear (null) with the answer. */
export interface CookieChange {
  name: string;
  value: string | null;
  options: CookieSerializeOptions;
}

// biome-ignore lint/suspicious/noExplicitAny: any page component, whatever its props
type AnyPage = VNode<any>;

/** What a handler answers. Sent after the transaction commits, so nothing is promised that was not saved. */
export type Outcome = { readonly [OUTCOME]: true; cookies?: CookieChange[] } & (
  | { kind: 'page'; render: (ctx: PageContext) => AnyPage; status: number }
  | { kind: 'redirect'; to: string; flash: MessageKey | null }
  | { kind: 'json'; body: unknown; status: number; headers?: Record<string, string> }
  | { kind: 'file'; body: Buffer | Uint8Array | string; type: string; fileName: string | null; status: number }
  | { kind: 'empty'; status: number }
  | { kind: 'stream'; body: Readable; headers: Record<string, string>; status: number }
  | { kind: 'afterCommit'; next: () => Promise<Outcome> }
);

export const page = (render: (ctx: PageContext) => AnyPage, status = 200): Outcome => ({
  [OUTCOME]: true,
  kind: 'page',
  render,
  status,
});
export const redirect = (to: string, flash: MessageKey | null = null): Outcome => ({
  [OUTCOME]: true,
  kind: 'redirect',
  to,
  flash,
});
export const json = (body: unknown, status = 200, headers?: Record<string, string>): Outcome => ({
  [OUTCOME]: true,
  kind: 'json',
  body,
  status,
  headers,
});
export const empty = (status = 204): Outcome => ({ [OUTCOME]: true, kind: 'empty', status });
/** A download. The file name must say nothing about the person or the illness. */
export const file = (body: Buffer | Uint8Array | string, type: string, fileName: string | null = null): Outcome => ({
  [OUTCOME]: true,
  kind: 'file',
  body,
  type,
  fileName,
  status: 200,
});
/**
 * Bytes that flow after the commit (a decrypted document, a packet being built): the
 * request's transaction has ended by the time they are read, so check access and read
 * what decides the answer before, in it. Never kept by a cache (health data).
 */
export const stream = (body: Readable, headers: Record<string, string>, status = 200): Outcome => ({
  [OUTCOME]: true,
  kind: 'stream',
  body,
  headers,
  status,
});
/** The same answer, with cookies set or cleared as it is sent. */
export const withCookies = (out: Outcome, ...cookies: CookieChange[]): Outcome => ({
  ...out,
  cookies: [...(out.cookies ?? []), ...cookies],
});
/**
 * Work that must not hold the transaction open: a call to another server (ClinicalTrials.gov)
 * runs after the commit, then answers. On SQLite an open transaction holds the one
 * connection, so a slow network call inside it would stall every other request.
 */
export const afterCommit = (next: () => Promise<Outcome>): Outcome => ({ [OUTCOME]: true, kind: 'afterCommit', next });
const isOutcome = (v: unknown): v is Outcome => typeof v === 'object' && v !== null && OUTCOME in v;

/** Everything a handler for a patient's data has: the open transaction, who asks, and for what. */
export interface PatientScope extends Work {
  deps: Deps;
  req: FastifyRequest;
  user: UserActor;
  access: PatientAccess;
  patientId: string;
  /** This request's one "now" (ISO-8601 UTC), so every row it writes carries the same time. */
  now: string;
  /** Today's date (YYYY-MM-DD) on the reader's wall clock (ADR 0015): what "overdue" and "in the past" go by. */
  today: string;
  t: Translate;
  /** Audits an act on this patient's data (patientId filled in). */
  record(action: string, objectType?: string | null, objectId?: string | null): Promise<void>;
}

/** A signed-in person's own things (their list of patients, their settings). */
export interface UserScope extends Work {
  deps: Deps;
  req: FastifyRequest;
  user: UserActor;
  now: string;
  /** Today's date (YYYY-MM-DD) on the reader's wall clock (ADR 0015). */
  today: string;
  t: Translate;
}

export interface CaseScope extends PatientScope {
  access: CaseAccess;
  caseId: string;
  c: CaseContext;
}

/** A form post, flattened (see formValues), for page handlers. */
export type PageInput = { params: Record<string, string>; form: FormValues; query: Record<string, string | undefined> };

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ApiSchema {
  tags: string[];
  summary: string;
  params?: ZodType;
  body?: ZodType;
  querystring?: ZodType;
  response: Record<number, ZodType>;
  consumes?: string[];
}

type Infer<T> = T extends ZodType ? z.infer<T> : undefined;
export type ApiInput<S extends ApiSchema> = {
  params: Infer<S['params']>;
  body: Infer<S['body']>;
  query: Infer<S['querystring']>;
};

export interface RouteOptions {
  /** What the person must be allowed to do for the patient. */
  can: PatientAction;
  /**
   * For routes named by another id (/api/v1/documents/:documentId): finds the case that
   * id belongs to, or null (then 404). Runs inside the route's one transaction.
   */
  caseOf?: (db: Queryable, params: Record<string, string>) => Promise<string | null>;
  /** Overrides the default (GET relaxed, others full): see ADR 0007. */
  durability?: Durability;
  /** Extra Fastify route config (rate limits and the like). */
  config?: Record<string, unknown>;
  /** false for routes that stream files: their length is exact and they are compressed already. */
  compress?: false;
}

export type UserRouteOptions = Pick<RouteOptions, 'durability' | 'config'>;

/**
 * Sends what a handler answered. Exported for route helpers of other kinds (a share
 * link's pages, which are not a case member's) so every answer is sent one way.
 */
export async function sendOutcome(
  reply: FastifyReply,
  ui: UiKit,
  deps: Deps,
  req: FastifyRequest,
  out: Outcome,
): Promise<FastifyReply> {
  for (const c of out.cookies ?? []) {
    if (c.value === null) reply.clearCookie(c.name, c.options);
    else reply.setCookie(c.name, c.value, c.options);
  }
  return send(reply, ui, deps, req, out);
}

async function send(
  reply: FastifyReply,
  ui: UiKit,
  deps: Deps,
  req: FastifyRequest,
  out: Outcome,
): Promise<FastifyReply> {
  switch (out.kind) {
    case 'page':
      return sendPage(reply, out.render(ui.page(req)), out.status);
    case 'redirect':
      if (out.flash) setFlash(reply, out.flash, deps.config.secureCookies);
      return reply.redirect(out.to, 303);
    case 'json':
      if (out.headers) reply.headers(out.headers);
      return reply.code(out.status).send(out.body);
    case 'empty':
      return reply.code(out.status).send(null);
    case 'afterCommit':
      return sendOutcome(reply, ui, deps, req, await out.next());
    case 'stream':
      reply.headers(out.headers);
      reply.header('Cache-Control', 'no-store');
      return reply.code(out.status).send(out.body);
    case 'file': {
      reply.header('Cache-Control', 'no-store');
      if (out.fileName) reply.header('Content-Disposition', `attachment; filename="${out.fileName}"`);
      return reply
        .code(out.status)
        .type(out.type)
        .send(typeof out.body === 'string' ? out.body : Buffer.from(out.body));
    }
  }
}

/** One instant per request, and "today" for the person asking (ADR 0015). */
function timeOf(deps: Deps, req: FastifyRequest): { now: string; today: string } {
  const now = deps.clock.now();
  return { now: now.toISOString(), today: todayFor(req.actor, now) };
}

function scopeFor(deps: Deps, req: FastifyRequest, w: Work, access: PatientAccess, t: Translate): PatientScope {
  return {
    ...w,
    deps,
    req,
    user: requireUser(req),
    access,
    patientId: access.patientId,
    ...timeOf(deps, req),
    t,
    record: (action, objectType = null, objectId = null) =>
      w.audit({ action, patientId: access.patientId, objectType, objectId }),
  };
}

/**
 * Runs fn for one case inside one transaction: access checked for `can` (404 otherwise),
 * the case context loaded. For the rare caller that is not a route (a provider); routes
 * use caseRoutes().
 */
export function inCase<T>(
  deps: Deps,
  req: FastifyRequest,
  t: Translate,
  caseId: string | ((db: Queryable) => Promise<string | null>),
  can: PatientAction,
  fn: (s: CaseScope) => Promise<T>,
  durability?: Durability,
): Promise<T> {
  return transact(
    deps,
    req,
    async (w) => {
      if (req.actor.kind !== 'user') throw notFound();
      if (typeof caseId !== 'string') {
        const found = await caseId(w.trx);
        if (!found) throw notFound();
        caseId = found;
      }
      const access = await requireCaseAccess(w.trx, req.actor, caseId, can);
      const c = await loadCaseContext(w.trx, caseId);
      return fn({ ...scopeFor(deps, req, w, access, t), access, caseId, c });
    },
    durability,
  );
}

export function inPatient<T>(
  deps: Deps,
  req: FastifyRequest,
  t: Translate,
  patientId: string,
  can: PatientAction,
  fn: (s: PatientScope) => Promise<T>,
  durability?: Durability,
): Promise<T> {
  return transact(
    deps,
    req,
    async (w) => {
      const access = await requirePatientAccess(w.trx, req.actor, patientId, can);
      return fn(scopeFor(deps, req, w, access, t));
    },
    durability,
  );
}

export function inUser<T>(
  deps: Deps,
  req: FastifyRequest,
  t: Translate,
  fn: (s: UserScope) => Promise<T>,
  durability?: Durability,
): Promise<T> {
  return transact(
    deps,
    req,
    (w) => fn({ ...w, deps, req, user: requireUser(req), ...timeOf(deps, req), t }),
    durability,
  );
}

/**
 * Route registration for case and patient routes. `page*` routes take form posts (no
 * Fastify schema: forms re-render with messages); `api*` routes take a zod schema, which
 * also writes the OpenAPI document. Every route here is `access: 'patient'`: a visitor who
 * is not signed in gets the same 404 as a stranger.
 */
export function caseRoutes(app: App, deps: Deps, ui: UiKit) {
  type Opener<Scope, O> = (
    req: FastifyRequest,
    t: Translate,
    params: Record<string, string>,
    opts: O,
    fn: (s: Scope) => Promise<Outcome>,
  ) => Promise<Outcome>;
  const pageRoute =
    <Scope, O extends Partial<RouteOptions>>(access: 'patient' | 'user', open: Opener<Scope, O>) =>
    (method: Method, url: string, opts: O, handler: (s: Scope, input: PageInput) => Promise<Outcome>) => {
      app.route({
        method,
        url,
        config: { ...opts.config, access },
        ...(opts.compress === false ? { compress: false } : {}),
        handler: async (req, reply) => {
          const params = req.params as Record<string, string>;
          const input: PageInput = {
            params,
            form: formValues(req.body as Record<string, unknown>),
            query: (req.query ?? {}) as Record<string, string | undefined>,
          };
          const out = await open(req, ui.page(req).t, params, opts, (s) => handler(s, input));
          return sendOutcome(reply, ui, deps, req, out);
        },
      });
    };

  const apiRoute =
    <Scope, O extends Partial<RouteOptions>>(access: 'patient' | 'user', open: Opener<Scope, O>) =>
    <S extends ApiSchema>(
      method: Method,
      url: string,
      opts: O & { schema: S },
      handler: (s: Scope, input: ApiInput<S>) => Promise<Outcome | unknown>,
    ) => {
      app.route({
        method,
        url,
        config: { ...opts.config, access },
        ...(opts.compress === false ? { compress: false } : {}),
        schema: opts.schema as never,
        handler: async (req, reply) => {
          // An API route may name its patient in the query (GET /api/v1/audit?patientId=).
          const params = { ...(req.query as Record<string, string>), ...(req.params as Record<string, string>) };
          const input = { params: req.params, body: req.body, query: req.query } as ApiInput<S>;
          const out = await open(req, ui.page(req).t, params, opts, async (s) => {
            const r = await handler(s, input);
            return isOutcome(r) ? r : json(r);
          });
          return sendOutcome(reply, ui, deps, req, out);
        },
      });
    };

  const openCase = (
    req: FastifyRequest,
    t: Translate,
    params: Record<string, string>,
    opts: RouteOptions,
    fn: (s: CaseScope) => Promise<Outcome>,
  ) =>
    inCase(
      deps,
      req,
      t,
      opts.caseOf ? (db) => opts.caseOf!(db, params) : (params.caseId ?? ''),
      opts.can,
      fn,
      opts.durability,
    );
  const openPatient = (
    req: FastifyRequest,
    t: Translate,
    params: Record<string, string>,
    opts: RouteOptions,
    fn: (s: PatientScope) => Promise<Outcome>,
  ) => inPatient(deps, req, t, params.patientId ?? '', opts.can, fn, opts.durability);
  const openUser = (
    req: FastifyRequest,
    t: Translate,
    _params: Record<string, string>,
    opts: UserRouteOptions,
    fn: (s: UserScope) => Promise<Outcome>,
  ) => inUser(deps, req, t, fn, opts.durability);

  return {
    /** A page under /cases/:caseId. */
    casePage: pageRoute<CaseScope, RouteOptions>('patient', openCase),
    /** An API operation under /api/v1/cases/:caseId. */
    caseApi: apiRoute<CaseScope, RouteOptions>('patient', openCase),
    /** A page under /patients/:patientId. */
    patientPage: pageRoute<PatientScope, RouteOptions>('patient', openPatient),
    /** An API operation under /api/v1/patients/:patientId. */
    patientApi: apiRoute<PatientScope, RouteOptions>('patient', openPatient),
    /** A page about the signed-in person's own things (a visitor is sent to sign in). */
    userPage: pageRoute<UserScope, UserRouteOptions>('user', openUser),
    /** An API operation about the caller's own things. */
    userApi: apiRoute<UserScope, UserRouteOptions>('user', openUser),
  };
}

export type CaseRoutes = ReturnType<typeof caseRoutes>;
