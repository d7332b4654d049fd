import type { Language } from '../../lib/i18n';

/**
 * A column of an export file: its header in both languages and the kind of its values, which
 * decides how each format writes them (CSV: plain text; XLSX: a number cell or a text cell).
 * Rupiah are whole integers, counts integers, dates ISO (`2026-12-03`), moments ISO with the
 * store's offset (`2026-12-03T14:05:00+07:00`).
 */
export type CellKind = 'text' | 'integer' | 'decimal' | 'date' | 'datetime';

export interface Column {
  id: string;
  en: string;
  kind: CellKind;
}

export type Cell = string | number | null;

export const column = (kind: CellKind, id: string, en: string): Column => ({ id, en, kind });
export const integerColumn = (id: string, en: string) => column('integer', id, en);
export const textColumn = (id: string, en: string) => column('text', id, en);
export const dateColumn = (id: string, en: string) => column('date', id, en);

export const headerOf = (columns: readonly Column[], language: Language) =>
  columns.map((col) => (language === 'en' ? col.en : col.id));

/** The writer a source feeds, whatever the format (csv.ts, xlsx.ts). */
export interface TableWriter {
  /** Writes rows (each in the columns' order), flushing full parts to the bucket as it goes. */
  rows(rows: readonly Cell[][]): Promise<void>;
  /** Ends the file; answers its size in bytes. */
  finish(): Promise<number>;
}
