import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import pg from 'pg';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { loadConfig } from '../src/platform/config.ts';
import type { Deps } from '../src/platform/deps.ts';
import { createServer } from '../src/server.ts';

// The browser test harness: the real app on a fresh SQLite database (or PostgreSQL when
// E2E_DATABASE_URL is set), Debian's Chromium driven by playwright-core, axe-core for
// accessibility. Playwright's own browser download does not work on this machine.

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// Without the networking flags Chromium keeps trying to reach Google on a closed network.
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export interface RunningApp {
  baseUrl: string;
  /** The running app's own deps, for a spec that must set up what no page can (older data). */
  deps: Deps;
  close(): Promise<void>;
}

export async function startApp(env: Record<string, string> = {}): Promise<RunningApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'so-e2e-'));
  const base = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'silent',
    ...env,
  });
  // A fresh schema per app, as the fresh data folder: a database that already belongs to
  // another data folder is refused at start (ADR 0008).
  const pgUrl = process.env.E2E_DATABASE_URL;
  const schema = pgUrl ? `e2e_${process.pid}_${Math.random().toString(36).slice(2, 10)}` : null;
  if (pgUrl) await pgAdmin(pgUrl, `create schema ${schema}`);
  const config = {
    ...base,
    passwordHashing: { memoryCost: 1024, timeCost: 1 },
    ...(pgUrl ? { database: { kind: 'postgres' as const, url: pgUrl, schema: schema! } } : {}),
  };
  const { app, deps } = await createServer(config);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    deps,
    async close() {
      await app.close();
      if (pgUrl) await pgAdmin(pgUrl, `drop schema ${schema} cascade`);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function pgAdmin(url: string, text: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(text);
  } finally {
    await c.end();
  }
}

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium was not found at ${CHROMIUM}. Install it with: apt-get install -y chromium`);
  }
  return chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
}

export async function newPage(
  browser: Browser,
  opts: { js: boolean; baseUrl: string },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    javaScriptEnabled: opts.js,
    baseURL: opts.baseUrl,
    viewport: { width: 1280, height: 900 },
  });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  return { context, page };
}

export interface AxeProblem {
  page: string;
  id: string;
  impact: string | null | undefined;
  help: string;
  targets: string[];
}

/** Runs axe (WCAG 2.0/2.1/2.2 A and AA) on the page and returns every violation found. */
export async function axeViolations(page: Page, label: string): Promise<AxeProblem[]> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  return result.violations.map((v) => ({
    page: label,
    id: v.id,
    impact: v.impact,
    help: v.help,
    targets: v.nodes.map((n) => n.target.join(' ')),
  }));
}

/**
 * Collects axe results as a journey goes, so one run reports every page's problems at
 * the end instead of stopping at the first. axe needs JavaScript in the page, so for a
 * journey with JavaScript turned off the page's HTML is copied into a mirror page (scripts
 * blocked, same stylesheets) and checked there: the DOM axe sees is the no-JS DOM.
 */
export class AxeLog {
  readonly problems: AxeProblem[] = [];
  readonly pages: string[] = [];
  private mirror: Page | null = null;

  constructor(private readonly opts: { js: boolean; browser: Browser; baseUrl: string }) {}

  async check(page: Page, label: string): Promise<void> {
    this.pages.push(label);
    const target = this.opts.js ? page : await this.mirrorOf(page);
    this.problems.push(...(await axeViolations(target, label)));
  }

  private async mirrorOf(page: Page): Promise<Page> {
    if (!this.mirror) {
      const ctx = await this.opts.browser.newContext({
        javaScriptEnabled: true,
        viewport: page.viewportSize() ?? undefined,
      });
      this.mirror = await ctx.newPage();
      await this.mirror.route('**/*.js', (r) => r.abort());
    }
    // Served from the app's own origin so its stylesheets load exactly as they did.
    const html = await page.content();
    const url = `${this.opts.baseUrl}/__axe-mirror__`;
    await this.mirror.unroute(url).catch(() => {});
    await this.mirror.route(url, (r) =>
      r.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
    );
    await this.mirror.goto(url, { waitUntil: 'load' });
    return this.mirror;
  }

  async close(): Promise<void> {
    await this.mirror?.context().close();
  }
}

export const e2eDir = path.dirname(new URL(import.meta.url).pathname);

/** Saves a screenshot under e2e/artifacts for a person to look at. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = path.join(e2eDir, 'artifacts');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * One app and one browser for a spec file, started before its tests and stopped after.
 * `open(js)` gives a fresh browser context (JavaScript on or off) and an axe log for it.
 */
export function browserSuite(env: Record<string, string> = {}) {
  let app: RunningApp | undefined;
  let browser: Browser | undefined;
  before(async () => {
    app = await startApp(env);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });
  return {
    get baseUrl(): string {
      return app!.baseUrl;
    },
    get browser(): Browser {
      return browser!;
    },
    get deps(): Deps {
      return app!.deps;
    },
    async open(js: boolean): Promise<{ context: BrowserContext; page: Page; axe: AxeLog }> {
      const { context, page } = await newPage(browser!, { js, baseUrl: app!.baseUrl });
      return { context, page, axe: new AxeLog({ js, browser: browser!, baseUrl: app!.baseUrl }) };
    },
  };
}
