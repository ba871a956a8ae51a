import { Button, Field, Heading, Input, Label, Link, Paragraph, Select, Table, ValidationMessage } from '@digdir/designsystemet-react'
import { Form, Link as RemixLink } from '@remix-run/react'
import { type FormEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { useTexts } from '~/components/language'
import { type ChangesAnswer, type CheckInState, checkInKey, countDay, matchesSearch, type SyncAnswer, supersedes, type WireState } from '~/domain/check-in'
import { texts } from '~/domain/language'

const text = texts({
  nb: {
    checkedIn: (name: string, municipality: string) => `${name} (${municipality}) er sjekket inn.`,
    undone: (name: string) => `Innsjekkingen av ${name} er angret.`,
    waiting: (n: number) => `${n} ${n === 1 ? 'innsjekking venter' : 'innsjekkinger venter'} på nett`,
    allSent: 'Alt er sendt',
    loggedOut: 'Du er logget ut. Logg inn på nytt i en ny fane; innsjekkingene venter her.',
    refused: (n: number, messages: string) => `${n} ble ikke registrert: ${messages}`,
    codeMissing: 'Skriv eller skann koden fra deltakerens QR-kode.',
    codeOffline: 'Koden sendes når nettet er tilbake.',
    searchLabel: 'Søk etter navn eller kommune',
    search: 'Søk',
    day: 'Dag',
    showDay: 'Vis dagen',
    codeLabel: 'Kode fra QR',
    codeHelp: 'Skann med en håndskanner, eller skriv koden som står under QR-koden.',
    checkInWithCode: 'Sjekk inn med kode',
    closeCamera: 'Lukk kameraet',
    scan: 'Skann QR-kode',
    arrivedOf: (arrived: number, expected: number) => `Ankommet: ${arrived} av ${expected}`,
    perMunicipality: 'Per kommune',
    arrivedPerMunicipality: 'Ankommet per kommune',
    municipality: 'Kommune',
    arrived: 'Ankommet',
    expectedDay: 'Påmeldt denne dagen',
    participants: (query: string, n: number) => `Deltakere ${query ? `som passer «${query}»` : 'denne dagen'} (${n})`,
    participantsCaption: 'Deltakere som er påmeldt dagen',
    name: 'Navn',
    status: 'Status',
    action: 'Handling',
    notArrived: 'Ikke ankommet',
    undo: 'Angre',
    checkIn: 'Sjekk inn',
    someoneElse: 'Kommer en annen i stedet?',
    noMatch: 'Ingen deltakere passer søket denne dagen.',
    noneYet: 'Ingen er påmeldt ennå.',
    cameraStarting: 'Starter kameraet …',
    cameraRefused: 'Fikk ikke bruke kameraet. Gi nettleseren lov, eller skriv koden.',
    holdCode: 'Hold QR-koden foran kameraet.',
    cameraImage: 'Kameraets bilde',
  },
  nn: {
    checkedIn: (name: string, municipality: string) => `${name} (${municipality}) er sjekka inn.`,
    undone: (name: string) => `Innsjekkinga av ${name} er angra.`,
    waiting: (n: number) => `${n} ${n === 1 ? 'innsjekking ventar' : 'innsjekkingar ventar'} på nett`,
    allSent: 'Alt er sendt',
    loggedOut: 'Du er logga ut. Logg inn på nytt i ei ny fane; innsjekkingane ventar her.',
    refused: (n: number, messages: string) => `${n} vart ikkje ${n === 1 ? 'registrert' : 'registrerte'}: ${messages}`,
    codeMissing: 'Skriv eller skann koden frå QR-koden til deltakaren.',
    codeOffline: 'Koden blir send når nettet er tilbake.',
    searchLabel: 'Søk etter namn eller kommune',
    search: 'Søk',
    day: 'Dag',
    showDay: 'Vis dagen',
    codeLabel: 'Kode frå QR',
    codeHelp: 'Skann med ein handskannar, eller skriv koden som står under QR-koden.',
    checkInWithCode: 'Sjekk inn med kode',
    closeCamera: 'Lukk kameraet',
    scan: 'Skann QR-kode',
    arrivedOf: (arrived: number, expected: number) => `Komne: ${arrived} av ${expected}`,
    perMunicipality: 'Per kommune',
    arrivedPerMunicipality: 'Komne per kommune',
    municipality: 'Kommune',
    arrived: 'Komen',
    expectedDay: 'Påmeld denne dagen',
    participants: (query: string, n: number) => `Deltakarar ${query ? `som passar «${query}»` : 'denne dagen'} (${n})`,
    participantsCaption: 'Deltakarar som er påmelde denne dagen',
    name: 'Namn',
    status: 'Status',
    action: 'Handling',
    notArrived: 'Ikkje komen',
    undo: 'Angre',
    checkIn: 'Sjekk inn',
    someoneElse: 'Kjem det ein annan i staden?',
    noMatch: 'Ingen deltakarar passar søket denne dagen.',
    noneYet: 'Ingen er påmelde enno.',
    cameraStarting: 'Startar kameraet …',
    cameraRefused: 'Fekk ikkje bruke kameraet. Gi nettlesaren lov, eller skriv koden.',
    holdCode: 'Hald QR-koden framfor kameraet.',
    cameraImage: 'Biletet frå kameraet',
  },
})

/**
 * The check-in desk (decision 046). Without JavaScript every part is a plain
 * form: the day and the search are GET forms the server filters by, each
 * row's button and the code field POST to the page. With JavaScript the
 * same page searches as you type, and a check-in or an undo shows at once
 * and goes into a queue kept in localStorage, sent to the sync route
 * (app/routes/arrangor.$eventId.innsjekking.synk.ts) when the network is
 * there; each operation carries an id made here, so the server applies one
 * sent twice once. Every few seconds the desk asks what the other desks
 * changed. The camera scanner loads jsqr only when asked (and not at all
 * where the browser has BarcodeDetector).
 */

export interface DeskPerson {
  id: string
  name: string
  title: string
  municipality: string
  dayIds: string[]
  arrivedDayIds: string[]
}

export interface CheckInDeskProps {
  eventId: string
  days: Array<{ id: string; label: string }>
  dayId: string
  query: string
  participants: DeskPerson[]
  canMark: boolean
  /** Why marking is closed, when it is. */
  closedReason: string | null
  /** For the no-JavaScript forms: the server derives each operation's id from it, so a form sent twice counts once. */
  token: string
  /** The code form's error from the server, without JavaScript. */
  codeError: string | null
  /** What the last no-JavaScript action did. */
  notice: string | null
}

interface QueuedOp {
  id: string
  participantId: string
  dayId: string
  arrived: boolean
  madeAt: string
}

interface QueuedCode {
  id: string
  dayId: string
  code: string
}

interface Queue {
  ops: QueuedOp[]
  codes: QueuedCode[]
}

const SYNC_EVERY_MS = 5_000
/** At most this many operations and codes a request (the sync route takes 500 and 50). */
const BATCH_OPS = 200
const BATCH_CODES = 20
const EMPTY: Queue = { ops: [], codes: [] }

function readQueue(key: string): Queue {
  try {
    const parsed = JSON.parse(localStorage.getItem(key) ?? 'null') as Queue | null
    return parsed && Array.isArray(parsed.ops) && Array.isArray(parsed.codes) ? parsed : EMPTY
  } catch {
    return EMPTY
  }
}

function writeQueue(key: string, queue: Queue) {
  try {
    if (queue.ops.length === 0 && queue.codes.length === 0) localStorage.removeItem(key)
    else localStorage.setItem(key, JSON.stringify(queue))
  } catch {
    // A full or blocked storage: the queue still lives in memory until the page closes.
  }
}

function initialStates(participants: readonly DeskPerson[]): Map<string, CheckInState> {
  const states = new Map<string, CheckInState>()
  // The page's own states are older than any operation made on it.
  for (const p of participants) for (const d of p.arrivedDayIds) states.set(checkInKey(p.id, d), { arrived: true, changedAt: new Date(0) })
  return states
}

function mergeWire(states: ReadonlyMap<string, CheckInState>, incoming: readonly WireState[]): Map<string, CheckInState> {
  const next = new Map(states)
  for (const s of incoming) {
    const key = checkInKey(s.participantId, s.dayId)
    const state = { arrived: s.arrived, changedAt: new Date(s.changedAt) }
    const current = next.get(key)
    // The server's state is the truth; a newer one made here and still queued wins until it is sent.
    if (!current || current.changedAt.getTime() === 0 || supersedes({ arrived: state.arrived, madeAt: state.changedAt }, current)) next.set(key, state)
  }
  return next
}

/** A random UUID (v4) for an operation; `crypto.randomUUID` exists only on https pages, `getRandomValues` everywhere. */
function operationId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID()
  const b = crypto.getRandomValues(new Uint8Array(16))
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

export function CheckInDesk(props: CheckInDeskProps) {
  const { eventId, days, dayId, participants, canMark, token } = props
  const t = useTexts(text)
  const base = `/arrangor/${eventId}/innsjekking`
  const syncUrl = `${base}/synk`
  const storageKey = `klimasamling.innsjekking.${eventId}`
  const [hydrated, setHydrated] = useState(false)
  const [query, setQuery] = useState(props.query)
  const [states, setStates] = useState(() => initialStates(participants))
  const [pending, setPending] = useState(0)
  const [status, setStatus] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(props.notice)
  const [codeError, setCodeError] = useState<string | null>(props.codeError)
  const [scanning, setScanning] = useState(false)
  const sending = useRef(false)
  const cursor = useRef<string | null>(null)
  const codeInput = useRef<HTMLInputElement>(null)
  const byId = useMemo(() => new Map(participants.map((p) => [p.id, p])), [participants])

  const arrived = useCallback((participantId: string, day: string) => states.get(checkInKey(participantId, day))?.arrived === true, [states])
  const counts = useMemo(() => countDay(participants, (id) => arrived(id, dayId), dayId), [participants, arrived, dayId])
  const shown = participants.filter((p) => p.dayIds.includes(dayId) && matchesSearch(p, query))

  const flush = useCallback(async () => {
    if (sending.current) return
    const queue = readQueue(storageKey)
    setPending(queue.ops.length + queue.codes.length)
    if (queue.ops.length === 0 && queue.codes.length === 0) return
    if (!navigator.onLine) return
    sending.current = true
    let more = false
    // In batches the sync route takes (a desk offline all morning has hundreds); the rest follows at once.
    const batch = { ops: queue.ops.slice(0, BATCH_OPS), codes: queue.codes.slice(0, BATCH_CODES) }
    try {
      const response = await fetch(syncUrl, {
        method: 'POST',
        headers: { Accept: 'application/json' },
        body: new URLSearchParams({ data: JSON.stringify(batch) }),
        redirect: 'manual',
      })
      const type = response.headers.get('Content-Type') ?? ''
      if (!type.includes('application/json')) {
        setStatus(response.type === 'opaqueredirect' ? t.loggedOut : null)
        return
      }
      const body = (await response.json()) as SyncAnswer | { message: string }
      const sent = new Set([...batch.ops.map((o) => o.id), ...batch.codes.map((c) => c.id)])
      const rest = readQueue(storageKey)
      const left = { ops: rest.ops.filter((o) => !sent.has(o.id)), codes: rest.codes.filter((c) => !sent.has(c.id)) }
      if (!response.ok) {
        // Refused as a whole (the desk is closed, or the event is not ours): sending it again will not help.
        if (response.status >= 400 && response.status < 500 && 'message' in body) {
          writeQueue(storageKey, left)
          setStatus(body.message)
        }
        return
      }
      const answer = body as SyncAnswer
      writeQueue(storageKey, left)
      setStates((current) => mergeWire(current, answer.states))
      const refused = answer.results.filter((r) => r.status === 'rejected')
      for (const code of answer.codes) {
        if (code.status === 'rejected') setCodeError(code.message)
        else setNotice(t.checkedIn(code.participant.name, code.participant.municipality))
      }
      setStatus(refused.length > 0 ? t.refused(refused.length, refused.map((r) => ('message' in r ? r.message : '')).join(' ')) : null)
      setPending(left.ops.length + left.codes.length)
      more = left.ops.length + left.codes.length > 0
    } catch {
      // The network went away: the queue waits for the next try.
    } finally {
      sending.current = false
    }
    // What was queued while this batch was on its way goes at once, not at the next tick.
    if (more) await flush()
  }, [storageKey, syncUrl, t])

  const poll = useCallback(async () => {
    if (!navigator.onLine || document.visibilityState === 'hidden') return
    try {
      const url = cursor.current ? `${syncUrl}?siden=${encodeURIComponent(cursor.current)}` : syncUrl
      const response = await fetch(url, { headers: { Accept: 'application/json' }, redirect: 'manual' })
      if (!response.ok || !(response.headers.get('Content-Type') ?? '').includes('application/json')) return
      const answer = (await response.json()) as ChangesAnswer
      cursor.current = answer.cursor
      setStates((current) => mergeWire(current, answer.states))
    } catch {
      // Offline: the next poll tries again.
    }
  }, [syncUrl])

  useEffect(() => {
    setHydrated(true)
    // What was typed into the search before the page's JavaScript ran is kept.
    const typed = (document.getElementById('sok') as HTMLInputElement | null)?.value
    if (typed) setQuery(typed)
    // Operations left from before a reload show at once, and go when they can.
    const left = readQueue(storageKey)
    if (left.ops.length > 0) {
      setStates((current) => {
        const next = new Map(current)
        for (const op of left.ops) {
          const key = checkInKey(op.participantId, op.dayId)
          if (supersedes({ arrived: op.arrived, madeAt: new Date(op.madeAt) }, next.get(key)))
            next.set(key, { arrived: op.arrived, changedAt: new Date(op.madeAt) })
        }
        return next
      })
    }
    void flush()
    const online = () => void flush()
    window.addEventListener('online', online)
    const timer = window.setInterval(() => {
      void flush().then(poll)
    }, SYNC_EVERY_MS)
    return () => {
      window.removeEventListener('online', online)
      window.clearInterval(timer)
    }
  }, [flush, poll, storageKey])

  const enqueue = (change: { op?: QueuedOp; code?: QueuedCode }) => {
    const queue = readQueue(storageKey)
    const next = { ops: change.op ? [...queue.ops, change.op] : queue.ops, codes: change.code ? [...queue.codes, change.code] : queue.codes }
    writeQueue(storageKey, next)
    setPending(next.ops.length + next.codes.length)
    void flush()
  }

  const mark = (event: FormEvent<HTMLFormElement>, person: DeskPerson, toArrived: boolean) => {
    event.preventDefault()
    const madeAt = new Date()
    const op = { id: operationId(), participantId: person.id, dayId, arrived: toArrived, madeAt: madeAt.toISOString() }
    setStates((current) => new Map(current).set(checkInKey(person.id, dayId), { arrived: toArrived, changedAt: madeAt }))
    setNotice(toArrived ? t.checkedIn(person.name, person.municipality) : t.undone(person.name))
    enqueue({ op })
  }

  const sendCode = useCallback(
    (code: string) => {
      const value = code.trim()
      setCodeError(null)
      if (!value) {
        setCodeError(t.codeMissing)
        return
      }
      setNotice(navigator.onLine ? null : t.codeOffline)
      const queue = readQueue(storageKey)
      const next = { ops: queue.ops, codes: [...queue.codes, { id: operationId(), dayId, code: value }] }
      writeQueue(storageKey, next)
      setPending(next.ops.length + next.codes.length)
      void flush()
    },
    [dayId, flush, storageKey, t],
  )

  const submitCode = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const input = codeInput.current
    sendCode(input?.value ?? '')
    if (input) input.value = ''
  }

  const statusText = status ?? (pending > 0 ? t.waiting(pending) : t.allSent)
  const codeErrorId = 'kode-feil'
  return (
    <div className="stack-lg">
      <form method="get" action={base} className="stack check-in-filter" onSubmit={hydrated ? (e) => e.preventDefault() : undefined}>
        <input type="hidden" name="dag" value={dayId} />
        <Field>
          <Label htmlFor="sok">{t.searchLabel}</Label>
          <Input id="sok" name="q" type="search" autoComplete="off" value={query} onChange={(e) => setQuery(e.target.value)} aria-controls="deltakere" />
        </Field>
        {hydrated ? null : (
          <div>
            <Button type="submit" variant="secondary">
              {t.search}
            </Button>
          </div>
        )}
      </form>

      {days.length > 1 ? (
        <form method="get" action={base} className="stack">
          <input type="hidden" name="q" value={query} />
          <Field>
            <Label htmlFor="dag">{t.day}</Label>
            <Select id="dag" name="dag" defaultValue={dayId}>
              {days.map((d) => (
                <Select.Option key={d.id} value={d.id}>
                  {d.label}
                </Select.Option>
              ))}
            </Select>
          </Field>
          <div>
            <Button type="submit" variant="secondary">
              {t.showDay}
            </Button>
          </div>
        </form>
      ) : null}

      <div aria-live="polite" role="status" className="check-in-status">
        {notice ? <Paragraph>{notice}</Paragraph> : null}
        {hydrated && canMark ? <Paragraph data-testid="sync-status">{statusText}</Paragraph> : null}
      </div>

      {canMark ? (
        <Form method="post" className="stack" onSubmit={hydrated ? submitCode : undefined}>
          <input type="hidden" name="intent" value="code" />
          <input type="hidden" name="dayId" value={dayId} />
          <input type="hidden" name="token" value={token} />
          <Field>
            <Label htmlFor="kode">{t.codeLabel}</Label>
            <Paragraph data-size="sm" id="kode-hjelp">
              {t.codeHelp}
            </Paragraph>
            <Input
              id="kode"
              name="code"
              ref={codeInput}
              autoComplete="off"
              autoCapitalize="off"
              spellCheck={false}
              aria-invalid={codeError ? true : undefined}
              aria-describedby={codeError ? `kode-hjelp ${codeErrorId}` : 'kode-hjelp'}
            />
            {codeError ? (
              <ValidationMessage id={codeErrorId} data-field="">
                {codeError}
              </ValidationMessage>
            ) : null}
          </Field>
          <div className="check-in-code-actions">
            <Button type="submit">{t.checkInWithCode}</Button>
            {hydrated ? (
              <Button type="button" variant="secondary" onClick={() => setScanning((s) => !s)} aria-expanded={scanning}>
                {scanning ? t.closeCamera : t.scan}
              </Button>
            ) : null}
          </div>
        </Form>
      ) : null}
      {scanning ? (
        <QrScanner
          onCode={(code) => {
            setScanning(false)
            sendCode(code)
          }}
          onError={(message) => {
            setScanning(false)
            setCodeError(message)
          }}
        />
      ) : null}

      <section aria-labelledby="tall" className="stack">
        <Heading level={2} data-size="sm" id="tall">
          {t.arrivedOf(counts.arrived, counts.expected)}
        </Heading>
        <details>
          <summary>{t.perMunicipality}</summary>
          <Table>
            <caption className="visually-hidden">{t.arrivedPerMunicipality}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t.municipality}</Table.HeaderCell>
                <Table.HeaderCell>{t.arrived}</Table.HeaderCell>
                <Table.HeaderCell>{t.expectedDay}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {counts.municipalities.map((m) => (
                <Table.Row key={m.name}>
                  <Table.Cell>{m.name}</Table.Cell>
                  <Table.Cell>{m.arrived}</Table.Cell>
                  <Table.Cell>{m.expected}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </details>
      </section>

      <section aria-labelledby="liste" className="stack">
        <Heading level={2} data-size="sm" id="liste">
          {t.participants(query.trim(), shown.length)}
        </Heading>
        <Table id="deltakere">
          <caption className="visually-hidden">{t.participantsCaption}</caption>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>{t.name}</Table.HeaderCell>
              <Table.HeaderCell>{t.municipality}</Table.HeaderCell>
              <Table.HeaderCell>{t.status}</Table.HeaderCell>
              <Table.HeaderCell>{t.action}</Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {shown.map((p) => {
              const isIn = arrived(p.id, dayId)
              return (
                <Table.Row key={p.id} data-participant={p.id}>
                  <Table.Cell>
                    {p.name}
                    {p.title ? <span className="program-meta">, {p.title}</span> : null}
                  </Table.Cell>
                  <Table.Cell>{p.municipality}</Table.Cell>
                  <Table.Cell>{isIn ? t.arrived : t.notArrived}</Table.Cell>
                  <Table.Cell>
                    {canMark ? (
                      <div className="check-in-row-actions">
                        <Form method="post" onSubmit={hydrated ? (e) => mark(e, p, !isIn) : undefined}>
                          <input type="hidden" name="intent" value="mark" />
                          <input type="hidden" name="participantId" value={p.id} />
                          <input type="hidden" name="dayId" value={dayId} />
                          <input type="hidden" name="arrived" value={isIn ? 'false' : 'true'} />
                          <input type="hidden" name="token" value={token} />
                          <input type="hidden" name="q" value={query} />
                          <Button type="submit" data-size="sm" variant={isIn ? 'secondary' : 'primary'}>
                            {isIn ? t.undo : t.checkIn}
                            <span className="visually-hidden"> {p.name}</span>
                          </Button>
                        </Form>
                        <Link asChild>
                          <RemixLink to={`${base}/erstatter/${p.id}?dag=${dayId}`}>
                            {t.someoneElse}
                            <span className="visually-hidden"> ({p.name})</span>
                          </RemixLink>
                        </Link>
                      </div>
                    ) : null}
                  </Table.Cell>
                </Table.Row>
              )
            })}
          </Table.Body>
        </Table>
        {shown.length === 0 ? <Paragraph>{t.noMatch}</Paragraph> : null}
      </section>
      {byId.size === 0 ? <Paragraph>{t.noneYet}</Paragraph> : null}
    </div>
  )
}

/**
 * The camera scanner: the back camera through getUserMedia, read with the
 * browser's BarcodeDetector where there is one, else with jsqr, loaded only
 * now (it is not in the page's bundle).
 */
function QrScanner({ onCode, onError }: { onCode: (code: string) => void; onError: (message: string) => void }) {
  const t = useTexts(text)
  const video = useRef<HTMLVideoElement>(null)
  const [message, setMessage] = useState(t.cameraStarting)
  // The latest callbacks, so a new render does not restart the camera.
  const callbacks = useRef({ onCode, onError, t })
  callbacks.current = { onCode, onError, t }
  useEffect(() => {
    const { onCode, onError } = {
      onCode: (code: string) => callbacks.current.onCode(code),
      onError: (message: string) => callbacks.current.onError(message),
    }
    let stopped = false
    let stream: MediaStream | null = null
    let timer = 0
    const start = async () => {
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false })
      } catch {
        onError(callbacks.current.t.cameraRefused)
        return
      }
      const element = video.current
      if (stopped || !element) return
      element.srcObject = stream
      await element.play().catch(() => {})
      const Detector = (
        window as unknown as { BarcodeDetector?: new (o: { formats: string[] }) => { detect(v: HTMLVideoElement): Promise<Array<{ rawValue: string }>> } }
      ).BarcodeDetector
      const detector = Detector ? new Detector({ formats: ['qr_code'] }) : null
      const jsQR = detector ? null : (await import('jsqr')).default
      const canvas = document.createElement('canvas')
      const context = canvas.getContext('2d', { willReadFrequently: true })
      setMessage(callbacks.current.t.holdCode)
      const look = async () => {
        if (stopped) return
        let found: string | null = null
        if (element.videoWidth > 0) {
          if (detector) {
            found = (await detector.detect(element).catch(() => []))[0]?.rawValue ?? null
          } else if (jsQR && context) {
            canvas.width = element.videoWidth
            canvas.height = element.videoHeight
            context.drawImage(element, 0, 0)
            const image = context.getImageData(0, 0, canvas.width, canvas.height)
            found = jsQR(image.data, image.width, image.height)?.data ?? null
          }
        }
        if (found && !stopped) onCode(found)
        else timer = window.setTimeout(look, 200)
      }
      void look()
    }
    void start()
    return () => {
      stopped = true
      window.clearTimeout(timer)
      for (const track of stream?.getTracks() ?? []) track.stop()
    }
  }, [])
  return (
    <div className="stack check-in-scanner">
      <Paragraph>{message}</Paragraph>
      <video ref={video} muted playsInline className="check-in-video" aria-label={t.cameraImage} />
    </div>
  )
}
