/**
 * Finds who is calling: a browser session (cookie) or an API token (Authorization: Bearer). An
 * unknown or expired credential is refused outright rather than treated as anonymous, so that a
 * script with a revoked token fails loudly instead of silently reading less.
 */
import type { NextFunction, Request, Response } from 'express';
import type { AccountRepository } from '../repositories/account.repository.js';
import { unauthorized } from '../domain/errors.js';
import { API_TOKEN } from '../lib/tokens.js';

export const SESSION_COOKIE = 'spean_session';

export function authenticate(accounts: AccountRepository) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    try {
      const header = req.get('authorization');
      if (header) {
        const match = /^Bearer (\S+)$/.exec(header);
        const parts = match ? API_TOKEN.exec(match[1]!) : null;
        const viewer = parts ? await accounts.viewerByToken(parts[1]!, match![1]!) : undefined;
        if (!viewer) throw unauthorized('The API token is malformed, unknown or revoked.');
        res.locals.viewer = viewer;
      } else {
        const cookie = (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
        if (cookie) {
          const viewer = await accounts.viewerBySession(cookie);
          // An expired session cookie is cleared and the request goes on as anonymous.
          if (viewer) res.locals.viewer = viewer;
          else res.clearCookie(SESSION_COOKIE, { path: '/' });
        }
      }
      next();
    } catch (error) {
      next(error);
    }
  };
}
