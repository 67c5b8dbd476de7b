/** Random secrets and their digests: session ids, CSRF tokens and API tokens are stored hashed. */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const secret = (bytes = 32): string => randomBytes(bytes).toString('base64url');
/** SHA-256 is enough for high-entropy secrets (no dictionary to guess from); passwords use Argon2. */
export const digest = (value: string): string => createHash('sha256').update(value).digest('base64url');

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** API tokens read `spean_<id>_<secret>`: the id finds the stored digest, the whole is checked. */
export const API_TOKEN = /^spean_([A-Za-z0-9_-]{12})_([A-Za-z0-9_-]{43})$/;
