/**
 * Password hashing with Argon2id (memory-hard), with the library's defaults, which follow OWASP's
 * recommendation (19 MiB, 2 passes, 1 lane). Verifying against an unknown account still costs a
 * full hash, so response times do not tell whether an account exists.
 */
import { hash, verify } from '@node-rs/argon2';

export const hashPassword = (password: string): Promise<string> => hash(password);

let dummy: Promise<string> | undefined;

export async function verifyPassword(storedHash: string | undefined, password: string): Promise<boolean> {
  if (!storedHash) {
    dummy ??= hash('not a real password, only a decoy');
    await verify(await dummy, password);
    return false;
  }
  return verify(storedHash, password);
}
