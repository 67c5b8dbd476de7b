/**
 * The request log: one line per request, with the credentials a request or response carries
 * replaced by "[redacted]" — a log is read by more people than may hold a session or a token.
 */
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';

/** Headers that carry a credential, in lower case as Node gives them. */
export const SECRET_HEADERS = ['authorization', 'cookie', 'set-cookie', 'x-csrf-token', 'proxy-authorization'] as const;

const REDACTED = '[redacted]';

/** A copy of the headers with every credential replaced. */
export function redactHeaders<H extends IncomingHttpHeaders | OutgoingHttpHeaders>(headers: H | undefined): H | undefined {
  if (!headers) return headers;
  const copy = { ...headers };
  for (const name of SECRET_HEADERS) if (name in copy) (copy as Record<string, unknown>)[name] = REDACTED;
  return copy;
}

export function requestLog(logger: Logger): RequestHandler {
  return pinoHttp({
    logger,
    autoLogging: { ignore: (req) => req.url === '/livez' },
    serializers: {
      req: (req: { headers?: IncomingHttpHeaders }) => ({ ...req, headers: redactHeaders(req.headers) }),
      res: (res: { headers?: OutgoingHttpHeaders }) => ({ ...res, headers: redactHeaders(res.headers) }),
    },
  });
}
