import { createHash } from 'node:crypto';
import type request from 'supertest';
import { extract } from 'tar-stream';

export const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

/** Reads a response body whole as bytes (a tar). */
export const binary = (req: request.Test) =>
  req.buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  });

/** The members of a tar, in order, by name. */
export async function untar(tar: Buffer): Promise<Map<string, Buffer>> {
  const members = new Map<string, Buffer>();
  const ex = extract();
  const done = new Promise<void>((resolve, reject) => {
    ex.on('entry', (header, stream, next) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c) => chunks.push(c as Buffer));
      stream.on('end', () => {
        members.set(header.name, Buffer.concat(chunks));
        next();
      });
      stream.resume();
    });
    ex.on('finish', () => resolve());
    ex.on('error', reject);
  });
  ex.end(tar);
  await done;
  return members;
}

/** The text of every `<name>` element in `xml`. */
export const values = (xml: string, name: string) =>
  [...xml.matchAll(new RegExp(`<${name}>([^<]*)</${name}>`, 'g'))].map((m) => m[1]);

/** Each `<name>…</name>` block of `xml`. */
export const blocks = (xml: string, name: string) =>
  [...xml.matchAll(new RegExp(`<${name}\\b[^>]*>([\\s\\S]*?)</${name}>`, 'g'))].map((m) => m[1]);
