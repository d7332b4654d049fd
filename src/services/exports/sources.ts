import type { Db } from '../../db/client';
import type { ExportType } from '../../db/schema';
import type { ReportScope } from '../reports/report-scope';
import type { Cell, Column } from './columns';
import { reportSource } from './report-sources';
import { transactionSource } from './transaction-sources';

/**
 * What an export writes: its columns, and its rows handed to `emit` a batch at a time (a batch is
 * written and flushed before the next is read, so memory holds one batch and one part).
 */
export interface ExportSource {
  columns: Column[];
  produce(emit: (rows: Cell[][]) => Promise<void>): Promise<void>;
}

export function exportSource(
  type: ExportType,
  db: Db,
  scope: ReportScope,
  params: Record<string, unknown> & { from: string; to: string },
): ExportSource {
  const source =
    reportSource(type, db, scope, params) ?? transactionSource(type, db, scope, params);
  if (!source) throw new Error(`no source for export type ${type}`);
  return source;
}
