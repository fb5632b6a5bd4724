import { HOME_REASSURANCE } from '../../content/reassurance.ts';
import { formatCalendarDate, SERVER_TIME_ZONE, timeZones } from '../../platform/dates.ts';
import {
  Alert,
  Csrf,
  ErrorSummary,
  formatDateTime,
  PostButton,
  Select,
  TextInput,
} from '../../platform/ui/components.tsx';
import { Layout } from '../../platform/ui/layout.tsx';
import type { FormState, PageContext } from '../../platform/ui/page-context.ts';
import { SourcedText } from '../../platform/ui/sourced.tsx';
import { PASSWORD_MIN } from './accounts.ts';
import type { TokenSummary } from './accounts-store.ts';

export function HomePage({ ctx }: { ctx: PageContext }) {
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('home.title')}>
      <div class="usa-prose margin-y-4">
        <h1>{t('home.heading')}</h1>
        <p class="usa-intro">{t('home.intro')}</p>
        <p>{t('home.what')}</p>
        <ul>
          <li>{t('home.point.decide')}</li>
          <li>{t('home.point.prepare')}</li>
          <li>{t('home.point.records')}</li>
          <li>{t('home.point.compare')}</li>
        </ul>
        {/* Asking needs no permission from the doctor, but some plans need a referral or an approval first. */}
        <div>
          {HOME_REASSURANCE.map((item) => (
            <p data-fact={item.id}>
              <SourcedText ctx={ctx} item={item} />
            </p>
          ))}
        </div>
        <p>
          <a class="usa-button" href="/sign-up">
            {t('home.start')}
          </a>
          <a class="usa-button usa-button--outline" href="/sign-in">
            {t('nav.signIn')}
          </a>
        </p>
        <p class="so-meta">{t('home.privacy')}</p>
      </div>
    </Layout>
  );
}

export function SignUpPage({ ctx, form }: { ctx: PageContext; form: FormState }) {
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('signUp.title')}>
      <div class="grid-row">
        <div class="grid-col-12 tablet:grid-col-8 desktop:grid-col-6">
          <h1>{t('signUp.title')}</h1>
          <p>{t('signUp.intro')}</p>
          <ErrorSummary ctx={ctx} form={form} />
          <form class="usa-form usa-form--large" method="post" action="/sign-up" novalidate>
            <Csrf ctx={ctx} />
            <TextInput
              ctx={ctx}
              form={form}
              name="displayName"
              label="signUp.name"
              hint="signUp.nameHint"
              autocomplete="name"
              required
              maxLength={100}
            />
            <TextInput
              ctx={ctx}
              form={form}
              name="email"
              label="form.email"
              type="email"
              autocomplete="email"
              required
              maxLength={254}
            />
            <TextInput
              ctx={ctx}
              form={form}
              name="password"
              label="form.password"
              type="password"
              hintText={t('signUp.passwordHint', { min: PASSWORD_MIN })}
              autocomplete="new-password"
              required
            />
            <button class="usa-button" type="submit">
              {t('signUp.submit')}
            </button>
          </form>
          <p>
            {t('signUp.haveAccount')} <a href="/sign-in">{t('nav.signIn')}</a>
          </p>
        </div>
      </div>
    </Layout>
  );
}

export function SignInPage({
  ctx,
  form,
  next,
  failed,
}: {
  ctx: PageContext;
  form: FormState;
  next: string;
  failed?: 'wrong' | 'locked';
}) {
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('signIn.title')}>
      <div class="grid-row">
        <div class="grid-col-12 tablet:grid-col-8 desktop:grid-col-6">
          <h1>{t('signIn.title')}</h1>
          {failed === 'wrong' ? (
            <Alert type="error" role="alert" heading={t('signIn.failedHeading')}>
              <p>{t('accounts.errors.signInFailed')}</p>
            </Alert>
          ) : null}
          {failed === 'locked' ? (
            <Alert type="error" role="alert" heading={t('signIn.lockedHeading')}>
              <p>{t('accounts.errors.locked')}</p>
            </Alert>
          ) : null}
          <ErrorSummary ctx={ctx} form={form} />
          <form class="usa-form usa-form--large" method="post" action="/sign-in" novalidate>
            <Csrf ctx={ctx} />
            <input type="hidden" name="next" value={next} />
            <TextInput
              ctx={ctx}
              form={form}
              name="email"
              label="form.email"
              type="email"
              autocomplete="username"
              required
            />
            <TextInput
              ctx={ctx}
              form={form}
              name="password"
              label="form.password"
              type="password"
              autocomplete="current-password"
              required
            />
            <button class="usa-button" type="submit">
              {t('signIn.submit')}
            </button>
          </form>
          <p>
            <a href="/forgot-password">{t('signIn.forgot')}</a>
          </p>
          <p>
            {t('signIn.noAccount')} <a href="/sign-up">{t('nav.signUp')}</a>
          </p>
        </div>
      </div>
    </Layout>
  );
}

export function ForgotPasswordPage({
  ctx,
  form,
  mailEnabled,
  sent,
}: {
  ctx: PageContext;
  form: FormState;
  mailEnabled: boolean;
  sent: boolean;
}) {
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('forgot.title')}>
      <div class="usa-prose margin-y-2">
        <h1>{t('forgot.title')}</h1>
        {sent ? (
          <Alert type="success" role="status">
            <p>{t('forgot.sent')}</p>
          </Alert>
        ) : null}
        {mailEnabled ? (
          <>
            <p>{t('forgot.intro')}</p>
            <ErrorSummary ctx={ctx} form={form} />
            <form class="usa-form usa-form--large" method="post" action="/forgot-password" novalidate>
              <Csrf ctx={ctx} />
              <TextInput
                ctx={ctx}
                form={form}
                name="email"
                label="form.email"
                type="email"
                autocomplete="email"
                required
              />
              <button class="usa-button" type="submit">
                {t('forgot.submit')}
              </button>
            </form>
          </>
        ) : (
          <>
            <p>{t('forgot.noMail')}</p>
            <p>{t('forgot.noMailAsk')}</p>
            <pre>
              <code>npx second-opinion reset-password you@example.com</code>
            </pre>
            <p>{t('forgot.noMailThen')}</p>
          </>
        )}
      </div>
    </Layout>
  );
}

export function ResetPasswordPage({
  ctx,
  form,
  token,
  valid,
}: {
  ctx: PageContext;
  form: FormState;
  token: string;
  valid: boolean;
}) {
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('reset.title')}>
      <div class="grid-row">
        <div class="grid-col-12 tablet:grid-col-8 desktop:grid-col-6">
          <h1>{t('reset.title')}</h1>
          {valid ? (
            <>
              <ErrorSummary ctx={ctx} form={form} />
              <form
                class="usa-form usa-form--large"
                method="post"
                action={`/reset-password/${encodeURIComponent(token)}`}
                novalidate
              >
                <Csrf ctx={ctx} />
                <TextInput
                  ctx={ctx}
                  form={form}
                  name="newPassword"
                  label="reset.newPassword"
                  type="password"
                  hintText={t('signUp.passwordHint', { min: PASSWORD_MIN })}
                  autocomplete="new-password"
                  required
                />
                <button class="usa-button" type="submit">
                  {t('reset.submit')}
                </button>
              </form>
            </>
          ) : (
            <Alert type="warning" heading={t('reset.invalidHeading')}>
              <p>{t('reset.invalid')}</p>
              <p>
                <a href="/forgot-password">{t('reset.again')}</a>
              </p>
            </Alert>
          )}
        </div>
      </div>
    </Layout>
  );
}

export function SettingsPage({
  ctx,
  email,
  passwordForm,
  tokenForm,
  tokens,
  newToken,
  timeZoneForm,
  today,
}: {
  ctx: PageContext;
  email: string;
  passwordForm: FormState;
  tokenForm: FormState;
  tokens: TokenSummary[];
  newToken?: { name: string; token: string };
  /** The person's zone in `timeZone` ("" for the server's), or what they sent with its message. */
  timeZoneForm: FormState;
  /** Today on the person's wall clock. */
  today: string;
}) {
  const t = ctx.t;
  const live = tokens.filter((k) => !k.revokedAt);
  const revoked = tokens.filter((k) => k.revokedAt);
  return (
    <Layout ctx={ctx} title={t('settings.title')} nav="settings">
      <h1>{t('settings.title')}</h1>
      <p>{t('settings.signedInWith', { email })}</p>

      <section aria-labelledby="password-heading" class="margin-top-4">
        <h2 id="password-heading">{t('settings.password.heading')}</h2>
        <ErrorSummary ctx={ctx} form={passwordForm} />
        <form class="usa-form usa-form--large" method="post" action="/settings/password" novalidate>
          <Csrf ctx={ctx} />
          <TextInput
            ctx={ctx}
            form={passwordForm}
            name="currentPassword"
            label="settings.password.current"
            type="password"
            autocomplete="current-password"
            required
          />
          <TextInput
            ctx={ctx}
            form={passwordForm}
            name="newPassword"
            label="settings.password.new"
            type="password"
            hintText={t('signUp.passwordHint', { min: PASSWORD_MIN })}
            autocomplete="new-password"
            required
          />
          <button class="usa-button" type="submit">
            {t('settings.password.submit')}
          </button>
        </form>
      </section>

      <section aria-labelledby="time-zone-heading" class="margin-top-6">
        <h2 id="time-zone-heading">{t('settings.timeZone.heading')}</h2>
        <p>{t('settings.timeZone.intro')}</p>
        <p>
          {t('settings.timeZone.today', { date: formatCalendarDate(today, ctx.lang === 'es' ? 'es-US' : 'en-US') })}
        </p>
        <ErrorSummary ctx={ctx} form={timeZoneForm} />
        <form class="usa-form" method="post" action="/settings/time-zone" novalidate>
          <Csrf ctx={ctx} />
          <Select
            ctx={ctx}
            form={timeZoneForm}
            name="timeZone"
            label="settings.timeZone.label"
            hintText={t('settings.timeZone.hint', { zone: SERVER_TIME_ZONE })}
            placeholder="settings.timeZone.server"
            choices={timeZones().map((zone) => ({ value: zone, text: zone }))}
          />
          <button class="usa-button usa-button--outline" type="submit">
            {t('settings.timeZone.submit')}
          </button>
        </form>
      </section>

      <section aria-labelledby="tokens-heading" class="margin-top-6">
        <h2 id="tokens-heading">{t('settings.tokens.heading')}</h2>
        <p>{t('settings.tokens.intro')}</p>
        {newToken ? (
          <Alert type="success" role="status" heading={t('settings.tokens.createdHeading', { name: newToken.name })}>
            <p>{t('settings.tokens.copyNow')}</p>
            <p>
              <code class="so-token">{newToken.token}</code>
            </p>
          </Alert>
        ) : null}
        {live.length === 0 ? (
          <p>{t('settings.tokens.none')}</p>
        ) : (
          <table class="usa-table usa-table--borderless">
            <caption class="usa-sr-only">{t('settings.tokens.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('settings.tokens.name')}</th>
                <th scope="col">{t('settings.tokens.created')}</th>
                <th scope="col">{t('settings.tokens.lastUsed')}</th>
                <th scope="col">
                  <span class="usa-sr-only">{t('settings.tokens.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {live.map((k) => (
                <tr>
                  <th scope="row">{k.name}</th>
                  <td>{formatDateTime(ctx, k.createdAt)}</td>
                  <td>{k.lastUsedAt ? formatDateTime(ctx, k.lastUsedAt) : t('settings.tokens.never')}</td>
                  <td>
                    <PostButton
                      ctx={ctx}
                      action={`/settings/tokens/${k.id}/revoke`}
                      label={t('settings.tokens.revoke', { name: k.name })}
                      variant="secondary"
                      confirm={t('settings.tokens.revokeConfirm')}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {revoked.length > 0 ? (
          <p class="so-meta">{t('settings.tokens.revokedCount', { count: revoked.length })}</p>
        ) : null}
        <ErrorSummary ctx={ctx} form={tokenForm} />
        <form class="usa-form" method="post" action="/settings/tokens" novalidate>
          <Csrf ctx={ctx} />
          <TextInput
            ctx={ctx}
            form={tokenForm}
            name="name"
            label="settings.tokens.newName"
            hint="settings.tokens.newNameHint"
            required
            maxLength={60}
          />
          <button class="usa-button usa-button--outline" type="submit">
            {t('settings.tokens.create')}
          </button>
        </form>
      </section>
    </Layout>
  );
}
