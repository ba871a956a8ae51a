import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto'

/** A random token of 256 bits, URL-safe. */
export function newToken(): string {
  return randomBytes(32).toString('base64url')
}

/** What the database stores instead of a token: its SHA-256, hex. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

/** A six-digit code, leading zeros kept. */
export function newCode(): string {
  return randomInt(0, 1_000_000).toString().padStart(6, '0')
}

/** A code is hashed with the token it belongs to, so equal codes of two tokens differ. */
export function hashCode(tokenHash: string, code: string): string {
  return createHash('sha256').update(`${tokenHash}:${code}`).digest('hex')
}

export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex')
  const y = Buffer.from(b, 'hex')
  return x.length === y.length && timingSafeEqual(x, y)
}

/**
 * A code that names a participant (or another record) without being its id:
 * the id's 16 bytes and the first 12 bytes of an HMAC-SHA256 over the
 * purpose and the id, base64url. Only a holder of the key makes one, so a
 * guessed or altered code is refused. `purpose` keeps a badge's code from
 * opening a survey, and the other way round.
 */
export function signId(key: string, purpose: string, id: string): string {
  const bytes = Buffer.from(id.replaceAll('-', ''), 'hex')
  return Buffer.concat([bytes, mac(key, purpose, bytes)]).toString('base64url')
}

/** The id a code from `signId` names, or null when it is not one of ours for `purpose`. */
export function verifySignedId(key: string, purpose: string, code: string): string | null {
  if (!/^[A-Za-z0-9_-]{38}$/.test(code)) return null
  const raw = Buffer.from(code, 'base64url')
  if (raw.length !== 28) return null
  const bytes = raw.subarray(0, 16)
  if (!timingSafeEqual(raw.subarray(16), mac(key, purpose, bytes))) return null
  const hex = bytes.toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

function mac(key: string, purpose: string, bytes: Buffer): Buffer {
  return createHmac('sha256', key).update(purpose).update(':').update(bytes).digest().subarray(0, 12)
}
