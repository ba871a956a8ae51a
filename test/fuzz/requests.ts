import http from 'node:http'
import fc from 'fast-check'
import { fillPattern, type RouteTarget } from './routes'
import { ROLES, type Role, sessionCookie, type World } from './world'

/**
 * Raw HTTP requests for the fuzz suite: fast-check picks a route, a role, URL
 * parameters and a body description; `encode` turns the description into the
 * exact bytes and headers sent (content types, charsets, broken multipart,
 * bad percent-encoding, invalid UTF-8, repeated and missing keys).
 */

export type Encoding =
  | 'urlencoded'
  | 'urlencoded-charset'
  | 'urlencoded-bad-percent'
  | 'urlencoded-latin1'
  | 'multipart'
  | 'multipart-wrong-boundary'
  | 'multipart-no-boundary'
  | 'multipart-truncated'
  | 'json'
  | 'text'
  | 'none'
  | 'octet'
  | 'garbage-type'

/** A value as generated; `big` is expanded only when sent, so a 2 MB field costs no memory until then. */
export type Value = string | { big: number; char: string }

export interface RequestSpec {
  targetId: string
  method: string
  role: Role
  /** Raw path values per parameter (already percent-encoded where needed). */
  params: Record<string, string>
  query: [string, Value][]
  encoding: Encoding
  fields: [string, Value][]
  /** Header oddities: another Host, no Origin, a foreign Origin, a Referer only. */
  /** `.data`: Remix's single-fetch URL of the same route (the data without the page, as the browser's JavaScript asks). */
  suffix: '' | '.data'
  origin: 'same' | 'none' | 'foreign' | 'referer' | 'null'
  host: 'same' | 'other' | 'forwarded'
  /** A sound request: the form's own path as its page gave it (parameters and query are then unused). */
  action?: string
}

export interface Outcome {
  status: number
  /** A transport error instead of an answer (the server closed the connection). */
  error?: string
}

const NUMBERS = [
  '0',
  '-1',
  '-0',
  '1.5',
  '1,5',
  '2147483647',
  '2147483648',
  '-2147483649',
  '21474837',
  '2147483647000',
  '9'.repeat(400),
  '1e309',
  '-1e309',
  'NaN',
  'Infinity',
  '0x10',
  '٣',
  '１２',
]
const DATES = [
  '2027-02-30',
  '2027-13-45',
  '0000-00-00',
  '1900-01-01',
  '9999-12-31',
  '2018-02-29',
  '2018-10-32',
  '2018-11-03',
  '2018-10-31',
  '+275760-09-13',
  '2018-10-31T25:61',
  '31.10.2018',
  '2018-1-1',
  '20181031',
  '1970-01-01T00:00:00Z',
]
const TIMES = ['25:00', '23:60', '-1:00', '12:00:00', '9:5', '00:00', '23:59', '12.30', '24:00']
const TEXTS = [
  '',
  ' ',
  '\u200b\u200b\u200b',
  '\u202eKari\u202c',
  'Ola\u0007Nordmann',
  '\u001b[31mrød\u001b[0m',
  'Null\u0000tegn',
  'e\u0301 (NFD)',
  'Ærlig Øyvind Åsen',
  '😀👩‍👩‍👧',
  '<script>alert(1)</script>',
  "'; drop table participant; --",
  '\r\nBcc: x@evil.example',
  '\ud800',
  '\uffff\ufffe',
  'a'.repeat(5000),
]
/** Names every JavaScript object has: a lookup by a posted value must not find them. */
export const PROTOTYPE_KEYS = ['constructor', '__proto__', 'valueOf', 'toString', 'hasOwnProperty']
const EMAILS = [
  'a@b',
  '@',
  'x@example.no\r\nBcc: y@evil.example',
  'ÆØÅ@eksempel.no',
  `${'a'.repeat(300)}@example.no`,
  'KONTAKT@SELBU.FUZZ.EXAMPLE.NO',
  'deltaker@selbu.fuzz.example.no',
  'ny@fuzz.example.no',
]
const PATH_GARBAGE = [
  'x',
  '0',
  '-1',
  '99999999999999999999',
  '%00',
  '%E2%80%AE',
  '%C0%AE%C0%AE',
  '%FF',
  'ÆØÅ',
  '..%2F..%2Fpackage.json',
  '00000000-0000-0000-0000-000000000000',
  "1'%20or%20'1'='1",
  'a'.repeat(3000),
  '%20',
]

const valueArbitraries = new WeakMap<World, Map<string, fc.Arbitrary<Value>>>()

/** A value for the field `name` (one it was shown with, often), built once per name. */
function valueArbitrary(world: World, name: string | null): fc.Arbitrary<Value> {
  const cache = valueArbitraries.get(world) ?? new Map<string, fc.Arbitrary<Value>>()
  valueArbitraries.set(world, cache)
  const key = name ?? '\u0000'
  const cached = cache.get(key)
  if (cached) return cached
  const made = makeValueArbitrary(world, name)
  cache.set(key, made)
  return made
}

function makeValueArbitrary(world: World, name: string | null): fc.Arbitrary<Value> {
  const known = name ? (world.fieldValues.get(name) ?? []) : []
  const weighted: fc.WeightedArbitrary<Value>[] = [
    { weight: 3, arbitrary: fc.constantFrom<Value>(...NUMBERS) },
    { weight: 3, arbitrary: fc.constantFrom<Value>(...DATES) },
    { weight: 1, arbitrary: fc.constantFrom<Value>(...TIMES) },
    { weight: 3, arbitrary: fc.constantFrom<Value>(...TEXTS) },
    { weight: 1, arbitrary: fc.constantFrom<Value>(...EMAILS) },
    { weight: 1, arbitrary: fc.constantFrom<Value>(...PROTOTYPE_KEYS) },
    { weight: 2, arbitrary: fc.constantFrom<Value>(...world.ids) },
    { weight: 1, arbitrary: fc.uuid() },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 1, arbitrary: fc.integer().map(String) },
  ]
  if (known.length) weighted.push({ weight: 8, arbitrary: fc.constantFrom<Value>(...known) })
  // A huge value now and then (2 MB, multi-byte, NUL): about one request in 60 carries one.
  const big = fc.constantFrom<Value>({ big: 2 * 1024 * 1024, char: 'a' }, { big: 300_000, char: 'ø' }, { big: 70_000, char: '\u0000' })
  return fc.oneof({ weight: 400, arbitrary: fc.oneof(...weighted) }, { weight: 1, arbitrary: big })
}

function fieldsArbitrary(world: World, target: RouteTarget): fc.Arbitrary<[string, Value][]> {
  const templates = world.forms.filter((f) => f.targetId === target.id)
  const names = [...new Set([...templates.flatMap((t) => t.fields.map(([n]) => n)), 'intent', 'id', 'email', 'name'])]
  const base: fc.Arbitrary<[string, Value][]> = templates.length ? fc.constantFrom(...templates.map((t) => t.fields as [string, Value][])) : fc.constant([])
  const name = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...names) },
    { weight: 1, arbitrary: fc.constantFrom('', '__proto__', 'constructor', 'a[0]', 'x'.repeat(300), 'navn\u0000', 'ø') },
  )
  const pair = name.chain((n) => valueArbitrary(world, n).map((v) => [n, v] as [string, Value]))
  return fc
    .record({
      base,
      // Index-based edits of the rendered form: drop a key, change a value, repeat one, add others.
      drops: fc.array(fc.nat(), { maxLength: 3 }),
      changes: fc.array(fc.tuple(fc.nat(), fc.boolean()), { maxLength: 4 }),
      repeats: fc.array(fc.nat(), { maxLength: 2 }),
      extra: fc.array(pair, { maxLength: 4 }),
      valid: fc.nat({ max: 9 }),
    })
    .chain(({ base, drops, changes, repeats, extra, valid }) => {
      let fields = [...base]
      // One in ten stays as the page rendered it, so the well-formed path is walked too.
      if (valid === 0) return fc.constant(fields)
      for (const d of drops) if (fields.length) fields.splice(d % fields.length, 1)
      for (const r of repeats) if (fields.length) fields.push(fields[r % fields.length] as [string, Value])
      fields = [...fields, ...extra]
      const edits = changes.filter(() => fields.length).map(([i, keepName]) => [i % fields.length, keepName] as const)
      if (!edits.length) return fc.constant(fields)
      return fc.tuple(...edits.map(([i]) => valueArbitrary(world, fields[i]?.[0] ?? null))).map((values) => {
        const copy = [...fields]
        edits.forEach(([i], k) => {
          copy[i] = [copy[i]?.[0] ?? 'x', values[k] as Value]
        })
        return copy
      })
    })
}

function paramArbitrary(world: World, name: string): fc.Arbitrary<string> {
  const real = (world.params[name] ?? []).map((v) => pct(v).replaceAll('%2F', '/'))
  const arbitraries: fc.WeightedArbitrary<string>[] = [{ weight: 1, arbitrary: fc.constantFrom(...PATH_GARBAGE) }]
  if (real.length) arbitraries.push({ weight: 4, arbitrary: fc.constantFrom(...real) })
  return fc.oneof(...arbitraries)
}

const ENCODINGS: fc.WeightedArbitrary<Encoding>[] = [
  { weight: 40, arbitrary: fc.constant('urlencoded') },
  { weight: 3, arbitrary: fc.constant('urlencoded-charset') },
  { weight: 4, arbitrary: fc.constant('urlencoded-bad-percent') },
  { weight: 3, arbitrary: fc.constant('urlencoded-latin1') },
  { weight: 15, arbitrary: fc.constant('multipart') },
  { weight: 3, arbitrary: fc.constant('multipart-wrong-boundary') },
  { weight: 2, arbitrary: fc.constant('multipart-no-boundary') },
  { weight: 2, arbitrary: fc.constant('multipart-truncated') },
  { weight: 3, arbitrary: fc.constant('json') },
  { weight: 2, arbitrary: fc.constant('text') },
  { weight: 2, arbitrary: fc.constant('none') },
  { weight: 1, arbitrary: fc.constant('octet') },
  { weight: 1, arbitrary: fc.constant('garbage-type') },
]

/**
 * A sound post: a form as its page rendered it, sent by whom it was shown to, well encoded, with a fresh
 * idempotency key and email, and at most two values changed, so the app's deeper rules and writes are reached.
 */
function soundArbitrary(world: World): fc.Arbitrary<RequestSpec> {
  const fresh = (name: string, value: string): fc.Arbitrary<Value> => {
    if (/idempotency/i.test(name)) return fc.uuid({ version: 4 })
    // A shown address stays (changing the contact person's would hand the municipality over); a blank one gets a new person.
    if (/email/i.test(name) && value === '') return fc.uuid().map((id) => `${id.slice(0, 8)}@fuzz.example.no`)
    if (value !== '') return fc.constant(value)
    // An empty field of a blank form: what a person would type there.
    if (/name|navn/i.test(name)) return fc.constantFrom('Fuzz Person', 'Åse Ødegård-Ås')
    if (/phone/i.test(name)) return fc.constant('+47 912 34 567')
    if (/date/i.test(name)) return fc.constantFrom('2018-11-27', '2018-11-28')
    if (/time/i.test(name)) return fc.constant('10:00')
    if (/title|label|subject|venue|room/i.test(name)) return fc.constant('Fuzz tittel')
    if (/body|description|reason|note|text|speakers|diet|allerg|accessib/i.test(name)) return fc.constantFrom('Fuzz tekst', '')
    return fc.constant(value)
  }
  return fc.constantFrom(...world.forms).chain((form) =>
    fc.record({
      targetId: fc.constant(form.targetId),
      method: fc.constant('POST'),
      role: fc.constant(form.role),
      params: fc.constant({}),
      query: fc.constant([]),
      encoding: fc.constantFrom<Encoding>('urlencoded', 'urlencoded', 'multipart'),
      suffix: fc.constantFrom<'' | '.data'>('', '.data'),
      origin: fc.constant('same' as const),
      host: fc.constant('same' as const),
      action: fc.constant(form.action),
      fields: fc
        .tuple(
          // The form as shown, with some of the boxes it left unchecked ticked (a day, a night, a session).
          fc
            .subarray(form.options, { maxLength: Math.min(4, form.options.length) })
            .chain((ticked) =>
              fc.tuple(
                ...[...form.fields, ...ticked]
                  .map(([n, v]) => fresh(n, v))
                  .map((value, i) => value.map((v) => [[...form.fields, ...ticked][i]?.[0] ?? '', v] as [string, Value])),
              ),
            ),
          fc
            .array(fc.nat(), { maxLength: 2 })
            .chain((at) =>
              fc.tuple(
                ...at.map((i) => fc.constant(i % Math.max(1, form.fields.length))),
                ...at.map((i) => valueArbitrary(world, form.fields[i % Math.max(1, form.fields.length)]?.[0] ?? null)),
              ),
            ),
        )
        .map(([values, changes]) => {
          const fields = [...values]
          const half = changes.length / 2
          for (let k = 0; k < half; k++) {
            const i = changes[k] as number
            if (fields[i]) fields[i] = [fields[i][0], changes[half + k] as Value]
          }
          return fields
        }),
    }),
  )
}

/** One raw request: a sound post now and then, otherwise any route as any role with anything. */
export function requestArbitrary(world: World, targets: RouteTarget[]): fc.Arbitrary<RequestSpec> {
  if (!world.forms.length) return hostileArbitrary(world, targets)
  return fc.oneof({ weight: 3, arbitrary: soundArbitrary(world) }, { weight: 7, arbitrary: hostileArbitrary(world, targets) })
}

/** One raw request against one of `targets`, as any role. Loaders with parameters and actions are weighted up. */
function hostileArbitrary(world: World, targets: RouteTarget[]): fc.Arbitrary<RequestSpec> {
  const weighted: fc.WeightedArbitrary<RouteTarget>[] = targets.map((t) => ({
    weight: (t.hasAction ? 6 : 0) + (t.hasLoader ? (t.params.length ? 2 : 1) : 0) || 1,
    arbitrary: fc.constant(t),
  }))
  return fc.oneof(...weighted).chain((target) => {
    const methods: fc.WeightedArbitrary<string>[] = []
    if (target.hasAction) methods.push({ weight: 10, arbitrary: fc.constant('POST') }, { weight: 1, arbitrary: fc.constantFrom('PUT', 'PATCH', 'DELETE') })
    if (target.hasLoader || !target.hasAction)
      methods.push({ weight: target.hasAction ? 4 : 10, arbitrary: fc.constant('GET') }, { weight: 1, arbitrary: fc.constant('HEAD') })
    const queryNames = [...target.queryKeys, 'index', 'redirectTo', 'q']
    return fc.record({
      targetId: fc.constant(target.id),
      method: fc.oneof(...methods),
      role: fc.constantFrom(...ROLES),
      params: fc.record(Object.fromEntries(target.params.map((p) => [p, paramArbitrary(world, p)]))) as fc.Arbitrary<Record<string, string>>,
      query: fc.oneof(
        {
          weight: 30,
          arbitrary: fc.array(
            fc.constantFrom(...queryNames).chain((n) => valueArbitrary(world, n).map((v) => [n, v] as [string, Value])),
            { maxLength: 3 },
          ),
        },
        // Remix's legacy data request, now and then.
        {
          weight: 1,
          arbitrary: fc.constantFrom<Value>(`routes/${target.id}`, 'root', 'routes/finnes-ikke', '').map((v) => [['_data', v]] as [string, Value][]),
        },
      ),
      encoding: fc.oneof(...ENCODINGS),
      suffix: fc.constantFrom<'' | '.data'>('', '', '.data'),
      fields: fieldsArbitrary(world, target),
      origin: fc.oneof(
        { weight: 40, arbitrary: fc.constant('same' as const) },
        { weight: 1, arbitrary: fc.constantFrom('none' as const, 'foreign' as const, 'referer' as const, 'null' as const) },
      ),
      host: fc.oneof(
        { weight: 40, arbitrary: fc.constant('same' as const) },
        { weight: 1, arbitrary: fc.constantFrom('other' as const, 'forwarded' as const) },
      ),
    })
  })
}

/** Percent-encodes the UTF-8 bytes of `text` (a lone surrogate becomes U+FFFD's bytes, as a browser sends it). */
function pct(text: string): string {
  try {
    return encodeURIComponent(text)
  } catch {
    // A lone surrogate: encode its bytes as Buffer writes them.
  }
  let out = ''
  for (const byte of Buffer.from(text, 'utf8')) {
    const ch = String.fromCharCode(byte)
    out += /[A-Za-z0-9\-_.~]/.test(ch) ? ch : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`
  }
  return out
}

const expand = (value: Value): string => (typeof value === 'string' ? value : value.char.repeat(value.big))
/** A value percent-encoded; a huge one by repeating its one character's encoding. */
const pctValue = (value: Value): string => (typeof value === 'string' ? pct(value) : pct(value.char).repeat(value.big))

/** The raw body and content type a spec describes. */
export function encode(spec: RequestSpec): { contentType: string | null; body: Buffer } {
  const pairs = spec.fields.map(([n, v]) => [n, expand(v)] as const)
  const urlencoded = () => spec.fields.map(([n, v]) => `${pct(n)}=${pctValue(v).replaceAll('%20', '+')}`).join('&')
  const boundary = `----fuzz${spec.fields.length}x${pairs[0]?.[0].length ?? 0}`
  const multipart = (b: string) =>
    Buffer.concat([
      ...pairs.map(([n, v]) => Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="${n.replaceAll('"', '%22')}"\r\n\r\n${v}\r\n`, 'utf8')),
      Buffer.from(`--${b}--\r\n`),
    ])
  switch (spec.encoding) {
    case 'urlencoded':
      return { contentType: 'application/x-www-form-urlencoded', body: Buffer.from(urlencoded()) }
    case 'urlencoded-charset':
      return { contentType: 'application/x-www-form-urlencoded; charset=ISO-8859-1', body: Buffer.from(urlencoded()) }
    case 'urlencoded-bad-percent':
      return { contentType: 'application/x-www-form-urlencoded', body: Buffer.from(`${urlencoded()}&%zz=%&na%ZZvn=%E2%82&%FF%FE=%C0%80`) }
    case 'urlencoded-latin1':
      return { contentType: 'application/x-www-form-urlencoded', body: Buffer.from(pairs.map(([n, v]) => `${n}=${v}`).join('&'), 'latin1') }
    case 'multipart':
      return { contentType: `multipart/form-data; boundary=${boundary}`, body: multipart(boundary) }
    case 'multipart-wrong-boundary':
      return { contentType: 'multipart/form-data; boundary=annen-grense', body: multipart(boundary) }
    case 'multipart-no-boundary':
      return { contentType: 'multipart/form-data', body: multipart(boundary) }
    case 'multipart-truncated': {
      const body = multipart(boundary)
      return { contentType: `multipart/form-data; boundary=${boundary}`, body: body.subarray(0, Math.floor(body.length / 2)) }
    }
    case 'json':
      return { contentType: 'application/json', body: Buffer.from(JSON.stringify(Object.fromEntries(pairs))) }
    case 'text':
      return { contentType: 'text/plain', body: Buffer.from(pairs.map(([n, v]) => `${n}=${v}`).join('\n')) }
    case 'none':
      return { contentType: null, body: Buffer.from(urlencoded()) }
    case 'octet':
      return { contentType: 'application/octet-stream', body: Buffer.from(urlencoded()) }
    case 'garbage-type':
      return { contentType: 'x/y; ;; boundary', body: Buffer.from(urlencoded()) }
  }
}

/** The path and query a spec asks for. */
export function pathOf(spec: RequestSpec, target: RouteTarget): string {
  const query = spec.query.map(([n, v]) => `${pct(n)}=${pct(expand(v).slice(0, 4000))}`)
  if (target.index && spec.method !== 'GET' && spec.method !== 'HEAD') query.unshift('index')
  if (spec.action) {
    const [pathname = '/', search] = spec.action.split('?')
    const path = spec.suffix === '.data' ? (pathname === '/' ? '/_root.data' : `${pathname.replace(/\/$/, '')}.data`) : pathname
    return search ? `${path}?${search}` : path
  }
  let path = fillPattern(target.pattern, spec.params)
  if (spec.suffix === '.data') path = path === '/' ? '/_root.data' : `${path.replace(/\/$/, '')}.data`
  return path + (query.length ? `?${query.join('&')}` : '')
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 16 })

/** Sends one spec to the server, exactly as encoded, and reads the whole answer. */
export async function send(world: World, target: RouteTarget, spec: RequestSpec): Promise<Outcome> {
  const url = new URL(world.baseUrl)
  const headers: Record<string, string> = {}
  let cookie = world.cookies[spec.role]
  // Logging out ends the session it is sent with: give it a session of its own, so the role stays logged in.
  if (target.id === 'logg-ut' && spec.role !== 'anonymous') cookie = await sessionCookie(world.db, world.userIds[spec.role], world.now)
  if (cookie) headers.cookie = cookie
  if (spec.host === 'other') headers.host = 'annen-vert.example'
  if (spec.host === 'forwarded') headers['x-forwarded-host'] = 'annen-vert.example'
  const hasBody = spec.method !== 'GET' && spec.method !== 'HEAD'
  if (hasBody) {
    if (spec.origin === 'same') headers.origin = url.origin
    else if (spec.origin === 'foreign') headers.origin = 'http://evil.example'
    else if (spec.origin === 'referer') headers.referer = `${url.origin}/`
    else if (spec.origin === 'null') headers.origin = 'null'
  }
  let body: Buffer | undefined
  if (hasBody) {
    const encoded = encode(spec)
    if (encoded.contentType) headers['content-type'] = encoded.contentType
    body = encoded.body
    headers['content-length'] = String(body.length)
  }
  return new Promise<Outcome>((resolve) => {
    const req = http.request(
      { host: url.hostname, port: url.port, path: pathOf(spec, target), method: spec.method, headers, agent, timeout: 30_000 },
      (res) => {
        res.on('data', () => {})
        res.on('end', () => resolve({ status: res.statusCode ?? 0 }))
        res.on('error', (e) => resolve({ status: res.statusCode ?? 0, error: e.message }))
      },
    )
    req.on('timeout', () => req.destroy(new Error('timeout')))
    req.on('error', (e) => resolve({ status: 0, error: e.message }))
    req.end(body)
  })
}

export function closeAgent() {
  agent.destroy()
}

/** A short description of a spec for a report: method, path, role, encoding and the fields (long values cut). */
export function describe(spec: RequestSpec, target: RouteTarget): string {
  const cut = (v: Value) => {
    const s = typeof v === 'string' ? v : `<${v.big} × ${JSON.stringify(v.char)}>`
    return s.length > 60 ? `${s.slice(0, 60)}…(${s.length})` : s
  }
  return `${spec.method} ${pathOf(spec, target).slice(0, 200)} as ${spec.role} [${spec.encoding}, origin ${spec.origin}, host ${spec.host}] ${JSON.stringify(spec.fields.map(([n, v]) => [n, cut(v)]))}`
}
