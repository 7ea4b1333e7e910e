import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mailOptions, messageIdFor } from './outbox.ts';
import type { Digest } from './types.ts';

/** --dry-run: each digest as an .eml file (nodemailer's stream transport builds the exact MIME message). */
export async function writeEml(digests: readonly Digest[], dir: string, from: string): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const { default: nodemailer } = await import('nodemailer');
  const t = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  const files: string[] = [];
  for (const d of digests) {
    const info = await t.sendMail(mailOptions(d, from, messageIdFor(d.key, from)));
    const file = join(dir, `${d.key.replace(/[^A-Za-z0-9_.-]+/g, '_')}.eml`);
    writeFileSync(file, info.message as Buffer);
    files.push(file);
  }
  return files;
}
