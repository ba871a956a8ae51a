import { randomBytes } from 'node:crypto'
import type { RequestHandler } from 'express'
import helmet from 'helmet'

/**
 * Security headers for every response: a Content-Security-Policy whose only
 * scripts are our own files and inline scripts carrying this response's nonce,
 * nosniff, Referrer-Policy same-origin, and no framing.
 */
export function securityHeaders(appUrl: string): RequestHandler[] {
  const https = appUrl.startsWith('https:')
  const nonce: RequestHandler = (_req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString('base64')
    next()
  }
  return [
    nonce,
    helmet({
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          'script-src': ["'self'", (_req, res) => `'nonce-${(res as unknown as { locals: { cspNonce: string } }).locals.cspNonce}'`],
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:'],
          'font-src': ["'self'", 'data:'],
          'connect-src': ["'self'"],
          'form-action': ["'self'"],
          'frame-ancestors': ["'none'"],
          'upgrade-insecure-requests': https ? [] : null,
        },
      },
      referrerPolicy: { policy: 'same-origin' },
      strictTransportSecurity: https,
      crossOriginEmbedderPolicy: false,
      xFrameOptions: { action: 'deny' },
    }),
  ]
}

function originOf(url: string | undefined): string | null {
  if (!url) return null
  try {
    return new URL(url).origin
  } catch {
    return null
  }
}

/**
 * Refuses, with 403, every request that may change something (anything but
 * GET, HEAD and OPTIONS) whose Origin, or else Referer, is not this app: the
 * APP_URL or the host the request was sent to.
 */
export function sameOriginOnly(appUrl: string): RequestHandler {
  const appOrigin = new URL(appUrl).origin
  return (req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next()
    const own = `${req.protocol}://${req.get('host')}`
    const origin = req.get('origin') ?? originOf(req.get('referer'))
    if (origin && (origin === appOrigin || origin === own)) return next()
    res
      .status(403)
      .type('text/plain; charset=utf-8')
      .send('Forespørselen ble avvist fordi den ikke kom fra Klimasamlings egne sider.')
  }
}
