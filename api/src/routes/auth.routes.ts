/** Signing in and out, and who is signed in; users (admins) and API tokens (everyone signed in). */
import type { Request } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import { z } from 'zod';
import { loginSchema, normaliseEmail, newTokenSchema, newUserSchema, sessionSchema, tokenSchema, userChangeSchema, userSchema } from '../domain/accounts.js';
import { SESSION_COOKIE } from '../http/authenticate.js';
import { verifyPassword } from '../lib/passwords.js';
import { defineOperation, type Operation } from '../http/operation.js';
import { limitRequests } from '../http/rate-limit.js';
import { conflict, notFound, unauthorized, badRequest } from '../domain/errors.js';
import type { AccountRepository } from '../repositories/account.repository.js';

export interface AuthSettings {
  anonymousRead: boolean;
  sessionTtlHours: number;
  secureCookies: boolean;
  loginsPerMinute: number;
}

const WRONG = 'The email or the password is wrong.';
/** How many more sign-ins one address may try than one account may be tried (people share offices). */
const ADDRESS_LIMIT_FACTOR = 3;

export function authOperations(accounts: AccountRepository, settings: AuthSettings): Operation[] {
  // Two limits: per account (normalised as the schema normalises it, so " Ann@x.org" is Ann's
  // account too), which slows guessing one password from many addresses; and per address, a few
  // times wider, which slows spraying many accounts from one.
  const emailOf = (req: Request) => normaliseEmail(String((req.body as { email?: unknown } | undefined)?.email ?? ''));
  const perAccount = limitRequests({
    windowMs: 60_000,
    limit: settings.loginsPerMinute,
    message: 'Too many sign-in attempts for this account; wait a minute.',
    key: (req: Request) => `account|${emailOf(req)}`,
  });
  const perAddress = limitRequests({
    windowMs: 60_000,
    limit: settings.loginsPerMinute * ADDRESS_LIMIT_FACTOR,
    message: 'Too many sign-in attempts from your address; wait a minute.',
    key: (req: Request) => `address|${ipKeyGenerator(req.ip ?? '')}`,
  });
  const cookieOptions = { httpOnly: true, sameSite: 'strict' as const, secure: settings.secureCookies, path: '/' };
  const idParams = z.strictObject({ id: z.string().min(1).max(64) });

  return [
    defineOperation({
      method: 'post',
      path: '/api/auth/login',
      tag: 'accounts',
      summary: 'Sign in: sets the session cookie and returns the CSRF token for writes',
      description: 'The answer is the same whether the account does not exist, is disabled, or the password is wrong.',
      body: loginSchema,
      middleware: [perAddress, perAccount],
      problems: [401, 429],
      response: sessionSchema,
      handle: async ({ body }, res) => {
        const found = await accounts.credentials(body.email);
        const ok = await verifyPassword(found?.passwordHash, body.password);
        if (!found || !ok || found.user.disabled) throw unauthorized(WRONG);
        const session = await accounts.openSession(found.user.id, settings.sessionTtlHours);
        res.cookie(SESSION_COOKIE, session.cookie, { ...cookieOptions, maxAge: settings.sessionTtlHours * 3_600_000 });
        return { user: found.user, csrfToken: session.csrf, anonymousRead: settings.anonymousRead };
      },
    }),
    defineOperation({
      method: 'post',
      path: '/api/auth/logout',
      tag: 'accounts',
      summary: 'Sign out: ends the session',
      response: z.object({ ok: z.boolean() }),
      handle: async (_input, res, req) => {
        const cookie = (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
        if (cookie) await accounts.closeSession(cookie);
        res.clearCookie(SESSION_COOKIE, cookieOptions);
        return { ok: true };
      },
    }),
    defineOperation({
      method: 'get',
      path: '/api/auth/session',
      tag: 'accounts',
      readsNetwork: false,
      summary: 'Who is signed in, the CSRF token for writes, and whether anonymous reading is on',
      response: sessionSchema,
      handle: async ({ viewer }) => ({ user: viewer?.user ?? null, csrfToken: viewer?.csrf ?? null, anonymousRead: settings.anonymousRead }),
    }),
    defineOperation({
      method: 'get',
      path: '/api/users',
      tag: 'accounts',
      access: 'admin',
      summary: 'Every account',
      response: z.object({ items: z.array(userSchema) }),
      handle: async () => ({ items: await accounts.listUsers() }),
    }),
    defineOperation({
      method: 'post',
      status: 201,
      path: '/api/users',
      tag: 'accounts',
      access: 'admin',
      summary: 'Create an account',
      body: newUserSchema,
      problems: [409],
      response: userSchema,
      handle: async ({ body }, res) => {
        if (await accounts.credentials(body.email)) throw conflict(`An account for ${body.email} exists already.`);
        res.status(201);
        return accounts.createUser(body);
      },
    }),
    defineOperation({
      method: 'patch',
      path: '/api/users/:id',
      tag: 'accounts',
      access: 'admin',
      summary: "Change an account's name, role, password, or disable it (ends its sessions)",
      params: idParams,
      body: userChangeSchema,
      problems: [404, 409],
      response: userSchema,
      handle: async ({ params, body, viewer }) => {
        const user = await accounts.getUser(params.id);
        if (!user) throw notFound(`The account "${params.id}"`);
        const losesAdmin = user.role === 'admin' && !user.disabled && ((body.role && body.role !== 'admin') || body.disabled);
        if (losesAdmin && (await accounts.countAdmins()) <= 1) throw conflict('This is the last admin; make another admin first.');
        if (params.id === viewer!.user.id && body.disabled)
          throw badRequest('You cannot disable your own account.', [{ field: 'body.disabled', message: 'not your own' }]);
        return (await accounts.updateUser(params.id, body))!;
      },
    }),
    defineOperation({
      method: 'get',
      path: '/api/tokens',
      tag: 'accounts',
      access: 'account',
      summary: 'Your API tokens (never their secrets)',
      problems: [401],
      response: z.object({ items: z.array(tokenSchema) }),
      handle: async ({ viewer }) => {
        return { items: await accounts.listTokens(viewer!.user.id) };
      },
    }),
    defineOperation({
      method: 'post',
      status: 201,
      path: '/api/tokens',
      tag: 'accounts',
      access: 'account',
      summary: 'Create an API token for scripts; its secret is shown this once',
      body: newTokenSchema,
      problems: [401],
      response: z.object({ id: z.string(), token: z.string() }),
      handle: async ({ body, viewer }, res) => {
        res.status(201);
        return accounts.createToken(viewer!.user.id, body.name);
      },
    }),
    defineOperation({
      method: 'delete',
      path: '/api/tokens/:id',
      tag: 'accounts',
      access: 'account',
      summary: 'Revoke an API token (yours; admins: anyone’s)',
      params: idParams,
      problems: [401, 404],
      response: z.object({ revoked: z.boolean() }),
      handle: async ({ params, viewer }) => {
        if (!(await accounts.revokeToken(params.id, viewer!.user.id, viewer!.user.role === 'admin'))) throw notFound(`The token "${params.id}"`);
        return { revoked: true };
      },
    }),
  ];
}
