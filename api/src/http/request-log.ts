/**
 * What the access log keeps of each request: enough to follow it (id, method, URL, status and
 * time, which pino-http adds), not every header. Serialising all request and response headers
 * was a measurable part of each request's CPU time (docs/performance.md).
 */
import type { SerializedRequest, SerializedResponse } from 'pino';

export const requestLogSerializers = {
  req: (req: SerializedRequest) => ({ id: req.id, method: req.method, url: req.url }),
  res: (res: SerializedResponse) => ({ statusCode: res.statusCode }),
};
