import { crc32, deflateSync } from 'node:zlib'
import type { Kysely } from 'kysely'
import QRCode from 'qrcode'
import type { Database } from '../../db/schema'
import { participantCode } from './participant-codes.server'

/**
 * The participant's QR code for the check-in desk (decision 046), drawn in
 * one place: as SVG for their page (an image with a text alternative, the
 * code in text beside it) and as PNG for the confirmation email, where SVG
 * does not show in most mail readers. The code is their signed check-in code
 * (participant-codes.server.ts); the desk reads it with a handheld scanner,
 * the camera, or typed.
 */

const OPTIONS = { errorCorrectionLevel: 'M', margin: 4 } as const

/** The participant's check-in code and its QR code as an SVG data URL, for an <img>. */
export async function participantCheckInQr(db: Kysely<Database>, participantId: string) {
  const code = await participantCode(db, participantId, 'check-in')
  const svg = await QRCode.toString(code, { ...OPTIONS, type: 'svg' })
  return { code, svgDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` }
}

/**
 * The QR code of `text` as a black-on-white PNG, `scale` pixels a module,
 * made synchronously (the email templates render synchronously): a
 * greyscale image, each row filtered "none", deflated with zlib.
 */
export function qrPng(text: string, scale = 6): Buffer {
  const qr = QRCode.create(text, { errorCorrectionLevel: OPTIONS.errorCorrectionLevel })
  const modules = qr.modules.size
  const side = (modules + OPTIONS.margin * 2) * scale
  const raw = Buffer.alloc((side + 1) * side, 0xff)
  for (let y = 0; y < side; y++) {
    const row = y * (side + 1)
    raw[row] = 0 // filter: none
    const my = Math.floor(y / scale) - OPTIONS.margin
    if (my < 0 || my >= modules) continue
    for (let x = 0; x < side; x++) {
      const mx = Math.floor(x / scale) - OPTIONS.margin
      if (mx >= 0 && mx < modules && qr.modules.get(my, mx)) raw[row + 1 + x] = 0
    }
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(side, 0)
  header.writeUInt32BE(side, 4)
  header[8] = 8 // bit depth
  header[9] = 0 // greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8)
  head.writeUInt32BE(data.length, 0)
  head.write(type, 4, 'ascii')
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0)
  return Buffer.concat([head, data, crc])
}
