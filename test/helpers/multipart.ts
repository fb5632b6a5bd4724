import crypto from 'node:crypto';

/** One part of a multipart/form-data body: a plain field, or a file. */
export type Part = { name: string; value: string } | { name: string; filename: string; content: Buffer; type?: string };

/** Builds a multipart/form-data body the way a browser does, parts in the given order. */
export function multipartBody(parts: Part[]): { body: Buffer; contentType: string } {
  const boundary = `----so-test-${crypto.randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    if ('filename' in p) {
      chunks.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"; filename="${p.filename}"\r\nContent-Type: ${p.type ?? 'application/octet-stream'}\r\n\r\n`,
        ),
        p.content,
        Buffer.from('\r\n'),
      );
    } else {
      chunks.push(
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"\r\n\r\n${p.value}\r\n`),
      );
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}
