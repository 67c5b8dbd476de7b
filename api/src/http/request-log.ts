/**
 * The access log: one short line per request — its id, method, URL, status and time (pino-http
 * adds the time) — and no headers at all. Serialising every request's and response's headers
 * was a measurable part of each request's CPU time (docs/performance.md), and a log without
 * headers cannot leak a session cookie, an API token or a CSRF token either: a log is read by
 * more people than may hold one.
 */
import type { RequestHandler } from 'express';
import type { Logger, SerializedRequest, SerializedResponse } from 'pino';
import { pinoHttp } from 'pino-http';

/** What the log keeps of a request and of its response. */
export const requestLogSerializers = {
  req: (req: SerializedRequest) => ({ id: req.id, method: req.method, url: req.url }),
  res: (res: SerializedResponse) => ({ statusCode: res.statusCode }),
};

export function requestLog(logger: Logger): RequestHandler {
  return pinoHttp({ logger, serializers: requestLogSerializers, autoLogging: { ignore: (req) => req.url === '/livez' } });
}
