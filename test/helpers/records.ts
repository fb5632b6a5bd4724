import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import type { LightMyRequestResponse } from 'fastify';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { COOKIE } from '../../src/platform/http/context.ts';
import type { BuiltUser } from '../builders/index.ts';
import { multipartBody, type Part } from './multipart.ts';
import type { TestApp } from './test-app.ts';

export const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures');
export const fixture = (rel: string) => fs.readFileSync(path.join(FIXTURES, rel));

export interface UploadResult {
  fileName: string;
  status: 'stored' | 'duplicate' | 'linked' | 'refused';
  documentId?: string;
  reason?: string;
  message: string;
  itemsAdded?: number;
  entry?: string;
  patient?: {
    file: { name: string; birthDate: string | null };
    files: any[];
    profile: { name: string; birthDate: string | null };
    fingerprint: string;
  };
}

/**
 * Uploads through the JSON API (bearer token), as a script or another app would.
 * `confirmPatient` sends ?confirmPatient=true: the files are the right person's even where
 * the name or date of birth differ from the profile (ADR 0146).
 */
export async function apiUpload(
  t: TestApp,
  user: BuiltUser,
  caseId: string,
  files: { filename: string; content: Buffer }[],
  opts: { confirmPatient?: boolean } = {},
) {
  const { body, contentType } = multipartBody(files.map((f) => ({ name: 'file', ...f })));
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/v1/cases/${caseId}/documents${opts.confirmPatient ? '?confirmPatient=true' : ''}`,
    payload: body,
    headers: { 'content-type': contentType, authorization: `Bearer ${user.apiToken}`, accept: 'application/json' },
  });
  const json = safeJson(res);
  return {
    res,
    results: (json?.results ?? []) as UploadResult[],
    error: json?.error as ({ code: string; message: string } & Record<string, any>) | undefined,
  };
}

/** Uploads through the page form (cookie session, CSRF token first), as a browser without JavaScript would. */
export async function pageUpload(
  t: TestApp,
  user: BuiltUser,
  caseId: string,
  parts: Part[],
  opts: { csrf?: string | false; accept?: string } = {},
): Promise<LightMyRequestResponse> {
  const token = opts.csrf === false ? null : (opts.csrf ?? (await csrfFor(user, caseId)));
  const all: Part[] = token ? [{ name: '_csrf', value: token }, ...parts] : parts;
  const { body, contentType } = multipartBody(all);
  return t.app.inject({
    method: 'POST',
    url: `/cases/${caseId}/records/upload`,
    payload: body,
    headers: {
      'content-type': contentType,
      cookie: `${COOKIE.session}=${user.sessionToken}`,
      accept: opts.accept ?? 'text/html',
    },
  });
}

export async function csrfFor(user: BuiltUser, caseId: string): Promise<string> {
  const page = await user.agent.get(`/cases/${caseId}/records/upload`);
  const m = /name="_csrf" value="([^"]+)"/.exec(page.body);
  if (!m) throw new Error(`no CSRF token on the upload page (status ${page.statusCode})`);
  return m[1]!;
}

export function safeJson(res: LightMyRequestResponse): any {
  try {
    return JSON.parse(res.body);
  } catch {
    return null;
  }
}

/** Counts rows that would show a document: nothing partial may ever appear here. */
export async function documentCount(t: TestApp): Promise<number> {
  const r = await t.deps.db
    .selectFrom('documents')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Files in the store's temp folder (must be empty once an upload is over). */
export function tempFiles(t: TestApp): string[] {
  const dir = path.join(t.dataDir, 'documents', 'tmp');
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
}

export function blobFiles(t: TestApp): string[] {
  const dir = path.join(t.dataDir, 'documents', 'blobs');
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).flatMap((p) => fs.readdirSync(path.join(dir, p)).map((n) => `blobs/${p}/${n}`));
}

/** A one-page PDF with these lines of text. */
export async function makePdf(lines: string[]): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage();
  lines.forEach((l, i) => page.drawText(l, { x: 50, y: 750 - i * 20, size: 12, font }));
  return Buffer.from(await doc.save());
}

/** A small real PNG (solid colour), so the upload's type detection and pdf-lib's decoder both accept it. */
export function png(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // truecolour
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, 0x80)]);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
