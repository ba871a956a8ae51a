import type { LanguageForm } from '../domain/language'
import { randomFillSync } from 'node:crypto'
import type { ErrorRequestHandler, RequestHandler, Response } from 'express'
import helmet from 'helmet'

// The placeholder helmet is given for the nonce, once, so its policy can be stamped with each response's nonce.
const NONCE_MARK = 'NONCE-MARK-0000000000000000'

/** The headers a helmet middleware sets, asked once with a response that only records them. */
function headersSetBy(middleware: RequestHandler): Array<[string, string]> {
  const headers: Array<[string, string]> = []
  const res = { locals: { cspNonce: NONCE_MARK }, setHeader: (name: string, value: unknown) => headers.push([name, String(value)]), removeHeader: () => {} }
  middleware({} as never, res as never, () => {})
  return headers
}

// Nonces come from a buffer of random bytes refilled every 256 responses, not from a call to the system's random source for each.
const NONCE_BYTES = 16
const randomPool = Buffer.alloc(NONCE_BYTES * 256)
let randomOffset = randomPool.length

/** A fresh CSP nonce: 16 random bytes, base64. */
export function cspNonce(): string {
  if (randomOffset === randomPool.length) {
    randomFillSync(randomPool)
    randomOffset = 0
  }
  randomOffset += NONCE_BYTES
  return randomPool.toString('base64', randomOffset - NONCE_BYTES, randomOffset)
}

/**
 * Security headers for every response: a Content-Security-Policy whose only
 * scripts are our own files and inline scripts carrying this response's nonce,
 * nosniff, Referrer-Policy same-origin, and no framing. Helmet makes the
 * headers once, at start; each response gets them with its own nonce in the
 * policy (helmet would build the policy again for every response).
 */
export function securityHeaders(appUrl: string): RequestHandler {
  const https = appUrl.startsWith('https:')
  const headers = headersSetBy(
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
  )
  const policy = headers.find(([name]) => name.toLowerCase() === 'content-security-policy')?.[1] ?? ''
  const [beforeNonce = '', afterNonce = ''] = policy.split(NONCE_MARK)
  if (!policy.includes(NONCE_MARK) || afterNonce.includes(NONCE_MARK)) throw new Error('The Content-Security-Policy has no single place for the nonce')
  const fixed = headers.filter(([name]) => name.toLowerCase() !== 'content-security-policy')
  return (_req, res, next) => {
    const nonce = cspNonce()
    res.locals.cspNonce = nonce
    res.setHeader('Content-Security-Policy', beforeNonce + nonce + afterNonce)
    for (const [name, value] of fixed) res.setHeader(name, value)
    next()
  }
}

/** The largest form body the app reads: forms carry text only; uploads, if they come, get their own limit. */
export const FORM_BODY_LIMIT = 1024 * 1024

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/** What a refusal says in each written form: a heading and a sentence. */
interface RefusalText {
  title: string
  text: string
}

interface Refusal {
  status: number
  nb: RefusalText
  nn: RefusalText
}

const REFUSALS = {
  foreign: {
    status: 403,
    nb: {
      title: 'Forespørselen ble avvist',
      text: 'Forespørselen ble avvist fordi den ikke kom fra Klimasamlings egne sider. Gå tilbake til skjemaet, last siden på nytt og prøv igjen.',
    },
    nn: {
      title: 'Førespurnaden vart avvist',
      text: 'Førespurnaden vart avvist fordi han ikkje kom frå sidene til Klimasamling. Gå tilbake til skjemaet, last sida på nytt og prøv igjen.',
    },
  },
  notAForm: {
    status: 415,
    nb: {
      title: 'Kunne ikke lese skjemaet',
      text: 'Innholdet som ble sendt, var ikke et skjema fra Klimasamlings sider. Gå tilbake til skjemaet, last siden på nytt og send det igjen.',
    },
    nn: {
      title: 'Kunne ikkje lese skjemaet',
      text: 'Innhaldet som vart sendt, var ikkje eit skjema frå sidene til Klimasamling. Gå tilbake til skjemaet, last sida på nytt og send det igjen.',
    },
  },
  brokenForm: {
    status: 400,
    nb: {
      title: 'Kunne ikke lese skjemaet',
      text: 'Skjemaet kom ikke fram slik det ble sendt: innholdet var ufullstendig eller hadde ugyldige tegn. Gå tilbake til skjemaet, last siden på nytt og send det igjen.',
    },
    nn: {
      title: 'Kunne ikkje lese skjemaet',
      text: 'Skjemaet kom ikkje fram slik det vart sendt: innhaldet var ufullstendig eller hadde ugyldige teikn. Gå tilbake til skjemaet, last sida på nytt og send det igjen.',
    },
  },
  serverError: {
    status: 500,
    nb: { title: 'Noe gikk galt', text: 'Vi klarte ikke å vise siden. Prøv igjen om litt. Hvis feilen varer, kontakt arrangøren.' },
    nn: { title: 'Noko gjekk gale', text: 'Vi klarte ikkje å vise sida. Prøv igjen om litt. Viss feilen held fram, kontakt arrangøren.' },
  },
  tooLarge: {
    status: 413,
    nb: {
      title: 'Skjemaet er for stort',
      text: 'Innholdet i skjemaet er for stort til at vi kan ta imot det (mer enn 1 MB). Kort ned teksten og send skjemaet igjen.',
    },
    nn: {
      title: 'Skjemaet er for stort',
      text: 'Innhaldet i skjemaet er for stort til at vi kan ta imot det (meir enn 1 MB). Kort ned teksten og send skjemaet igjen.',
    },
  },
  forbidden: {
    status: 403,
    nb: { title: 'Ingen tilgang', text: 'Du har ikke tilgang til dette. Er du logget inn med riktig e-postadresse?' },
    nn: { title: 'Ingen tilgang', text: 'Du har ikkje tilgang til dette. Er du logga inn med rett e-postadresse?' },
  },
  notFound: {
    status: 404,
    nb: { title: 'Fant ikke siden', text: 'Siden du ba om, finnes ikke. Kanskje lenken er feil, eller siden er flyttet.' },
    nn: { title: 'Fann ikkje sida', text: 'Sida du bad om, finst ikkje. Kanskje lenka er feil, eller sida er flytta.' },
  },
  methodNotAllowed: {
    status: 405,
    nb: { title: 'Siden tar ikke imot skjemaer', text: 'Denne adressen kan bare hentes, ikke sendes skjema til. Gå tilbake og prøv igjen fra skjemaet.' },
    nn: { title: 'Sida tek ikkje imot skjema', text: 'Denne adressa kan berre hentast, ikkje få skjema. Gå tilbake og prøv igjen frå skjemaet.' },
  },
  tooMany: {
    status: 429,
    nb: { title: 'For mange forsøk', text: 'Du har prøvd for mange ganger på kort tid. Vent litt og prøv igjen.' },
    nn: { title: 'For mange forsøk', text: 'Du har prøvd for mange gonger på kort tid. Vent litt og prøv igjen.' },
  },
  other: {
    status: 400,
    nb: { title: 'Kunne ikke vise siden', text: 'Forespørselen kunne ikke behandles. Gå tilbake og prøv igjen.' },
    nn: { title: 'Kunne ikkje vise sida', text: 'Førespurnaden kunne ikkje handsamast. Gå tilbake og prøv igjen.' },
  },
} satisfies Record<string, Refusal>

/** The refusal page for an error status an app route answered without a page of its own. */
export function refusalForStatus(status: number): Refusal {
  switch (status) {
    case 400:
      return REFUSALS.brokenForm
    case 413:
      return REFUSALS.tooLarge
    case 415:
      return REFUSALS.notAForm
    case 403:
      return REFUSALS.forbidden
    case 404:
      return REFUSALS.notFound
    case 405:
      return REFUSALS.methodNotAllowed
    case 429:
      return REFUSALS.tooMany
    default:
      return { ...(status < 500 ? REFUSALS.other : REFUSALS.serverError), status }
  }
}

/**
 * Whether an error answer from the app should be shown as the Norwegian page
 * instead: a browser asked for a page (Accept names text/html), the answer is
 * 4xx or 5xx and not a page already (a resource route's text, or Remix's own
 * JSON for a method it does not take), and it is not the data request of the
 * app's own scripts.
 */
export function wantsErrorPage(path: string, accept: string | undefined, status: number, contentType: string | null): boolean {
  return status >= 400 && /\btext\/html\b/i.test(accept ?? '') && !/^text\/html\b/i.test(contentType ?? '') && !path.endsWith('.data')
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c)

const HOME: Record<LanguageForm, string> = { nb: 'Gå til forsiden til Klimasamling', nn: 'Gå til framsida til Klimasamling' }

/**
 * A whole Norwegian page for a refusal: a heading, what happened and what to
 * do, and a way back. Small and self-contained, since the request never
 * reaches the app's layout. Made before anyone knows the reader's written
 * form (server.ts), it says it in bokmål and then in nynorsk; a route that
 * knows the form asks for that one.
 */
export function refusalPage(refusal: Refusal, languageForm?: LanguageForm): string {
  const forms: LanguageForm[] = languageForm ? [languageForm] : ['nb', 'nn']
  const first = forms[0] ?? 'nb'
  const sections = forms
    .map((form, i) => {
      const { title, text } = refusal[form]
      const heading = i === 0 ? `<h1>${escapeHtml(title)}</h1>` : `<h2>${escapeHtml(title)}</h2>`
      return `<section lang="${form}">\n${heading}\n<p>${escapeHtml(text)}</p>\n<p><a href="/">${HOME[form]}</a></p>\n</section>`
    })
    .join('\n')
  return `<!DOCTYPE html>
<html lang="${first}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(refusal[first].title)} – Klimasamling</title>
<style>body{font-family:system-ui,sans-serif;line-height:1.5;margin:0;color:#1e1e1e;background:#fff}main{max-width:40rem;margin:3rem auto;padding:0 1rem}a{color:#0b57a4}section+section{margin-top:2rem}</style>
</head>
<body>
<main>
${sections}
</main>
</body>
</html>
`
}

/** Answers with a refusal page; `reason` is the short English reason the log line gives. */
function refuse(res: Response, refusal: Refusal, reason: string, options: { close?: boolean } = {}) {
  res.locals.errorReason = reason
  if (options.close) res.set('Connection', 'close')
  res.status(refusal.status).set('Cache-Control', 'no-store').type('text/html; charset=utf-8').send(refusalPage(refusal))
}

/**
 * Remix's legacy data requests (`?_data=<route id>`) are not the app's: its
 * scripts fetch `.data` URLs (single fetch, remix.config.js). Remix still
 * answers them, and throws (500) when the route answers with a status of its
 * own, so they are a 404 before Remix sees them.
 */
export function noLegacyDataRequests(): RequestHandler {
  return (req, res, next) => {
    // As Remix reads it (the URL's search parameters), so server.ts need not have Express parse every query string.
    const query = req.originalUrl.indexOf('?')
    if (query !== -1 && new URLSearchParams(req.originalUrl.slice(query + 1)).has('_data')) return refuse(res, refusalForStatus(404), 'legacy ?_data request')
    next()
  }
}

/**
 * The last Express error handler: an error no one answered is a bug, logged
 * with its stack once; the browser gets the Norwegian error page, never the
 * stack Express would show outside production.
 */
export function answerUnexpectedErrors(): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    console.error(error)
    if (res.headersSent) return next(error)
    refuse(res, REFUSALS.serverError, 'unexpected error')
  }
}

/** A path fit for a log line: query left out, long segments (tokens) shortened. */
export function loggablePath(path: string): string {
  return path
    .split('/')
    .map((segment) => (segment.length > 36 ? `${segment.slice(0, 4)}…` : segment))
    .join('/')
    .slice(0, 200)
}

/**
 * Logs one line for every answer of 4xx or 5xx: method, path, status and a
 * short reason (the refusal's, or the status text). Never a stack: a real
 * server error's stack is logged once by entry.server's handleError.
 */
export function logErrorResponses(log: (line: string) => void): RequestHandler {
  return (req, res, next) => {
    res.on('finish', () => {
      if (res.statusCode < 400) return
      const reason = String(res.locals.errorReason ?? res.statusMessage ?? '')
      log(`${req.method} ${loggablePath(req.path)} ${res.statusCode} ${reason}`.trim())
    })
    next()
  }
}

const UTF8 = new TextDecoder('utf-8', { fatal: true })

/** Why a form body cannot be read as the form it says it is, or null when it can. */
export async function formBodyProblem(contentType: string, body: Buffer): Promise<string | null> {
  try {
    UTF8.decode(body)
  } catch {
    return 'invalid UTF-8'
  }
  if (mediaType(contentType) === 'application/x-www-form-urlencoded') {
    for (const pair of body.toString('utf8').split('&')) {
      try {
        decodeURIComponent(pair.replaceAll('+', ' '))
      } catch {
        return 'invalid percent-encoding'
      }
    }
    return null
  }
  if (!/;\s*boundary=/i.test(contentType)) return 'multipart without a boundary'
  try {
    await new globalThis.Response(new Uint8Array(body), { headers: { 'Content-Type': contentType } }).formData()
  } catch {
    return 'broken multipart body'
  }
  return null
}

const mediaType = (contentType: string) => (contentType.split(';')[0] ?? '').trim().toLowerCase()

const FORM_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data'])

/**
 * Every request that may change something and has a body must carry a form:
 * url-encoded or multipart (415 otherwise), no larger than `limit` (413, both
 * when Content-Length says so and when a chunked body grows past it; nothing
 * beyond the limit is kept), and readable as the form it says it is: valid
 * UTF-8, valid percent-encoding, a multipart body matching its boundary (400
 * otherwise). The body read here is left in `res.locals.formBody` for the
 * Remix handler, so the app reads it from memory once it is known to be sound.
 */
export function formBodiesOnly(limit = FORM_BODY_LIMIT): RequestHandler {
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method)) return next()
    const declared = req.headers['content-length']
    const hasBody = req.headers['transfer-encoding'] !== undefined || (declared !== undefined && declared !== '0')
    // A POST without a body (a logout button) is Remix's to answer; the form reader refuses it where a form is needed.
    if (!hasBody) return next()
    const contentType = req.headers['content-type'] ?? ''
    if (!FORM_TYPES.has(mediaType(contentType)))
      return refuse(res, REFUSALS.notAForm, `not a form body (${mediaType(contentType).slice(0, 60) || 'no content type'})`)
    const encoding = req.headers['content-encoding']
    if (encoding && encoding.toLowerCase() !== 'identity') return refuse(res, REFUSALS.notAForm, 'compressed body')
    if (declared !== undefined && Number(declared) > limit) return refuse(res, REFUSALS.tooLarge, `body of ${declared} bytes`, { close: true })

    const chunks: Buffer[] = []
    let size = 0
    const stop = () => {
      req.off('data', onData)
      req.off('end', onEnd)
      req.off('error', onError)
    }
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size <= limit) return void chunks.push(chunk)
      stop()
      chunks.length = 0
      // The rest is read and dropped, not kept, for a second after the answer, then the connection closes.
      // (No `Connection: close` here: Node would close at once, and a client still sending would meet a reset
      // before it reads the answer.)
      req.resume()
      refuse(res, REFUSALS.tooLarge, `body over ${limit} bytes`)
      res.once('finish', () => setTimeout(() => req.socket.destroy(), 1000).unref())
    }
    const onEnd = () => {
      stop()
      const body = Buffer.concat(chunks)
      formBodyProblem(contentType, body).then(
        (problem) => {
          if (problem) return refuse(res, REFUSALS.brokenForm, problem)
          res.locals.formBody = body
          next()
        },
        (error: unknown) => next(error),
      )
    }
    // A client that gives up mid-body gets no answer; there is nobody to send it to.
    const onError = () => stop()
    req.on('data', onData)
    req.on('end', onEnd)
    req.on('error', onError)
  }
}

function originOf(url: string | undefined): string | null {
  if (!url) return null
  try {
    return new URL(url).origin
  } catch {
    return null
  }
}

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host
  } catch {
    return null
  }
}

/** The first value of a header that may list several (X-Forwarded-Host), trimmed. */
const first = (value: string | undefined) => value?.split(',')[0]?.trim() || undefined

/**
 * Refuses, with 403 and a Norwegian page, every request that may change
 * something (anything but GET, HEAD and OPTIONS) whose Origin, or else
 * Referer, is not this app: the APP_URL, or the host the request was sent to
 * (X-Forwarded-Host only when TRUST_PROXY trusts the sender).
 *
 * It also refuses whatever Remix's own check would refuse (with a 500): an
 * Origin whose host is not the X-Forwarded-Host, or else the Host, of the
 * request, whether or not the proxy is trusted. So no request this lets
 * through is one Remix turns into an error.
 */
export function sameOriginOnly(appUrl: string): RequestHandler {
  const appOrigin = new URL(appUrl).origin
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method)) return next()
    const hostHeader = req.get('host')
    const forwardedHost = first(req.get('x-forwarded-host'))
    const trusted = Boolean((req.app.get('trust proxy fn') as (address: string | undefined, i: number) => boolean)(req.socket.remoteAddress, 0))
    const ownHost = (trusted ? forwardedHost : undefined) ?? hostHeader
    const own = ownHost ? `${req.protocol}://${ownHost}` : null
    const originHeader = req.get('origin')
    const origin = originHeader ?? originOf(req.get('referer'))
    const ours = origin !== null && (origin === appOrigin || origin === own)
    // Remix compares an Origin header's host with X-Forwarded-Host (trusted or not), or else Host.
    const remixHost = forwardedHost ?? hostHeader
    const remixAgrees = originHeader === undefined || (originHeader !== 'null' && hostOf(originHeader) === remixHost)
    if (ours && remixAgrees) return next()
    refuse(res, REFUSALS.foreign, ours ? `origin ${origin} is not the request's host ${remixHost}` : `foreign origin ${String(origin).slice(0, 100)}`)
  }
}

/** Paths anyone may cache: the public pages, which show nothing personal to someone not logged in. */
const PUBLIC_PAGE = /^\/(?:$|tilgjengelighet\/?$|arrangementer\/)/

/**
 * The Cache-Control for a page the app renders, or null to leave the route's
 * own: every page is `private, no-store` except the public pages (the front
 * page, the event pages and the accessibility statement), and those too when
 * someone is logged in, since the page header names them.
 */
export function cacheControlFor(path: string, cookieHeader: string | null): string | null {
  const loggedIn = /(?:^|;\s*)klimasamling_session=/.test(cookieHeader ?? '')
  return PUBLIC_PAGE.test(path) && !loggedIn ? null : 'private, no-store'
}

/** Set-Cookie values with Secure added to those that lack it. */
export function withSecure(setCookie: string): string {
  return /;\s*secure\s*(?:;|$)/i.test(setCookie) ? setCookie : `${setCookie}; Secure`
}
