/**
 * CSV for spreadsheets: UTF-8 with a byte-order mark (so Excel reads Chinese), CRLF
 * line ends, every cell quoted, and cells that a spreadsheet would run as a formula
 * (starting = + - @, or a tab or carriage return) prefixed with a quote (OWASP's advice
 * on CSV injection).
 */

export const BOM = '\uFEFF'

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '""'
  let text = String(value)
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return `"${text.replace(/"/g, '""')}"`
}

export function csvDocument(rows: Array<Array<string | number | null | undefined>>): string {
  return BOM + rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n'
}
