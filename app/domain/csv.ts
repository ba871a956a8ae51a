/**
 * CSV as Norwegian Excel opens it without an import dialog: UTF-8 with a byte
 * order mark (so "æøå" survive), fields separated by semicolons (the comma is
 * the decimal sign in Norway), lines ended by CRLF, and a field in double
 * quotes when it contains a semicolon, a double quote (doubled inside) or a
 * line break (RFC 4180 with `;` for `,`). Pure: the caller decides what goes
 * in each field.
 */

export type CsvField = string | number | null | undefined

const BOM = '\uFEFF'
const NEEDS_QUOTES = /[;"\r\n]/
/** What a spreadsheet reads as the start of a formula. */
const FORMULA_START = /^[=+\-@\t\r]/
/** Phone numbers and signed numbers start like a formula but cannot run anything. */
const PLAIN_NUMBER = /^[+-]?[0-9 .,()-]*$/

/**
 * One field. Numbers get a decimal comma (649.5 → "649,5"). Text that a
 * spreadsheet would run as a formula ("=HYPERLINK(…)", "@SUM(…)") gets a
 * leading apostrophe, so a name typed into a form cannot become a formula in
 * the organiser's Excel (CSV injection); phone numbers like "+47 912 34 567"
 * stay as they are.
 */
export function csvField(value: CsvField): string {
  if (value === null || value === undefined) return ''
  let text = typeof value === 'number' ? String(value).replace('.', ',') : value
  if (typeof value === 'string' && FORMULA_START.test(text) && !PLAIN_NUMBER.test(text)) text = `'${text}`
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** One line without its line end. */
export function csvLine(fields: readonly CsvField[]): string {
  return fields.map(csvField).join(';')
}

/** A whole file: the byte order mark, then every row (the header first) ended by CRLF. */
export function toCsv(rows: readonly (readonly CsvField[])[]): string {
  let text = BOM
  for (const row of rows) text += `${csvLine(row)}\r\n`
  return text
}
