import type { FastifyRequest } from 'fastify';
import { h } from 'preact';
import { unwrap } from '../../platform/actions.ts';
import type { FeatureRegistrar } from '../../platform/http/app.ts';
import {
  afterCommit,
  type CookieChange,
  caseRoutes,
  empty,
  json,
  type Outcome,
  page,
  redirect,
  withCookies,
} from '../../platform/http/case-route.ts';
import { COOKIE, parseWith, requireUser, safeLocalPath } from '../../platform/http/context.ts';
import { AppError, conflict, notFound, tooManyRequests } from '../../platform/http/errors.ts';
import { emptyForm, type FormState } from '../../platform/ui/page-context.ts';
import { type AccountScope, accountRoutes } from './account-route.ts';
import {
  changePasswordSchema,
  forgotPasswordSchema,
  newTokenSchema,
  resetPasswordSchema,
  SIGN_IN_FAILED,
  signInSchema,
  signUpSchema,
} from './accounts.ts';
import * as act from './accounts-actions.ts';
import {
  createAccountSchema,
  createTokenSchema,
  getAccountSchema,
  listTokensSchema,
  patchAccountSchema,
  revokeTokenSchema,
} from './accounts-api.ts';
import { findUsableReset, findUserById } from './accounts-store.ts';
import {
  ForgotPasswordPage,
  HomePage,
  ResetPasswordPage,
  SettingsPage,
  SignInPage,
  SignUpPage,
} from './accounts-views.tsx';

// Thin adapters over the accounts actions (ADR 0014): parse, hash a password if there is
// one (before the transaction, see account-route.ts), call the action, answer.

/** Kept here for the CLI and tests, which have always found it with the routes. */
export const issueResetLink = act.issueResetLink;

export const registerAccounts: FeatureRegistrar = (app, deps, ui) => {
  const { config } = deps;
  const secure = config.secureCookies;
  const p = accountRoutes(app, deps, ui);
  const r = caseRoutes(app, deps, ui);
  const signInLimit = { rateLimit: { max: 30, timeWindow: '1 minute' } };
  const sessionCookie = (token: string | null): CookieChange => ({
    name: COOKIE.session,
    value: token,
    options: token === null ? { path: '/' } : { path: '/', httpOnly: true, sameSite: 'lax', secure },
  });
  const signedIn = (req: FastifyRequest) => req.actor.kind === 'user';

  // ---------- getting in ----------

  p.page('GET', '/', { access: 'public' }, async (req) =>
    signedIn(req) ? redirect('/dashboard') : page((ctx) => h(HomePage, { ctx })),
  );

  const signUpPage = (form: FormState, status = 200) => page((ctx) => h(SignUpPage, { ctx, form }), status);
  p.page('GET', '/sign-up', { access: 'public' }, async (req) =>
    signedIn(req) ? redirect('/dashboard') : signUpPage(emptyForm()),
  );

  p.page('POST', '/sign-up', { access: 'public', config: signInLimit }, async (_req, { form }) => {
    const parsed = parseWith(signUpSchema, form);
    if (!parsed.ok) return signUpPage({ values: form, errors: parsed.errors }, 400);
    const passwordHash = await deps.passwords.hash(parsed.data.password);
    return async (s) => {
      const made = await act.signUp(s, { ...parsed.data, passwordHash }, 'session');
      if (!made.ok) return signUpPage({ values: form, errors: made.errors }, 400);
      return withCookies(redirect('/dashboard', 'signUp.welcome'), sessionCookie(made.value.sessionToken));
    };
  });

  const signInPage = (form: FormState, next: string, status = 200, failed?: 'wrong' | 'locked') =>
    page((ctx) => h(SignInPage, { ctx, form, next, failed }), status);

  p.page('GET', '/sign-in', { access: 'public' }, async (req, { query }) => {
    const next = safeLocalPath(query.next);
    return signedIn(req) ? redirect(next) : signInPage(emptyForm(), next);
  });

  p.page('POST', '/sign-in', { access: 'public', config: signInLimit }, async (req, { form }) => {
    const next = safeLocalPath(form.next);
    const parsed = parseWith(signInSchema, form);
    if (!parsed.ok) return signInPage({ values: form, errors: parsed.errors }, next, 400);
    const check = await act.checkPassword(deps, parsed.data.email, parsed.data.password, req.ip);
    return async (s) => {
      const result = await act.signIn(s, check);
      if (!result.ok) {
        const status = result.reason === 'locked' ? 429 : 401;
        return signInPage(emptyForm({ email: form.email }), next, status, result.reason);
      }
      return withCookies(redirect(next), sessionCookie(result.sessionToken));
    };
  });

  p.page('POST', '/sign-out', { access: 'public' }, async () => async (s) => {
    await act.signOut(s);
    return withCookies(redirect('/', 'signOut.done'), sessionCookie(null));
  });

  // ---------- a forgotten password ----------

  const forgotPage = (form: FormState, sent: boolean, status = 200) =>
    page((ctx) => h(ForgotPasswordPage, { ctx, form, mailEnabled: deps.mailer.enabled, sent }), status);

  p.page('GET', '/forgot-password', { access: 'public' }, async () => forgotPage(emptyForm(), false));

  p.page('POST', '/forgot-password', { access: 'public', config: signInLimit }, async (_req, { form }) => {
    if (!deps.mailer.enabled) throw notFound();
    const parsed = parseWith(forgotPasswordSchema, form);
    if (!parsed.ok) return forgotPage({ values: form, errors: parsed.errors }, false, 400);
    return async (s) => {
      const mail = await act.requestReset(s, parsed.data.email);
      // Mail goes out after the commit, so a link is never sent that was not saved, and the
      // transaction never waits on the mail server. The same answer whether or not the
      // address has an account.
      return afterCommit(async () => {
        if (mail) await deps.mailer.send(mail);
        return forgotPage(emptyForm(), true);
      });
    };
  });

  const resetPage = (token: string, valid: boolean, form: FormState = emptyForm(), status = valid ? 200 : 404) =>
    page((ctx) => h(ResetPasswordPage, { ctx, form, token, valid }), status);

  p.page(
    'GET',
    '/reset-password/:token',
    { access: 'public' },
    async (_req, { params }) =>
      async (s) =>
        resetPage(params.token!, await act.resetUsable(s, params.token!)),
  );

  p.page(
    'POST',
    '/reset-password/:token',
    { access: 'public', config: signInLimit },
    async (_req, { params, form }) => {
      const token = params.token!;
      const reset = await findUsableReset(deps.db, token, deps.clock.now().toISOString());
      if (!reset) return resetPage(token, false);
      const parsed = parseWith(resetPasswordSchema, form);
      if (!parsed.ok) return resetPage(token, true, { values: form, errors: parsed.errors }, 400);
      const hash = await deps.passwords.hash(parsed.data.newPassword);
      return async (s) =>
        (await act.resetPassword(s, reset, hash)) ? redirect('/sign-in', 'reset.done') : resetPage(token, false);
    },
  );

  // ---------- settings ----------

  type SettingsExtra = {
    passwordForm?: FormState;
    tokenForm?: FormState;
    timeZoneForm?: FormState;
    newToken?: { name: string; token: string };
  };
  const settingsPage = async (s: act.UserAccountScope, extra: SettingsExtra = {}, status = 200): Promise<Outcome> => {
    const tokens = await act.listTokens(s);
    const timeZoneForm = extra.timeZoneForm ?? emptyForm({ timeZone: await act.timeZoneOf(s) });
    return page(
      (ctx) =>
        h(SettingsPage, {
          ctx,
          email: s.user.email,
          passwordForm: extra.passwordForm ?? emptyForm(),
          tokenForm: extra.tokenForm ?? emptyForm(),
          tokens,
          newToken: extra.newToken,
          timeZoneForm,
          today: s.today,
        }),
      status,
    );
  };
  const asUser = (s: AccountScope): act.UserAccountScope => ({ ...s, user: requireUser(s.req) });

  r.userPage('GET', '/settings', {}, (s) => settingsPage(s));

  p.page('POST', '/settings/password', { access: 'user' }, async (req, { form: values }) => {
    const parsed = parseWith(changePasswordSchema, values);
    if (!parsed.ok) return (s) => settingsPage(asUser(s), { passwordForm: { values, errors: parsed.errors } }, 400);
    const row = await findUserById(deps.db, requireUser(req).userId);
    if (!row || !(await deps.passwords.verify(row.passwordHash, parsed.data.currentPassword))) {
      const errors = { currentPassword: 'settings.password.wrongCurrent' } as const;
      return (s) => settingsPage(asUser(s), { passwordForm: { values, errors } }, 400);
    }
    const hash = await deps.passwords.hash(parsed.data.newPassword);
    return async (s) => {
      await act.changePassword(asUser(s), hash);
      return redirect('/settings', 'settings.password.changed');
    };
  });

  r.userPage('POST', '/settings/time-zone', {}, async (s, { form: values }) => {
    const saved = await act.setTimeZone(s, values.timeZone ?? null);
    if (!saved.ok) return settingsPage(s, { timeZoneForm: { values, errors: saved.errors } }, 400);
    return redirect('/settings', 'settings.timeZone.saved');
  });

  r.userPage('POST', '/settings/tokens', {}, async (s, { form: values }) => {
    const parsed = parseWith(newTokenSchema, values);
    if (!parsed.ok) return settingsPage(s, { tokenForm: { values, errors: parsed.errors } }, 400);
    const made = await act.createToken(s, parsed.data.name);
    // Shown once, on this response only; it is not stored anywhere we could show it again.
    return settingsPage(s, { newToken: { name: parsed.data.name, token: made.token } }, 201);
  });

  r.userPage('POST', '/settings/tokens/:tokenId/revoke', {}, async (s, { params }) => {
    await act.revokeToken(s, params.tokenId!);
    return redirect('/settings', 'settings.tokens.revoked');
  });

  p.page('POST', '/settings/text-size', { access: 'public' }, async (_req, { form }) => {
    const size = form.size === 'large' || form.size === 'xlarge' ? form.size : 'normal';
    const cookie = { path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge: 365 * 86400 } as const;
    return withCookies(redirect(safeLocalPath(form.returnTo, '/')), {
      name: COOKIE.text,
      value: size,
      options: cookie,
    });
  });

  // ---------- JSON API ----------

  p.api(
    'POST',
    '/api/v1/accounts',
    { access: 'public', config: signInLimit, schema: createAccountSchema },
    async (_req, { body }) => {
      const passwordHash = await deps.passwords.hash(body.password);
      return async (s) => {
        const made = await act.signUp(s, { ...body, passwordHash }, 'token');
        if (!made.ok) throw conflict('accounts.errors.emailTaken');
        return json(
          { id: made.value.userId, email: body.email, displayName: body.displayName, patientId: made.value.patientId },
          201,
        );
      };
    },
  );

  p.api(
    'POST',
    '/api/v1/tokens',
    { access: 'public', config: signInLimit, schema: createTokenSchema },
    async (req, { body }) => {
      const check = await act.checkPassword(deps, body.email, body.password, req.ip);
      const name = body.name ?? 'API';
      return async (s) => {
        const made = await act.exchangePassword(s, check, name);
        // A failure is counted, so it must commit before the error answer goes out.
        if (!made.ok) return afterCommit(async () => Promise.reject(signInRefusal(made.reason)));
        return json({ id: made.id, token: made.token, name, createdAt: made.createdAt }, 201);
      };
    },
  );

  r.userApi('GET', '/api/v1/account', { schema: getAccountSchema }, (s) => act.accountOf(s));

  r.userApi('PATCH', '/api/v1/account', { schema: patchAccountSchema }, async (s, { body }) => {
    unwrap(await act.setTimeZone(s, body.timeZone));
    return act.accountOf(s);
  });

  r.userApi('GET', '/api/v1/tokens', { schema: listTokensSchema }, async (s) => ({ tokens: await act.listTokens(s) }));

  r.userApi('DELETE', '/api/v1/tokens/:tokenId', { schema: revokeTokenSchema }, async (s, { params }) => {
    await act.revokeToken(s, params.tokenId);
    return empty(204);
  });
};

const signInRefusal = (reason: 'wrong' | 'locked') =>
  reason === 'locked' ? tooManyRequests('accounts.errors.locked') : new AppError(401, 'unauthorized', SIGN_IN_FAILED);
