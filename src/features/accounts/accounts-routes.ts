import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { z } from 'zod';
import { createApiToken, createSession, deleteOtherSessions, deleteSession } from '../../platform/auth/sessions.ts';
import { newSecret } from '../../platform/auth/tokens.ts';
import { isUniqueViolation } from '../../platform/db/database.ts';
import { transact, type Deps } from '../../platform/deps.ts';
import type { FeatureRegistrar } from '../../platform/http/app.ts';
import {
  COOKIE,
  formValues,
  parseWith,
  requireUser,
  safeLocalPath,
  sendPage,
  setFlash,
} from '../../platform/http/context.ts';
import { AppError, conflict, notFound, tooManyRequests } from '../../platform/http/errors.ts';
import { translator } from '../../platform/i18n/i18n.ts';
import { emptyForm, type FormState } from '../../platform/ui/page-context.ts';
import { idParam } from '../../platform/validation.ts';
import {
  changePasswordSchema,
  forgotPasswordSchema,
  newTokenSchema,
  resetPasswordSchema,
  SIGN_IN_FAILED,
  signInSchema,
  signUpSchema,
  tokenRequestSchema,
} from './accounts.ts';
import {
  accountKey,
  clearFailures,
  countRecentFailures,
  createPasswordReset,
  createUserWithOwnProfile,
  findUsableReset,
  findUserByEmail,
  findUserById,
  listTokens,
  markResetUsed,
  pruneFailures,
  recordFailure,
  revokeToken,
  setPassword,
  type UserRow,
} from './accounts-store.ts';
import { ForgotPasswordPage, HomePage, ResetPasswordPage, SettingsPage, SignInPage, SignUpPage } from './accounts-views.tsx';

type AuthResult = { ok: true; user: UserRow } | { ok: false; reason: 'wrong' | 'locked' };

/**
 * Checks an email and password, counting failures per account and per address in the
 * database. An unknown email costs the same hashing time as a wrong password, and gets
 * the same answer.
 */
async function authenticate(deps: Deps, email: string, password: string, ip: string): Promise<AuthResult> {
  const { db, clock, config, passwords } = deps;
  const now = clock.now();
  const since = new Date(now.getTime() - config.signInLimits.windowMinutes * 60_000).toISOString();
  const key = { account: accountKey(email), ip };
  const counts = await countRecentFailures(db, since, key);
  if (counts.account >= config.signInLimits.perAccount || counts.ip >= config.signInLimits.perIp) {
    return { ok: false, reason: 'locked' };
  }
  const user = await findUserByEmail(db, email);
  const ok = user ? await passwords.verify(user.passwordHash, password) : (await passwords.verify(await dummyHash(deps), password), false);
  if (!ok || !user) {
    await recordFailure(db, now.toISOString(), key);
    // Old rows only slow the count down; drop them now and then.
    if (Math.random() < 0.05) await pruneFailures(db, new Date(now.getTime() - 86400_000).toISOString());
    return { ok: false, reason: 'wrong' };
  }
  await clearFailures(db, key.account);
  return { ok: true, user };
}

let dummy: Promise<string> | undefined;
const dummyHash = (deps: Deps) => (dummy ??= deps.passwords.hash(newSecret()));

export const registerAccounts: FeatureRegistrar = (app, deps, ui) => {
  const { config, clock, db } = deps;
  const secure = config.secureCookies;
  const page = ui.page;

  const startSession = async (req: FastifyRequest, reply: FastifyReply, userId: string) => {
    // A fresh session id at sign-in, so a session planted before sign-in is worthless.
    const old = req.actor.kind === 'user' ? req.actor.sessionId : undefined;
    if (old) await deleteSession(db, old);
    const { token } = await createSession(db, clock, userId, config.sessionIdleHours);
    reply.setCookie(COOKIE.session, token, { path: '/', httpOnly: true, sameSite: 'lax', secure });
  };

  const signInLimit = { rateLimit: { max: 30, timeWindow: '1 minute' } };

  // ---------- pages ----------

  app.get('/', { config: { access: 'public' } }, async (req, reply) => {
    if (req.actor.kind === 'user') return reply.redirect('/dashboard', 303);
    return sendPage(reply, h(HomePage, { ctx: page(req) }));
  });

  app.get('/sign-up', { config: { access: 'public' } }, async (req, reply) => {
    if (req.actor.kind === 'user') return reply.redirect('/dashboard', 303);
    return sendPage(reply, h(SignUpPage, { ctx: page(req), form: emptyForm() }));
  });

  app.post('/sign-up', { config: { access: 'public', ...signInLimit } }, async (req, reply) => {
    const values = formValues(req.body as Record<string, unknown>);
    const parsed = parseWith(signUpSchema, values);
    const again = (form: FormState) => sendPage(reply, h(SignUpPage, { ctx: page(req), form }), 400);
    if (!parsed.ok) return again({ values, errors: parsed.errors });
    const input = parsed.data;
    const passwordHash = await deps.passwords.hash(input.password);
    let created: { userId: string; patientId: string };
    try {
      created = await transact(deps, req, async ({ trx, audit }) => {
        const r = await createUserWithOwnProfile(trx, clock.now().toISOString(), { ...input, passwordHash });
        req.actor = { kind: 'user', userId: r.userId, displayName: input.displayName, email: input.email, via: 'session' };
        await audit({ action: 'account.create', patientId: r.patientId, objectType: 'user', objectId: r.userId });
        return r;
      });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      return again({ values, errors: { email: 'accounts.errors.emailTaken' } });
    }
    await startSession(req, reply, created.userId);
    setFlash(reply, 'signUp.welcome', secure);
    return reply.redirect('/dashboard', 303);
  });

  app.get('/sign-in', { config: { access: 'public' } }, async (req, reply) => {
    const next = safeLocalPath((req.query as Record<string, unknown>).next);
    if (req.actor.kind === 'user') return reply.redirect(next, 303);
    return sendPage(reply, h(SignInPage, { ctx: page(req), form: emptyForm(), next }));
  });

  app.post('/sign-in', { config: { access: 'public', ...signInLimit } }, async (req, reply) => {
    const values = formValues(req.body as Record<string, unknown>);
    const next = safeLocalPath(values.next);
    const parsed = parseWith(signInSchema, values);
    if (!parsed.ok) return sendPage(reply, h(SignInPage, { ctx: page(req), form: { values, errors: parsed.errors }, next }), 400);
    const result = await authenticate(deps, parsed.data.email, parsed.data.password, req.ip);
    if (!result.ok) {
      const status = result.reason === 'locked' ? 429 : 401;
      return sendPage(reply, h(SignInPage, { ctx: page(req), form: emptyForm({ email: values.email }), next, failed: result.reason }), status);
    }
    await startSession(req, reply, result.user.id);
    await transact(deps, req, async ({ audit }) => {
      req.actor = { kind: 'user', userId: result.user.id, displayName: result.user.displayName, email: result.user.email, via: 'session' };
      await audit({ action: 'account.sign_in', patientId: null, objectType: 'user', objectId: result.user.id });
    });
    return reply.redirect(next, 303);
  });

  app.post('/sign-out', { config: { access: 'public' } }, async (req, reply) => {
    if (req.actor.kind === 'user' && req.actor.sessionId) await deleteSession(db, req.actor.sessionId);
    reply.clearCookie(COOKIE.session, { path: '/' });
    setFlash(reply, 'signOut.done', secure);
    return reply.redirect('/', 303);
  });

  app.get('/forgot-password', { config: { access: 'public' } }, async (req, reply) =>
    sendPage(reply, h(ForgotPasswordPage, { ctx: page(req), form: emptyForm(), mailEnabled: deps.mailer.enabled, sent: false })),
  );

  app.post('/forgot-password', { config: { access: 'public', ...signInLimit } }, async (req, reply) => {
    if (!deps.mailer.enabled) throw notFound();
    const values = formValues(req.body as Record<string, unknown>);
    const parsed = parseWith(forgotPasswordSchema, values);
    if (!parsed.ok) {
      return sendPage(reply, h(ForgotPasswordPage, { ctx: page(req), form: { values, errors: parsed.errors }, mailEnabled: true, sent: false }), 400);
    }
    const user = await findUserByEmail(db, parsed.data.email);
    if (user) {
      const link = await issueResetLink(deps, user.id);
      const t = translator('en');
      await deps.mailer.send({ to: user.email, subject: t('mail.reset.subject'), text: t('mail.reset.body', { link }) });
    }
    // The same answer whether or not the address has an account.
    return sendPage(reply, h(ForgotPasswordPage, { ctx: page(req), form: emptyForm(), mailEnabled: true, sent: true }));
  });

  app.get('/reset-password/:token', { config: { access: 'public' } }, async (req, reply) => {
    const { token } = req.params as { token: string };
    const valid = !!(await findUsableReset(db, token, clock.now().toISOString()));
    return sendPage(reply, h(ResetPasswordPage, { ctx: page(req), form: emptyForm(), token, valid }), valid ? 200 : 404);
  });

  app.post('/reset-password/:token', { config: { access: 'public', ...signInLimit } }, async (req, reply) => {
    const { token } = req.params as { token: string };
    const values = formValues(req.body as Record<string, unknown>);
    const now = clock.now().toISOString();
    const reset = await findUsableReset(db, token, now);
    if (!reset) return sendPage(reply, h(ResetPasswordPage, { ctx: page(req), form: emptyForm(), token, valid: false }), 404);
    const parsed = parseWith(resetPasswordSchema, values);
    if (!parsed.ok) return sendPage(reply, h(ResetPasswordPage, { ctx: page(req), form: { values, errors: parsed.errors }, token, valid: true }), 400);
    const hash = await deps.passwords.hash(parsed.data.newPassword);
    const done = await transact(deps, req, async ({ trx, audit }) => {
      if (!(await markResetUsed(trx, reset.id, now))) return false;
      await setPassword(trx, reset.userId, hash, now);
      // Whoever may have had the old password loses every session.
      await deleteOtherSessions(trx, reset.userId);
      await audit({ action: 'account.password_reset', patientId: null, objectType: 'user', objectId: reset.userId });
      return true;
    });
    if (!done) return sendPage(reply, h(ResetPasswordPage, { ctx: page(req), form: emptyForm(), token, valid: false }), 404);
    setFlash(reply, 'reset.done', secure);
    return reply.redirect('/sign-in', 303);
  });

  const settingsPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    extra: { passwordForm?: FormState; tokenForm?: FormState; newToken?: { name: string; token: string } } = {},
    status = 200,
  ) => {
    const user = requireUser(req);
    const tokens = await listTokens(db, user.userId);
    return sendPage(
      reply,
      h(SettingsPage, {
        ctx: page(req),
        email: user.email,
        passwordForm: extra.passwordForm ?? emptyForm(),
        tokenForm: extra.tokenForm ?? emptyForm(),
        tokens,
        newToken: extra.newToken,
      }),
      status,
    );
  };

  app.get('/settings', { config: { access: 'user' } }, async (req, reply) => settingsPage(req, reply));

  app.post('/settings/password', { config: { access: 'user' } }, async (req, reply) => {
    const user = requireUser(req);
    const values = formValues(req.body as Record<string, unknown>);
    const parsed = parseWith(changePasswordSchema, values);
    if (!parsed.ok) return settingsPage(req, reply, { passwordForm: { values, errors: parsed.errors } }, 400);
    const row = await findUserById(db, user.userId);
    if (!row || !(await deps.passwords.verify(row.passwordHash, parsed.data.currentPassword))) {
      return settingsPage(req, reply, { passwordForm: { values, errors: { currentPassword: 'settings.password.wrongCurrent' } } }, 400);
    }
    const hash = await deps.passwords.hash(parsed.data.newPassword);
    await transact(deps, req, async ({ trx, audit }) => {
      await setPassword(trx, user.userId, hash, clock.now().toISOString());
      await deleteOtherSessions(trx, user.userId, user.sessionId);
      await audit({ action: 'account.password_change', patientId: null, objectType: 'user', objectId: user.userId });
    });
    setFlash(reply, 'settings.password.changed', secure);
    return reply.redirect('/settings', 303);
  });

  app.post('/settings/tokens', { config: { access: 'user' } }, async (req, reply) => {
    const user = requireUser(req);
    const values = formValues(req.body as Record<string, unknown>);
    const parsed = parseWith(newTokenSchema, values);
    if (!parsed.ok) return settingsPage(req, reply, { tokenForm: { values, errors: parsed.errors } }, 400);
    const created = await transact(deps, req, async ({ trx, audit }) => {
      const tok = await createApiToken(trx, clock, user.userId, parsed.data.name);
      await audit({ action: 'token.create', patientId: null, objectType: 'api_token', objectId: tok.id });
      return tok;
    });
    // Shown once, on this response only; it is not stored anywhere we could show it again.
    return settingsPage(req, reply, { newToken: { name: parsed.data.name, token: created.token } }, 201);
  });

  app.post('/settings/tokens/:tokenId/revoke', { config: { access: 'user' } }, async (req, reply) => {
    const user = requireUser(req);
    const { tokenId } = req.params as { tokenId: string };
    const ok = await transact(deps, req, async ({ trx, audit }) => {
      const done = await revokeToken(trx, user.userId, tokenId, clock.now().toISOString());
      if (done) await audit({ action: 'token.revoke', patientId: null, objectType: 'api_token', objectId: tokenId });
      return done;
    });
    if (!ok) throw notFound();
    setFlash(reply, 'settings.tokens.revoked', secure);
    return reply.redirect('/settings', 303);
  });

  app.post('/settings/text-size', { config: { access: 'public' } }, async (req, reply) => {
    const values = formValues(req.body as Record<string, unknown>);
    const size = values.size === 'large' || values.size === 'xlarge' ? values.size : 'normal';
    reply.setCookie(COOKIE.text, size, { path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge: 365 * 86400 });
    return reply.redirect(safeLocalPath(values.returnTo, '/'), 303);
  });

  // ---------- JSON API ----------

  const errorBody = z.object({ error: z.object({ code: z.string(), message: z.string(), fields: z.record(z.string(), z.string()).optional() }) });
  const tokenOut = z.object({ id: z.string(), name: z.string(), createdAt: z.string(), lastUsedAt: z.string().nullable(), revokedAt: z.string().nullable() });

  app.post(
    '/api/v1/accounts',
    {
      config: { access: 'public', ...signInLimit },
      schema: {
        tags: ['accounts'],
        summary: 'Create an account (with the holder’s own patient profile)',
        security: [],
        body: signUpSchema,
        response: { 201: z.object({ id: z.string(), email: z.string(), displayName: z.string(), patientId: z.string() }), 400: errorBody, 409: errorBody },
      },
    },
    async (req, reply) => {
      const input = req.body;
      const passwordHash = await deps.passwords.hash(input.password);
      try {
        const r = await transact(deps, req, async ({ trx, audit }) => {
          const created = await createUserWithOwnProfile(trx, clock.now().toISOString(), { ...input, passwordHash });
          req.actor = { kind: 'user', userId: created.userId, displayName: input.displayName, email: input.email, via: 'token' };
          await audit({ action: 'account.create', patientId: created.patientId, objectType: 'user', objectId: created.userId });
          return created;
        });
        return reply.code(201).send({ id: r.userId, email: input.email, displayName: input.displayName, patientId: r.patientId });
      } catch (err) {
        if (isUniqueViolation(err)) throw conflict('accounts.errors.emailTaken');
        throw err;
      }
    },
  );

  app.post(
    '/api/v1/tokens',
    {
      config: { access: 'public', ...signInLimit },
      schema: {
        tags: ['accounts'],
        summary: 'Exchange an email and password for a bearer token',
        security: [],
        body: tokenRequestSchema,
        response: { 201: z.object({ id: z.string(), token: z.string(), name: z.string(), createdAt: z.string() }), 400: errorBody, 401: errorBody, 429: errorBody },
      },
    },
    async (req, reply) => {
      const { email, password, name } = req.body;
      const result = await authenticate(deps, email, password, req.ip);
      if (!result.ok) throw result.reason === 'locked' ? tooManyRequests('accounts.errors.locked') : new AppError(401, 'unauthorized', SIGN_IN_FAILED);
      const tokenName = name ?? 'API';
      const created = await transact(deps, req, async ({ trx, audit }) => {
        const tok = await createApiToken(trx, clock, result.user.id, tokenName);
        req.actor = { kind: 'user', userId: result.user.id, displayName: result.user.displayName, email: result.user.email, via: 'token' };
        await audit({ action: 'token.create', patientId: null, objectType: 'api_token', objectId: tok.id });
        return tok;
      });
      return reply.code(201).send({ id: created.id, token: created.token, name: tokenName, createdAt: created.createdAt });
    },
  );

  app.get(
    '/api/v1/tokens',
    { config: { access: 'user' }, schema: { tags: ['accounts'], summary: 'List your API tokens', response: { 200: z.object({ tokens: z.array(tokenOut) }) } } },
    async (req) => ({ tokens: await listTokens(db, requireUser(req).userId) }),
  );

  app.delete(
    '/api/v1/tokens/:tokenId',
    { config: { access: 'user' }, schema: { tags: ['accounts'], summary: 'Revoke one of your API tokens', params: z.object({ tokenId: idParam }) } },
    async (req, reply) => {
      const user = requireUser(req);
      const ok = await transact(deps, req, async ({ trx, audit }) => {
        const done = await revokeToken(trx, user.userId, req.params.tokenId, clock.now().toISOString());
        if (done) await audit({ action: 'token.revoke', patientId: null, objectType: 'api_token', objectId: req.params.tokenId });
        return done;
      });
      if (!ok) throw notFound();
      return reply.code(204).send();
    },
  );

};

/** Makes a one-time link valid for an hour. Used by the CLI and by the email form. */
export async function issueResetLink(deps: Deps, userId: string): Promise<string> {
  const token = newSecret();
  await createPasswordReset(deps.db, userId, token, deps.clock.now(), 1);
  return `${deps.config.baseUrl}/reset-password/${token}`;
}
