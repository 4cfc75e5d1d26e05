/** A cell of an export: text, a number, or empty. */
export type Cell = string | number | null;

/** Cells a spreadsheet would read as a formula (CSV injection) start with one of these. */
const formulaStart = /^[=+\-@\t\r]/;

/** A cell as text: a leading apostrophe neutralises formulas; quotes when needed. */
export function csvCell(cell: Cell, separator: string): string {
  if (cell === null) return '';
  let text = String(cell);
  if (typeof cell === 'string' && formulaStart.test(text)) text = `'${text}`;
  if (text.includes(separator) || /["\r\n]/.test(text) || text !== text.trim()) {
    text = `"${text.replace(/"/g, '""')}"`;
  }
  return text;
}

/**
 * A CSV file that French spreadsheets open as they are: UTF-8 with a byte order mark (else Excel
 * reads it as Windows-1252), `;` between cells (`,` is the French decimal separator, so Excel in
 * French splits on `;`), CRLF line ends (RFC 4180).
 */
export function toCsv(columns: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const separator = ';';
  const lines = [columns, ...rows].map((row) =>
    row.map((c) => csvCell(c, separator)).join(separator),
  );
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/**
 * Small-count suppression: a count from 1 to `minCount − 1` could point at a person (the only
 * person of a street who voted "no"), so it reads "< minCount". Zero and larger counts stay.
 */
export function suppress(count: number, minCount: number): number | string {
  return count > 0 && count < minCount ? `< ${minCount}` : count;
}
