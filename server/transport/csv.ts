/**
 * CSV that is safe to open in a spreadsheet: every cell quoted, and a cell that a spreadsheet would
 * read as a formula (=, +, -, @, tab, carriage return at the start) prefixed with an apostrophe.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | null)[])[]): string {
  return [header, ...rows].map(csvLine).join('');
}

/** One line of that CSV, with its line end: a streamed export writes line by line. */
export function csvLine(row: readonly (string | number | null)[]): string {
  return row.map(cell).join(',') + '\r\n';
}

function cell(value: string | number | null): string {
  if (value === null) return '""';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}
