import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import type { StoreTimezone } from '../../db/schema';
import { businessDate } from '../../lib/business-date';
import type { Logger } from '../../lib/logger';
import type { OperationsArchiveMonthJob } from '../../queues/messages';
import { PartSink } from '../exports/part-sink';
import { eachPage, putManifest, snapshotMoment } from './backups';
import { type ArchiveManifest, archiveManifestSchema, manifestFile } from './manifests';
import { NdjsonGzipWriter } from './ndjson';
import { schemaVersion } from './schema-version';
import { rowsOf } from './tenant-tables';

/**
 * Monthly archives: each closed month of a company's sales and refunds (`transactions`), with
 * their lines (`transaction_items`) and payments, as an immutable gzip NDJSON file beside a
 * manifest in the ARCHIVES bucket, in the same line format as backups:
 *
 *   archives/<companyId>/<YYYY-MM>/v<N>/data.ndjson.gz
 *   archives/<companyId>/<YYYY-MM>/v<N>/manifest.json
 *
 * The transactions stay in Postgres; the archive is their copy outside the database, for the
 * books and the tax office. A month is the business dates of the month (each store's own time
 * zone and cut-off hour, as the sales were dated), and is closed when every store of the company
 * has passed its last business day.
 *
 * Written files are never overwritten. Archiving a month again reads it again (one consistent
 * snapshot) and compares the text with the latest version's `contentSha256`: the same text
 * writes nothing; a different one (a late offline upload, a void or a refund entered since) is
 * written as the next version, whose manifest names the one it supersedes, and a warning is
 * logged. Overwriting in place would silently change what was handed to an accountant;
 * a new version keeps both, and the latest manifest says which is current.
 */

export type ArchiveOutcome =
  | { status: 'written'; manifest: ArchiveManifest }
  | { status: 'unchanged'; manifest: ArchiveManifest }
  /** The month has no transactions and was never archived: nothing to keep. */
  | { status: 'empty' }
  /** A store of the company is still inside the month (or the company has no store). */
  | { status: 'open' };

export function archiveKeys(companyId: string, month: string, version: number) {
  const prefix = `archives/${companyId}/${month}/v${version}/`;
  return { prefix, data: `${prefix}data.ndjson.gz`, manifest: `${prefix}manifest.json` };
}

/** The first and last business dates of `YYYY-MM`. */
export function monthPeriod(month: string): { from: string; to: string } {
  const [year, monthNumber] = month.split('-').map(Number);
  const last = new Date(Date.UTC(year ?? 0, monthNumber ?? 0, 0));
  return { from: `${month}-01`, to: last.toISOString().slice(0, 10) };
}

/** The month before the one `at` falls in (UTC), as `YYYY-MM`. */
export function monthBefore(at: Date, months = 1): string {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() - months, 1))
    .toISOString()
    .slice(0, 7);
}

/** The latest archived version of the month, if any. */
export async function latestArchive(
  bucket: R2Bucket,
  companyId: string,
  month: string,
): Promise<ArchiveManifest | undefined> {
  let latest: { version: number; key: string } | undefined;
  let cursor: string | undefined;
  for (;;) {
    const page = await bucket.list({ prefix: `archives/${companyId}/${month}/`, cursor });
    for (const object of page.objects) {
      const match = /\/v(\d+)\/manifest\.json$/.exec(object.key);
      const version = Number(match?.[1]);
      if (match && (!latest || version > latest.version)) latest = { version, key: object.key };
    }
    if (!page.truncated) break;
    cursor = page.cursor;
  }
  if (!latest) return undefined;
  const object = await bucket.get(latest.key);
  return object ? archiveManifestSchema.parse(await object.json()) : undefined;
}

const archivedTables = (companyId: string, period: { from: string; to: string }) => {
  const inMonth = sql`t.company_id = ${companyId}
    and t.business_date between ${period.from} and ${period.to}`;
  return [
    {
      name: 'transactions',
      query: sql`select row_to_json(t)::text as line from transactions t
        where ${inMonth} order by t.business_date, t.created_at, t.id`,
    },
    {
      name: 'transaction_items',
      query: sql`select row_to_json(i)::text as line from transaction_items i
        join transactions t on t.company_id = i.company_id and t.id = i.transaction_id
        where ${inMonth} order by t.business_date, t.created_at, t.id, i.line_number, i.id`,
    },
    {
      name: 'payments',
      query: sql`select row_to_json(p)::text as line from payments p
        join transactions t on t.company_id = p.company_id and t.id = p.transaction_id
        where ${inMonth} order by t.business_date, t.created_at, t.id, p.created_at, p.id`,
    },
  ];
};

/** Archives one month of one company (the `operations.archive_month` job). */
export async function archiveMonth(
  db: Db,
  bucket: R2Bucket,
  logger: Logger,
  job: Pick<OperationsArchiveMonthJob, 'companyId' | 'month'>,
  now: Date,
): Promise<ArchiveOutcome> {
  const period = monthPeriod(job.month);
  const previous = await latestArchive(bucket, job.companyId, job.month);
  const version = (previous?.version ?? 0) + 1;
  const keys = archiveKeys(job.companyId, job.month, version);
  const writer = new NdjsonGzipWriter(
    new PartSink(bucket, keys.data, {
      httpMetadata: { contentType: 'application/gzip' },
      customMetadata: { companyId: job.companyId, month: job.month, version: String(version) },
    }),
  );
  try {
    const snapshot = await db.transaction(
      async (tx) => {
        await tx.execute(sql`set local timezone to 'UTC'`);
        const stores = await rowsOf<{ timezone: StoreTimezone; cutoff: number }>(
          tx,
          sql`select timezone, business_day_cutoff_hour as cutoff from stores
            where company_id = ${job.companyId}`,
        );
        const closed =
          stores.length > 0 &&
          stores.every((store) => businessDate(now, store.timezone, store.cutoff) > period.to);
        if (!closed) return null;
        const snapshotAt = await snapshotMoment(tx);
        const tables: Record<string, number> = {};
        for (const table of archivedTables(job.companyId, period)) {
          const prefix = `{"table":${JSON.stringify(table.name)},"row":`;
          tables[table.name] = 0;
          await eachPage(tx, table.query, async (lines) => {
            for (const line of lines) writer.line(`${prefix}${line}}`);
            tables[table.name] = (tables[table.name] ?? 0) + lines.length;
            await writer.flush();
          });
        }
        return { snapshotAt, tables };
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
    if (!snapshot) {
      await writer.discard();
      logger.warn('month not archived: a store of the company is still in it', job);
      return { status: 'open' };
    }
    const digest = writer.end();
    if (previous && previous.file.contentSha256 === digest.contentSha256) {
      await writer.discard();
      return { status: 'unchanged', manifest: previous };
    }
    if (!previous && digest.lines === 0) {
      await writer.discard();
      return { status: 'empty' };
    }
    await writer.commit();
    const manifest: ArchiveManifest = {
      format: 'kasir-edge.monthly-archive',
      formatVersion: 1,
      companyId: job.companyId,
      month: job.month,
      period,
      version,
      supersedes: previous
        ? archiveKeys(job.companyId, job.month, previous.version).manifest
        : null,
      snapshotAt: snapshot.snapshotAt,
      schema: schemaVersion,
      tables: snapshot.tables,
      rowCount: digest.lines,
      file: manifestFile(keys.data, digest),
    };
    await putManifest(bucket, keys.manifest, manifest);
    if (previous) {
      logger.warn('archived month changed since its last archive: new version written', {
        companyId: job.companyId,
        month: job.month,
        version,
        previousRows: previous.rowCount,
        rows: manifest.rowCount,
      });
    } else {
      logger.info('month archived', { ...job, rows: manifest.rowCount });
    }
    return { status: 'written', manifest };
  } catch (error) {
    await writer.discard();
    throw error;
  }
}
