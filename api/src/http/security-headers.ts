/**
 * Security headers on every response (helmet), with a Content-Security-Policy that the explorer
 * and the API docs work under: scripts only from this origin (no inline script anywhere), styles
 * from this origin plus inline ones (Swagger UI writes a <style> block), images also from data:
 * and blob: URLs (the favicon, PNG exports), no plugins, no <base> tricks. Embeds (`embed=1`)
 * may be framed by any site — that is what they are for, and they read as an anonymous visitor;
 * every other page only by Spean itself.
 */
import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import helmet from 'helmet';

const isEmbed = (req: IncomingMessage) => /[?&]embed=(1|true)(&|$)/.test(req.url ?? '');

export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: [(req) => (isEmbed(req) ? '*' : "'self'")],
      },
    },
    // frame-ancestors above decides framing; X-Frame-Options cannot express "embeds anywhere".
    frameguard: false,
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
  });
}
