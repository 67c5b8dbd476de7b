/** Per-client request limits that answer 429 as a problem document, like every other error. */
import type { Request, RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { sendProblem } from './problem.js';
import { tooManyRequests } from '../domain/errors.js';

export function limitRequests(options: { windowMs: number; limit: number; message: string; key?: (req: Request) => string }): RequestHandler {
  return rateLimit({
    windowMs: options.windowMs,
    limit: options.limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    ...(options.key ? { keyGenerator: options.key } : {}),
    handler: (req, res) => sendProblem(res, tooManyRequests(options.message), req.originalUrl),
  });
}
