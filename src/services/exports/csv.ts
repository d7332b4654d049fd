import type { Cell, Column, TableWriter } from './columns';
import type { PartSink } from './part-sink';

/**
 * CSV as spreadsheets open it: UTF-8 with a byte-order mark (so Excel reads the rupiah sign and
 * names right), a header row, CRLF line ends, fields quoted when they hold a comma, a quote or a
 * line break. A text that a spreadsheet would take for a formula (starting with =, +, -, @, a tab
 * or a carriage return) is written with a leading apostrophe, so a product named
 * `=HYPERLINK(…)` stays text (OWASP's CSV injection advice). Numbers are written as they are.
 */

const bom = '\uFEFF';
const formulaStart = /^[=+\-@\t\r]/;
const needsQuotes = /[",\r\n]/;

export function csvField(value: Cell, column: Column): string {
  if (value === null) return '';
  if (typeof value === 'number' && column.kind !== 'text') return String(value);
  let text = String(value);
  if (formulaStart.test(text)) text = `'${text}`;
  return needsQuotes.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** How a header (or any cell without a column of its own) is written: as text. */
const asText: Column = { id: '', en: '', kind: 'text' };

export function csvLine(cells: readonly Cell[], columns: readonly Column[]): string {
  return `${cells.map((cell, index) => csvField(cell, columns[index] ?? asText)).join(',')}\r\n`;
}

export function csvWriter(
  sink: PartSink,
  columns: readonly Column[],
  header: string[],
): TableWriter {
  const encoder = new TextEncoder();
  sink.write(encoder.encode(bom + csvLine(header, [])));
  return {
    async rows(rows) {
      sink.write(encoder.encode(rows.map((row) => csvLine(row, columns)).join('')));
      await sink.flushFullParts();
    },
    finish: () => sink.close(),
  };
}
