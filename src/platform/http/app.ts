import crypto from 'node:crypto';
import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  LogController,
} from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { h } from 'preact';
import { anonymous } from '../auth/actor.ts';
import { resolveApiToken, resolveSession } from '../auth/sessions.ts';
import { newSecret } from '../auth/tokens.ts';
import { checkDatabase, isDatabaseUnavailable } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import { registerHealthRoutes } from '../health-routes.ts';
import { isMessageKey, type MessageKey, translator } from '../i18n/i18n.ts';
import { ErrorPage } from '../ui/error-pages.tsx';
import { checkInput, hasControlCharacters, withoutBidiControls } from '../validation.ts';
import { type AssetStore, loadAssets } from './assets.ts';
import {
  COOKIE,
  checkCsrf,
  issuesToFields,
  makePageContext,
  type RouteAccess,
  safeLocalPath,
  sendPage,
} from './context.ts';
import {
  AppError,
  badRequest,
  csrfFailed,
  inputFault,
  invalid,
  isAppError,
  loggableError,
  notFound,
  tooLarge,
  tooManyRequests,
} from './errors.ts';
import { databaseRateLimitStore } from './rate-limit-store.ts';

// biome-ignore lint/suspicious/noExplicitAny: the server, request and reply types differ between listen() and inject(); only the type provider matters here
export type App = FastifyInstance<any, any, any, any, ZodTypeProvider>;

/** A feature adds its routes here. */
export type FeatureRegistrar = (app: App, deps: Deps, ui: UiKit) => void | Promise<void>;

/** What routes need to render pages. */
export interface UiKit {
  assets: AssetStore;
  page(req: FastifyRequest): ReturnType<typeof makePageContext>;
}

export interface RegisteredRoute {
  method: string;
  url: string;
  access: RouteAccess | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    routeTable: RegisteredRoute[];
  }
}

export const isApiRequest = (req: FastifyRequest) => req.url.startsWith('/api/');

let assetsOnce: Promise<AssetStore> | undefined;

export interface BuildOptions {
  features: FeatureRegistrar[];
  logger?: boolean | Record<string, unknown>;
}

export async function buildApp(deps: Deps, options: BuildOptions): Promise<App> {
  const { config } = deps;
  // The router refuses a path it cannot decode (%FF, a lone %) or an id longer than it
  // reads before any hook runs; this sends those through our own 404 (set below) instead
  // of Fastify's body with another shape (ADR 0012).
  type FrameworkErrorHandler = (err: FastifyError, req: FastifyRequest, reply: FastifyReply) => unknown;
  let onFrameworkError: FrameworkErrorHandler = (_err, _req, reply) => reply.code(404).send();
  const app = Fastify({
    frameworkErrors: (err, req, reply) => onFrameworkError(err, req, reply),
    logger: options.logger ?? false,
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    // Our own single log line per request (onResponse) carries the route pattern, never
    // the URL: query strings can hold a diagnosis someone searched for.
    logController: new LogController({ disableRequestLogging: true }),
    requestIdHeader: false,
    genReqId: () => crypto.randomUUID(),
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  assetsOnce ??= loadAssets();
  const assets = await assetsOnce;
  const ui: UiKit = { assets, page: (req) => makePageContext(req, deps.keys.csrfKey, assets.urls) };

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Second Opinion API',
        version: '1.0.0',
        description: 'Bearer tokens from POST /api/v1/tokens. Errors are {"error":{"code","message","fields"?}}.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: (args) =>
      args.url.startsWith('/api/v1') ? jsonSchemaTransform(args) : { schema: { hide: true } as never, url: args.url },
  });

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        frameSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        ...(config.secureCookies ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    // Only sent over https; a plain-http home install must keep working.
    strictTransportSecurity: config.secureCookies,
    referrerPolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(fastifyCookie);
  await app.register(fastifyFormbody, { bodyLimit: 1024 * 1024 });
  guardInput(app);
  await app.register(fastifyCompress, { global: true, threshold: 1024, encodings: ['br', 'gzip'] });
  // Counts live in the database, so limits hold across every app process (ADR 0018).
  await app.register(fastifyRateLimit, { global: false, store: databaseRateLimitStore(deps.db, deps.clock) });

  // Static files (the @fastify/static routes under /assets/) hold no one's data: public.
  // Set here, before the route table below reads each route's access.
  app.addHook('onRoute', (r) => {
    if (r.url.startsWith('/assets/')) r.config = { ...(r.config as object), access: 'public' } as typeof r.config;
  });

  // Every route, with who may call it: the route-coverage test walks this list.
  const routeTable: RegisteredRoute[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (r) => {
    const methods = Array.isArray(r.method) ? r.method : [r.method];
    for (const method of methods) {
      if (method === 'HEAD') continue;
      routeTable.push({ method, url: r.url, access: (r.config as { access?: RouteAccess } | undefined)?.access });
    }
  });

  app.decorateRequest('actor', null as never);
  app.decorateRequest('csrfBinding', '');
  app.decorateRequest('textSize', 'normal');
  app.decorateRequest('flash', null);

  const idleHours = config.sessionIdleHours;
  const cookieBase = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: config.secureCookies };

  // Who is asking. The API takes bearer tokens only and pages take cookies only, so a
  // page on another site can never make the API act with someone's cookie.
  app.addHook('onRequest', async (req, reply) => {
    // Lets a person quote a reference when reporting a problem; it names no data.
    reply.header('X-Request-Id', req.id);
    req.actor = anonymous;
    if (req.url.startsWith('/assets/')) return;
    if (isApiRequest(req)) {
      const auth = req.headers.authorization;
      if (auth?.startsWith('Bearer ')) {
        const actor = await resolveApiToken(deps.db, deps.clock, auth.slice(7).trim());
        if (actor) req.actor = actor;
      }
      return;
    }
    const cookies = req.cookies;
    const token = cookies[COOKIE.session];
    if (token) {
      const session = await resolveSession(deps.db, deps.clock, token, idleHours);
      if (session) {
        req.actor = session.actor;
        req.csrfBinding = `s:${session.csrfSecret}`;
      } else {
        reply.clearCookie(COOKIE.session, { path: '/' });
      }
    }
    if (!req.csrfBinding) {
      let anon = cookies[COOKIE.anon];
      if (!anon || anon.length < 20 || anon.length > 100) {
        anon = newSecret();
        reply.setCookie(COOKIE.anon, anon, cookieBase);
      }
      req.csrfBinding = `a:${anon}`;
    }
    const size = cookies[COOKIE.text];
    req.textSize = size === 'large' || size === 'xlarge' ? size : 'normal';
    const flash = cookies[COOKIE.flash];
    if (flash) {
      req.flash = isMessageKey(flash) ? flash : null;
      reply.clearCookie(COOKIE.flash, { path: '/' });
    }
  });

  // The route's declared access is checked before any handler runs.
  // A page visited signed out always sends the person to sign in and back (issue 18 item 4):
  // the same answer for every address, existing or not, a case id or a typo, so a visitor
  // learns nothing about what exists. Only a signed-in person without access sees "Page not
  // found". The API keeps its JSON answers: 404 for patient data, 401 for the rest.
  app.addHook('preHandler', async (req, reply) => {
    const api = isApiRequest(req);
    const signedIn = req.actor.kind === 'user';
    if (req.is404) {
      // The doctor's link pages (/s/…) and files keep their plain 404: never a sign-in there.
      // Only a browser asking for a page is sent on; a monitor or a script (no text/html in
      // Accept) gets the plain 404. Known addresses redirect either way, so no data leaks.
      const ownSpace = req.url.startsWith('/s/') || req.url.startsWith('/assets/');
      const browser = String(req.headers.accept ?? '').includes('text/html');
      if (!signedIn && !api && !ownSpace && browser) return reply.redirect(signInAddress(req), 303);
      return;
    }
    const access = req.routeOptions.config.access;
    if (!access) throw new Error(`Route ${req.routeOptions.url} does not declare who may call it`);
    if (access !== 'public' && !signedIn) {
      if (!api) return reply.redirect(signInAddress(req), 303);
      // Patient data is invisible to visitors who are not signed in: 404 before anything else.
      if (access === 'patient') throw notFound();
      throw new AppError(401, 'unauthorized', 'errors.unauthorized');
    }
    if (!api && req.method !== 'GET' && req.method !== 'HEAD' && req.routeOptions.config.csrf !== false) {
      const body = req.body as Record<string, unknown> | undefined;
      if (!checkCsrf(deps.keys.csrfKey, req.csrfBinding, body?._csrf)) throw csrfFailed();
    }
  });

  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unmatched';
    if (deps.metrics.enabled && (req.routeOptions.config as { metrics?: boolean } | undefined)?.metrics !== false) {
      deps.metrics.observeRequest(req.method, route, reply.statusCode, reply.elapsedTime / 1000);
    }
    if (reply.statusCode >= 500) return; // logged by the error handler
    req.log.info({ method: req.method, route, status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request');
  });

  const t = translator('en');

  const renderError = (
    req: FastifyRequest,
    reply: FastifyReply,
    status: number,
    code: string,
    key: MessageKey,
    fields?: Record<string, MessageKey>,
  ) => {
    if (isApiRequest(req) || !acceptsHtml(req)) {
      const body: { error: { code: string; message: string; fields?: Record<string, string> } } = {
        error: { code, message: t(key) },
      };
      if (fields) body.error.fields = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, t(v)]));
      return reply.code(status).header('Cache-Control', 'no-store').send(body);
    }
    return sendPage(reply, h(ErrorPage, { ctx: ui.page(req), status, messageKey: key }), status);
  };

  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (hasZodFastifySchemaValidationErrors(err)) {
      if (err.validationContext === 'params') return renderError(req, reply, 404, 'not_found', 'errors.notFound');
      const fields = issuesToFields(
        err.validation.map((v) => ({
          path: v.instancePath.split('/').filter(Boolean),
          message: v.message ?? '',
          code: v.keyword,
        })),
      );
      return renderError(req, reply, 400, 'invalid', 'errors.invalid', fields);
    }
    if (isAppError(err)) return renderError(req, reply, err.status, err.code, err.messageKey, err.fields);
    if (isDatabaseUnavailable(err)) {
      // The database restarted or is out of reach: nothing was saved (the transaction could
      // not commit), and trying again in a moment will most likely work.
      req.log.warn({ route: req.routeOptions?.url, code: (err as { code?: string }).code }, 'database unavailable');
      reply.header('retry-after', '5');
      return renderError(req, reply, 503, 'database_unavailable', 'errors.databaseUnavailable');
    }
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || err.statusCode === 413) {
      const e = tooLarge();
      return renderError(req, reply, e.status, e.code, e.messageKey);
    }
    if (err.statusCode === 429) {
      const e = tooManyRequests();
      return renderError(req, reply, e.status, e.code, e.messageKey);
    }
    if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || err.statusCode === 415) {
      return renderError(req, reply, 415, 'unsupported_media_type', 'errors.mediaType');
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return renderError(req, reply, 400, 'bad_request', 'errors.badRequest');
    }
    // Input the checks above let through and a database or parser refused later: the
    // client's answer is a 4xx, and the log keeps the code so the gap can be closed.
    const late = inputFault(err);
    if (late) {
      const entry = { route: req.routeOptions?.url, status: late.status, err: loggableError(err) };
      req.log.warn(entry, 'input refused late');
      return renderError(req, reply, late.status, late.code, late.messageKey, late.fields);
    }
    // Unexpected: log what helps fix it, never the request body or database values.
    req.log.error({ route: req.routeOptions?.url, err: loggableError(err) }, 'request failed');
    return renderError(req, reply, 500, 'server_error', 'errors.server');
  });

  app.setNotFoundHandler((req, reply) => renderError(req, reply, 404, 'not_found', 'errors.notFound'));
  onFrameworkError = (_err, req, reply) => {
    // No hook has run: nobody is signed in as far as this answer knows.
    req.actor = anonymous;
    req.csrfBinding = '';
    req.textSize = 'normal';
    req.flash = null;
    return renderError(req, reply, 404, 'not_found', 'errors.notFound');
  };

  await assets.register(app);

  app.get('/healthz', { config: { access: 'public' }, logLevel: 'warn' }, async (_req, reply) => {
    try {
      await checkDatabase(deps.db);
      return { status: 'ok', database: deps.dialect };
    } catch {
      return reply.code(503).send({ status: 'unavailable', database: deps.dialect });
    }
  });

  registerHealthRoutes(app, deps);

  app.get('/api/openapi.json', { config: { access: 'public' } }, async () => app.swagger());

  for (const register of options.features) await register(app, deps, ui);

  app.addHook('onClose', async () => deps.close());

  await app.ready();
  return app;
}

/**
 * Where a signed-out visitor goes: sign-in, then back to the page they asked for. A form sent
 * signed out (an old tab) returns to the dashboard: its address only answers a form.
 */
function signInAddress(req: FastifyRequest): string {
  if (req.method !== 'GET' && req.method !== 'HEAD') return '/sign-in';
  const back = safeLocalPath(req.url, '');
  return back ? `/sign-in?next=${encodeURIComponent(back)}` : '/sign-in';
}

/**
 * Every parsed input passes here before any schema or handler sees it (ADR 0012). An id
 * with a control or bidi character cannot name anything: 404, like any unknown id. The API
 * refuses control characters in query and body with the field's name; pages drop them, so
 * a stray pasted character never costs a person their form. Bidi overrides are dropped
 * everywhere, and a multipart body without its boundary is refused before it is read.
 */
function guardInput(app: App): void {
  app.addHook('preValidation', async (req) => {
    const params = req.params as Record<string, unknown> | undefined;
    for (const v of Object.values(params ?? {})) {
      if (typeof v === 'string' && (hasControlCharacters(v) || withoutBidiControls(v) !== v)) throw notFound();
    }
    const type = String(req.headers['content-type'] ?? '').toLowerCase();
    if (type.startsWith('multipart/') && !/;\s*boundary=\S/.test(type)) throw badRequest();
    const api = isApiRequest(req);
    for (const part of ['query', 'body'] as const) {
      const value: unknown = req[part];
      if (value === undefined || value === null) continue;
      const check = checkInput(value, { strip: !api });
      if (check.tooDeep) throw new AppError(400, 'invalid', 'errors.tooDeep');
      if (api && check.controlAt.length) {
        throw invalid(Object.fromEntries(check.controlAt.map((path) => [path, 'errors.controlCharacters' as const])));
      }
      (req as { [k in typeof part]: unknown })[part] = check.value;
    }
  });
}

function acceptsHtml(req: FastifyRequest): boolean {
  const accept = req.headers.accept ?? '';
  return accept === '' || accept.includes('text/html') || accept.includes('*/*');
}
