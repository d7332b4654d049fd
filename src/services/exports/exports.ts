import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client';
import {
  type ExportFormat,
  type ExportType,
  notifications,
  type ReportExport,
  reportExports,
} from '../../db/schema';
import { inCompany } from '../../db/tenancy';
import type { Env } from '../../env';
import { beyondCursor, cursorTimestamp, decodeCursor, pageOf } from '../../lib/cursor';
import { positiveInteger } from '../../lib/env-number';
import { failureMessage } from '../../lib/error-description';
import { ApiError } from '../../lib/errors';
import type { Language } from '../../lib/i18n';
import type { Logger } from '../../lib/logger';
import { redactText } from '../../lib/redact';
import type { ReportScope } from '../reports/report-scope';
import { headerOf, type TableWriter } from './columns';
import { csvWriter } from './csv';
import { PartSink } from './part-sink';
import { exportSource } from './sources';
import { xlsxWriter } from './xlsx';

/**
 * Report files built on the queue. A request records the export (`queued`) and sends a
 * `reports.export` job; the consumer builds the file into the REPORTS bucket a part at a time
 * (`building`, then `ready` with its size and row count). A failed attempt keeps its reason and
 * is retried; after the last attempt the export is `failed` and the message goes to the
 * dead-letter queue. A ready file stays downloadable for EXPORT_RETENTION_DAYS, then the daily
 * cron deletes it (`expired`). Its requester is notified when a big export is ready, or failed.
 */

/** Exports of at least this many rows tell their requester when they are ready. */
export const bigExportRows = 10_000;

const contentTypes: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export const retentionDays = (env: Pick<Env, 'EXPORT_RETENTION_DAYS'>) =>
  positiveInteger(env.EXPORT_RETENTION_DAYS, 7);

export interface ExportRequest {
  type: ExportType;
  format: ExportFormat;
  params: Record<string, unknown> & { from: string; to: string };
  scope: ReportScope;
  language: Language;
  requestedBy: string;
}

export async function requestExport(db: Executor, request: ExportRequest): Promise<ReportExport> {
  const [row] = await db
    .insert(reportExports)
    .values({
      companyId: request.scope.companyId,
      requestedBy: request.requestedBy,
      type: request.type,
      format: request.format,
      params: request.params,
      storeIds: request.scope.storeIds === 'company' ? null : [...request.scope.storeIds],
      language: request.language,
    })
    .returning();
  if (!row) throw new Error('export not recorded');
  return row;
}

/** The name a download gets: `penjualan-items-2026-12-01_2026-12-31.csv`. */
export function fileNameOf(row: Pick<ReportExport, 'type' | 'format' | 'params'>): string {
  const { from, to } = row.params as { from?: string; to?: string };
  return `kasir-${row.type}-${from ?? ''}_${to ?? ''}.${row.format}`;
}

export function exportView(row: ReportExport) {
  const { companyId: _company, objectKey: _key, storeIds, ...view } = row;
  return { ...view, storeIds: storeIds ?? 'all', fileName: fileNameOf(row) };
}

const exportNotFound = () =>
  new ApiError('NOT_FOUND', { detail: { key: 'reports.exportNotFound' } });

export async function findExport(db: Executor, companyId: string, id: string) {
  const [row] = await db
    .select()
    .from(reportExports)
    .where(inCompany(reportExports, companyId, eq(reportExports.id, id)));
  if (!row) throw exportNotFound();
  return row;
}

export async function listExports(
  db: Executor,
  companyId: string,
  query: { limit: number; cursor?: string | undefined },
) {
  const before = query.cursor ? decodeCursor(query.cursor) : undefined;
  const rows = await db
    .select({ row: reportExports, cursorAt: cursorTimestamp(reportExports.createdAt) })
    .from(reportExports)
    .where(
      inCompany(
        reportExports,
        companyId,
        before
          ? beyondCursor({ at: reportExports.createdAt, id: reportExports.id }, before, 'desc')
          : undefined,
      ),
    )
    .orderBy(desc(reportExports.createdAt), desc(reportExports.id))
    .limit(query.limit + 1);
  const page = pageOf(
    rows.map(({ row, cursorAt }) => ({ ...exportView(row), cursorAt })),
    query.limit,
  );
  return page;
}

/** The ready file of an export, for streaming; 409 while it is being built, 410 once expired. */
export async function exportFile(db: Executor, bucket: R2Bucket, companyId: string, id: string) {
  const row = await findExport(db, companyId, id);
  if (row.status === 'expired') {
    throw new ApiError('GONE', { detail: { key: 'reports.exportExpired' } });
  }
  if (row.status !== 'ready' || !row.objectKey) {
    throw new ApiError('CONFLICT', {
      detail: { key: 'reports.exportNotReady', params: { status: row.status } },
    });
  }
  const object = await bucket.get(row.objectKey);
  if (!object) throw new ApiError('GONE', { detail: { key: 'reports.exportExpired' } });
  return { row, object, contentType: contentTypes[row.format], fileName: fileNameOf(row) };
}

async function notifyRequester(db: Executor, row: ReportExport) {
  await db
    .insert(notifications)
    .values({
      companyId: row.companyId,
      recipientId: row.requestedBy,
      kind: 'report_export',
      dedupeKey: `report_export:${row.id}:${row.status}`,
      data: {
        exportId: row.id,
        type: row.type,
        status: row.status,
        rowCount: row.rowCount,
        error: row.error,
      },
    })
    .onConflictDoNothing({ target: [notifications.companyId, notifications.dedupeKey] });
}

/**
 * Builds an export's file (the JOBS consumer). Idempotent: an export already ready, failed or
 * expired is left alone; a redelivered one is built again from the start under the same key.
 */
export async function buildExport(
  db: Db,
  env: Pick<Env, 'REPORTS' | 'EXPORT_RETENTION_DAYS'>,
  logger: Logger,
  job: { companyId: string; exportId: string; attempt: number; lastAttempt: boolean },
): Promise<void> {
  const [row] = await db
    .update(reportExports)
    .set({ status: 'building', attempts: job.attempt, updatedAt: sql`now()` })
    .where(
      inCompany(
        reportExports,
        job.companyId,
        eq(reportExports.id, job.exportId),
        inArray(reportExports.status, ['queued', 'building']),
      ),
    )
    .returning();
  if (!row) return;
  const key = `exports/${row.companyId}/${row.id}.${row.format}`;
  const sink = new PartSink(env.REPORTS, key, {
    httpMetadata: {
      contentType: contentTypes[row.format],
      contentDisposition: `attachment; filename="${fileNameOf(row)}"`,
    },
  });
  try {
    const scope: ReportScope = { companyId: row.companyId, storeIds: row.storeIds ?? 'company' };
    const source = exportSource(
      row.type,
      db,
      scope,
      row.params as Record<string, unknown> & { from: string; to: string },
    );
    const header = headerOf(source.columns, row.language);
    const writer: TableWriter =
      row.format === 'csv'
        ? csvWriter(sink, source.columns, header)
        : xlsxWriter(sink, source.columns, header, row.language === 'en' ? 'Report' : 'Laporan');
    let rowCount = 0;
    await source.produce(async (rows) => {
      rowCount += rows.length;
      await writer.rows(rows);
    });
    const sizeBytes = await writer.finish();
    const [ready] = await db
      .update(reportExports)
      .set({
        status: 'ready',
        rowCount,
        sizeBytes,
        objectKey: key,
        error: null,
        completedAt: sql`now()`,
        expiresAt: sql`now() + make_interval(days => ${retentionDays(env)})`,
        updatedAt: sql`now()`,
      })
      .where(inCompany(reportExports, row.companyId, eq(reportExports.id, row.id)))
      .returning();
    if (ready && rowCount >= bigExportRows) await notifyRequester(db, ready);
    logger.info('report export ready', { exportId: row.id, type: row.type, rowCount, sizeBytes });
  } catch (error) {
    await sink.abort();
    const reason = failureMessage(error, redactText);
    const [failed] = await db
      .update(reportExports)
      .set({
        status: job.lastAttempt ? 'failed' : 'queued',
        error: reason.slice(0, 500),
        updatedAt: sql`now()`,
      })
      .where(inCompany(reportExports, row.companyId, eq(reportExports.id, row.id)))
      .returning();
    if (failed?.status === 'failed') await notifyRequester(db, failed);
    throw error;
  }
}

/**
 * The daily retention sweep: deletes the files of exports past their expiry (at most 1000 a
 * run, the most one R2 delete takes) and marks them expired. Answers how many.
 */
export async function expireExports(db: Db, bucket: R2Bucket): Promise<number> {
  const due = await db
    .select({ id: reportExports.id, objectKey: reportExports.objectKey })
    .from(reportExports)
    .where(and(eq(reportExports.status, 'ready'), lt(reportExports.expiresAt, sql`now()`)))
    .limit(1000);
  if (due.length === 0) return 0;
  const keys = due.flatMap((row) => (row.objectKey ? [row.objectKey] : []));
  if (keys.length > 0) await bucket.delete(keys);
  await db
    .update(reportExports)
    .set({ status: 'expired', objectKey: null, updatedAt: sql`now()` })
    .where(
      inArray(
        reportExports.id,
        due.map((row) => row.id),
      ),
    );
  return due.length;
}

/** Exports queued long ago whose job was lost (a failed send): their jobs, to send again. */
export async function staleQueuedExports(db: Db) {
  return db
    .select({ companyId: reportExports.companyId, exportId: reportExports.id })
    .from(reportExports)
    .where(
      and(
        eq(reportExports.status, 'queued'),
        lt(reportExports.updatedAt, sql`now() - interval '30 minutes'`),
      ),
    )
    .limit(500);
}
