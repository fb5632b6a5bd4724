import type { ComponentChildren } from 'preact';
import { Csrf } from './components.tsx';
import type { NavSection, PageContext, TextSize } from './page-context.ts';

const TEXT_SIZES: {
  value: TextSize;
  label: 'layout.textSize.normal' | 'layout.textSize.large' | 'layout.textSize.xlarge';
}[] = [
  { value: 'normal', label: 'layout.textSize.normal' },
  { value: 'large', label: 'layout.textSize.large' },
  { value: 'xlarge', label: 'layout.textSize.xlarge' },
];

function TextSizeControl({ ctx }: { ctx: PageContext }) {
  return (
    <form method="post" action="/settings/text-size" class="so-text-size" aria-labelledby="text-size-label">
      <Csrf ctx={ctx} />
      <input type="hidden" name="returnTo" value={ctx.path} />
      <span id="text-size-label">{ctx.t('layout.textSize')}</span>
      {TEXT_SIZES.map((s) => (
        <button
          type="submit"
          name="size"
          value={s.value}
          class="usa-button usa-button--outline"
          aria-pressed={ctx.textSize === s.value ? 'true' : 'false'}
        >
          {ctx.t(s.label)}
        </button>
      ))}
    </form>
  );
}

function NavLink({ href, current, children }: { href: string; current: boolean; children: ComponentChildren }) {
  return (
    <li class="usa-nav__primary-item">
      <a href={href} class={`usa-nav-link${current ? ' usa-current' : ''}`} aria-current={current ? 'page' : undefined}>
        <span>{children}</span>
      </a>
    </li>
  );
}

/**
 * The frame every page shares: document head, skip link, the page's own header, main and
 * footer (passed as children), then the scripts. Layout is the signed-in and public frame;
 * the doctor's link pages have their own header and footer and nothing that leads into an account.
 */
export function PageShell(props: {
  ctx: PageContext;
  title: string;
  htmlClass?: string;
  head?: ComponentChildren;
  children: ComponentChildren;
}) {
  const { ctx } = props;
  const t = ctx.t;
  return (
    <html lang={ctx.lang} class={props.htmlClass}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {props.head}
        <title>{`${props.title} | ${t('app.name')}`}</title>
        <link rel="stylesheet" href={ctx.assets.uswdsCss} />
        <link rel="stylesheet" href={ctx.assets.appCss} />
        <script src={ctx.assets.uswdsInitJs}></script>
      </head>
      <body>
        <a class="usa-skipnav" href="#main-content">
          {t('layout.skip')}
        </a>
        {props.children}
        <script src={ctx.assets.uswdsJs}></script>
        <script src={ctx.assets.appJs}></script>
      </body>
    </html>
  );
}

/** The one-time message after an action ("Saved."), read out politely by screen readers. */
export function FlashAlert({ ctx }: { ctx: PageContext }) {
  if (!ctx.flash) return null;
  return (
    <div class="usa-alert usa-alert--success usa-alert--slim margin-top-2" role="status">
      <div class="usa-alert__body">
        <p class="usa-alert__text">{ctx.t(ctx.flash)}</p>
      </div>
    </div>
  );
}

export function Layout(props: {
  ctx: PageContext;
  title: string;
  nav?: NavSection;
  children: ComponentChildren;
  /** Breadcrumb trail: [label, href] pairs, the current page last without href. */
  crumbs?: [string, string?][];
}) {
  const { ctx } = props;
  const t = ctx.t;
  const sizeClass = ctx.textSize === 'normal' ? '' : `so-text-${ctx.textSize}`;
  return (
    <PageShell ctx={ctx} title={props.title} htmlClass={sizeClass || undefined}>
      <header class="usa-header usa-header--basic">
        <div class="usa-nav-container">
          <div class="usa-navbar">
            <div class="usa-logo">
              <em class="usa-logo__text">
                <a href={ctx.user ? '/dashboard' : '/'} title={t('app.name')}>
                  {t('app.name')}
                </a>
              </em>
            </div>
            <button type="button" class="usa-menu-btn">
              {t('layout.menu')}
            </button>
          </div>
          <nav aria-label={t('layout.primaryNav')} class="usa-nav">
            <button type="button" class="usa-nav__close">
              <span class="usa-sr-only">{t('layout.closeMenu')}</span>
              <span aria-hidden="true">×</span>
            </button>
            <ul class="usa-nav__primary usa-accordion">
              {ctx.user ? (
                <>
                  <NavLink href="/dashboard" current={props.nav === 'dashboard'}>
                    {t('nav.dashboard')}
                  </NavLink>
                  <NavLink href="/patients" current={props.nav === 'patients'}>
                    {t('nav.patients')}
                  </NavLink>
                  <NavLink href="/settings" current={props.nav === 'settings'}>
                    {t('nav.settings')}
                  </NavLink>
                  <li class="usa-nav__primary-item">
                    <form method="post" action="/sign-out" class="so-inline-form">
                      <Csrf ctx={ctx} />
                      <button type="submit" class="usa-button usa-button--unstyled usa-nav-link">
                        {t('nav.signOut')}
                      </button>
                    </form>
                  </li>
                </>
              ) : (
                <>
                  <NavLink href="/sign-in" current={ctx.path.startsWith('/sign-in')}>
                    {t('nav.signIn')}
                  </NavLink>
                  <NavLink href="/sign-up" current={ctx.path.startsWith('/sign-up')}>
                    {t('nav.signUp')}
                  </NavLink>
                </>
              )}
            </ul>
          </nav>
        </div>
      </header>
      {/* USWDS closes the open small-screen menu when this backdrop is clicked. */}
      <div class="usa-overlay"></div>
      <div class="grid-container so-toolbar">
        <span>{ctx.user ? t('layout.signedInAs', { name: ctx.user.displayName }) : ''}</span>
        <TextSizeControl ctx={ctx} />
      </div>
      <main id="main-content" class="grid-container padding-bottom-5" tabIndex={-1}>
        {props.crumbs && props.crumbs.length > 1 ? (
          <nav class="usa-breadcrumb so-no-print" aria-label={t('layout.breadcrumbs')}>
            <ol class="usa-breadcrumb__list">
              {props.crumbs.map(([label, href]) => (
                <li class="usa-breadcrumb__list-item" aria-current={href ? undefined : 'page'}>
                  {href ? (
                    <a href={href} class="usa-breadcrumb__link">
                      <span>{label}</span>
                    </a>
                  ) : (
                    <span>{label}</span>
                  )}
                </li>
              ))}
            </ol>
          </nav>
        ) : null}
        <FlashAlert ctx={ctx} />
        {props.children}
      </main>
      <footer class="usa-footer usa-footer--slim">
        <div class="usa-footer__primary-section">
          <div class="grid-container padding-y-2">
            <p class="so-footer-notice">
              <strong>{t('footer.notAdviceTitle')}</strong> {t('footer.notAdvice')}
            </p>
            <p class="so-footer-notice">{t('footer.emergency')}</p>
          </div>
        </div>
      </footer>
    </PageShell>
  );
}
