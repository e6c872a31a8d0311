import helmet from 'helmet';
import type { RequestHandler } from 'express';
import type { Config } from '../config.js';

/**
 * A strict Content-Security-Policy: scripts only from this origin (no inline script), no frames,
 * images from here (and the tile server, when one is configured), connections only back here.
 * Inline styles are allowed because Leaflet positions map panes with style attributes.
 */
export function securityHeaders(config: Config): RequestHandler {
  const tiles = config.tiles ? [new URL(config.tiles.url.replace(/\{[a-z]\}/g, 'x')).origin] : [];
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:', ...tiles],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
      },
    },
    // The app is same-origin only; no need to relax cross-origin isolation defaults.
    crossOriginEmbedderPolicy: false,
  });
}
