import type { LightMyRequestResponse } from 'fastify';
import type { App } from '../../src/platform/http/app.ts';

/**
 * A tiny browser for app.inject: keeps cookies, finds the CSRF token in pages, posts
 * forms. Tests read like a person using the site.
 */
export class Agent {
  private cookies = new Map<string, string>();
  private csrf: string | null = null;

  constructor(readonly app: App) {}

  private cookieHeader(): string | undefined {
    if (this.cookies.size === 0) return undefined;
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(res: LightMyRequestResponse): void {
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const cleared = c.value === '' || c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now());
      if (cleared) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
      this.csrf = null;
    }
    const m = /name="_csrf" value="([^"]+)"/.exec(res.body);
    if (m) this.csrf = m[1]!;
  }

  hasCookie(name: string): boolean {
    return this.cookies.has(name);
  }

  setCookie(name: string, value: string): void {
    this.cookies.set(name, value);
    this.csrf = null;
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const res = await this.app.inject({
      method: 'GET',
      url,
      headers: { accept: 'text/html', ...headers, ...(this.cookieHeader() ? { cookie: this.cookieHeader()! } : {}) },
    });
    this.remember(res);
    return res;
  }

  async csrfToken(): Promise<string> {
    // Any signed-in page carries the token; signed out, unknown addresses send to sign-in, so
    // the home page (public, with the text size form) gives it.
    if (!this.csrf) await this.get('/no-such-page-for-csrf');
    if (!this.csrf) await this.get('/');
    if (!this.csrf) throw new Error('No CSRF token found on the page');
    return this.csrf;
  }

  /** Posts a form the way a browser would, with the page's CSRF token unless told otherwise. */
  async post(
    url: string,
    fields: Record<string, string | string[]> = {},
    opts: { csrf?: string | false } = {},
  ): Promise<LightMyRequestResponse> {
    const body = new URLSearchParams();
    const token = opts.csrf === false ? undefined : (opts.csrf ?? (await this.csrfToken()));
    if (token) body.append('_csrf', token);
    for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
    const res = await this.app.inject({
      method: 'POST',
      url,
      payload: body.toString(),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'text/html',
        ...(this.cookieHeader() ? { cookie: this.cookieHeader()! } : {}),
      },
    });
    this.remember(res);
    return res;
  }
}

/** A JSON API client with a bearer token. */
export function api(app: App, token?: string, opts: { remoteAddress?: string } = {}) {
  const call = (
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ) =>
    app.inject({
      method,
      url,
      ...(opts.remoteAddress ? { remoteAddress: opts.remoteAddress } : {}),
      ...(payload !== undefined ? { payload: payload as object } : {}),
      headers: { accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    });
  return {
    get: (url: string, headers?: Record<string, string>) => call('GET', url, undefined, headers),
    post: (url: string, body: unknown, headers?: Record<string, string>) => call('POST', url, body, headers),
    put: (url: string, body: unknown, headers?: Record<string, string>) => call('PUT', url, body, headers),
    patch: (url: string, body: unknown, headers?: Record<string, string>) => call('PATCH', url, body, headers),
    delete: (url: string, headers?: Record<string, string>) => call('DELETE', url, undefined, headers),
  };
}
