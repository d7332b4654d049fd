import { sql } from 'drizzle-orm';
import type { Actor } from '../../auth/actor';
import type { Db, Executor } from '../../db/client';
import { ApiError } from '../../lib/errors';
import type { Logger } from '../../lib/logger';
import type { JobMessage, OperationsBackupJob } from '../../queues/messages';
import { findTenantCompany, recordCompanyAudit } from '../companies';
import { PartSink } from '../exports/part-sink';
import {
  type BackupManifest,
  type BackupTrigger,
  backupManifestSchema,
  manifestFile,
  takenAtSchema,
} from './manifests';
import { NdjsonGzipWriter } from './ndjson';
import { schemaVersion } from './schema-version';
import {
  identifier,
  rowsOf,
  type SqlRunner,
  type TenantTable,
  tenantTables,
} from './tenant-tables';

/**
 * Per-company backups in the ARCHIVES bucket, restorable on their own
 * (./restore.ts, `npm run restore:company`):
 *
 *   backups/<companyId>/<takenAt>/data.ndjson.gz   one line per row: {"table":…,"row":{…}}
 *   backups/<companyId>/<takenAt>/manifest.json    counts, sizes, SHA-256, schema version
 *
 * Every row of the company (./tenant-tables.ts) is read in one read-only, repeatable-read
 * transaction, so the backup is one consistent moment of the company even while it keeps
 * selling. Rows are written as Postgres itself turns them into JSON (`row_to_json`), never
 * through JavaScript numbers or dates: bigint, numeric, microsecond timestamps, jsonb and arrays
 * reach the file exactly as stored, and the restore hands them back to Postgres the same way.
 *
 * A backup is named by `takenAt`, chosen when it is asked for (an operator's request) or
 * scheduled (the daily cron's own time), and carried by its job: a redelivered job writes the
 * same keys again, it never makes a second backup. Retention: the newest `scheduledBackupsKept`
 * scheduled backups of a company; older ones are deleted by the job that writes a new one.
 * Operators' backups stay until an operator deletes them.
 */

/** Scheduled (daily) backups kept per company: five weeks. */
export const scheduledBackupsKept = 35;
/** A data file with no manifest this long after its upload is a dead job's leftover. */
const orphanAfterMs = 2 * 24 * 60 * 60 * 1000;
const pageSize = 2_000;

export function backupKeys(companyId: string, takenAt: string) {
  const prefix = `backups/${companyId}/${takenAt}/`;
  return { prefix, data: `${prefix}data.ndjson.gz`, manifest: `${prefix}manifest.json` };
}

export interface BackupSummary {
  takenAt: string;
  trigger: BackupTrigger;
  snapshotAt: string;
  schemaVersion: string;
  rowCount: number;
  sizeBytes: number;
  sha256: string;
}

/** What the manifest object carries as R2 metadata, so a listing needs no read per backup. */
function summaryMetadata(manifest: BackupManifest): Record<string, string> {
  return {
    takenAt: manifest.takenAt,
    trigger: manifest.trigger,
    snapshotAt: manifest.snapshotAt,
    schemaVersion: manifest.schema.version,
    rowCount: String(manifest.rowCount),
    sizeBytes: String(manifest.file.sizeBytes),
    sha256: manifest.file.sha256,
  };
}

function summaryOf(metadata: Record<string, string> | undefined): BackupSummary | undefined {
  if (!metadata?.takenAt) return undefined;
  return {
    takenAt: metadata.takenAt,
    trigger: metadata.trigger === 'scheduled' ? 'scheduled' : 'operator',
    snapshotAt: metadata.snapshotAt ?? '',
    schemaVersion: metadata.schemaVersion ?? '',
    rowCount: Number(metadata.rowCount ?? 0),
    sizeBytes: Number(metadata.sizeBytes ?? 0),
    sha256: metadata.sha256 ?? '',
  };
}

/** Writes a manifest (last, after its file): pretty JSON, with optional listing metadata. */
export async function putManifest(
  bucket: R2Bucket,
  key: string,
  manifest: object,
  customMetadata?: Record<string, string>,
): Promise<void> {
  await bucket.put(key, JSON.stringify(manifest, null, 2), {
    httpMetadata: { contentType: 'application/json' },
    ...(customMetadata ? { customMetadata } : {}),
  });
}

/** The rows of one table that belong to the company, as JSON text, parents before children. */
function companyRows(table: TenantTable, companyId: string) {
  const t = identifier(table.name);
  const order = sql.join(
    table.primaryKey.map((column) => sql`t.${identifier(column)}`),
    sql`, `,
  );
  if (table.name === 'companies') {
    return sql`select row_to_json(t)::text as line from companies t where t.id = ${companyId}`;
  }
  const self = table.selfReference;
  if (!self) {
    return sql`select row_to_json(t)::text as line from ${t} t
      where t.company_id = ${companyId} order by ${order}`;
  }
  // Rows that point at no other row first, then the rows that point at them, and so on. A row
  // in a loop of references (which no foreign key forbids) comes last: the backup stays whole.
  const column = identifier(self.column);
  const references = identifier(self.references);
  return sql`with recursive tree (key, depth) as (
      select t.${references}, 0 from ${t} t where t.company_id = ${companyId} and t.${column} is null
      union all
      select c.${references}, tree.depth + 1 from tree
        join ${t} c on c.company_id = ${companyId} and c.${column} = tree.key
      where tree.depth < 10000
    )
    select row_to_json(t)::text as line
    from ${t} t left join (select key, min(depth) as depth from tree group by key) d
      on d.key = t.${references}
    where t.company_id = ${companyId}
    order by coalesce(d.depth, 2147483647), ${order}`;
}

/** Reads a query through a cursor, a page at a time, each page handed over before the next. */
export async function eachPage(
  tx: SqlRunner,
  query: ReturnType<typeof sql>,
  emit: (lines: string[]) => Promise<void>,
): Promise<void> {
  await tx.execute(sql`declare operation_rows no scroll cursor for ${query}`);
  for (;;) {
    const page = await rowsOf<{ line: string }>(
      tx,
      sql`fetch ${sql.raw(String(pageSize))} from operation_rows`,
    );
    if (page.length > 0) await emit(page.map((row) => row.line));
    if (page.length < pageSize) break;
  }
  await tx.execute(sql`close operation_rows`);
}

/** The moment the transaction started, as ISO 8601 (every snapshot's `snapshotAt`). */
export async function snapshotMoment(tx: SqlRunner): Promise<string> {
  const [row] = await rowsOf<{ at: string }>(tx, sql`select to_json(now()) #>> '{}' as at`);
  if (!row) throw new Error('no transaction time');
  return row.at;
}

/**
 * Writes a company's backup (the `operations.backup` job). Answers its manifest, or null when
 * the company is not in the database (a job for a company since removed).
 */
export async function writeCompanyBackup(
  db: Db,
  bucket: R2Bucket,
  logger: Logger,
  job: Pick<OperationsBackupJob, 'companyId' | 'takenAt' | 'trigger'>,
): Promise<BackupManifest | null> {
  const keys = backupKeys(job.companyId, job.takenAt);
  const writer = new NdjsonGzipWriter(
    new PartSink(bucket, keys.data, {
      httpMetadata: { contentType: 'application/gzip' },
      customMetadata: { companyId: job.companyId, takenAt: job.takenAt },
    }),
  );
  try {
    const snapshot = await db.transaction(
      async (tx) => {
        // JSON timestamps in UTC: the same rows always give the same text.
        await tx.execute(sql`set local timezone to 'UTC'`);
        const [company] = await rowsOf<{ id: string }>(
          tx,
          sql`select id from companies where id = ${job.companyId}`,
        );
        if (!company) return null;
        const snapshotAt = await snapshotMoment(tx);
        const tables: Record<string, number> = {};
        for (const table of await tenantTables(tx)) {
          const prefix = `{"table":${JSON.stringify(table.name)},"row":`;
          tables[table.name] = 0;
          await eachPage(tx, companyRows(table, job.companyId), async (lines) => {
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
      logger.warn('backup skipped: the company is not in the database', {
        companyId: job.companyId,
      });
      return null;
    }
    const digest = writer.end();
    await writer.commit();
    const manifest: BackupManifest = {
      format: 'kasir-edge.company-backup',
      formatVersion: 1,
      companyId: job.companyId,
      takenAt: job.takenAt,
      trigger: job.trigger,
      snapshotAt: snapshot.snapshotAt,
      schema: schemaVersion,
      tables: snapshot.tables,
      rowCount: digest.lines,
      file: manifestFile(keys.data, digest),
    };
    await putManifest(bucket, keys.manifest, manifest, summaryMetadata(manifest));
    logger.info('company backup written', {
      companyId: job.companyId,
      takenAt: job.takenAt,
      rowCount: manifest.rowCount,
      sizeBytes: manifest.file.sizeBytes,
    });
    return manifest;
  } catch (error) {
    await writer.discard();
    throw error;
  }
}

/** Every object under a prefix, with its custom metadata. */
async function listAll(bucket: R2Bucket, prefix: string): Promise<R2Object[]> {
  const objects: R2Object[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await bucket.list({
      prefix,
      cursor,
      include: ['customMetadata'],
    } as R2ListOptions);
    objects.push(...page.objects);
    if (!page.truncated) return objects;
    cursor = page.cursor;
  }
}

/** The company's complete backups (those with a manifest), newest first. */
export async function listBackups(bucket: R2Bucket, companyId: string): Promise<BackupSummary[]> {
  const objects = await listAll(bucket, `backups/${companyId}/`);
  return objects
    .filter((object) => object.key.endsWith('/manifest.json'))
    .flatMap((object) => summaryOf(object.customMetadata) ?? [])
    .sort((a, b) => b.takenAt.localeCompare(a.takenAt));
}

/**
 * Deletes the company's scheduled backups beyond the newest `scheduledBackupsKept`, and data
 * files left without a manifest by jobs that died. Answers how many backups went.
 */
export async function pruneBackups(
  bucket: R2Bucket,
  companyId: string,
  now: Date,
): Promise<number> {
  const objects = await listAll(bucket, `backups/${companyId}/`);
  const folders = new Map<string, { manifest?: R2Object; data?: R2Object }>();
  for (const object of objects) {
    const folder = object.key.slice(0, object.key.lastIndexOf('/') + 1);
    const entry = folders.get(folder) ?? {};
    if (object.key.endsWith('/manifest.json')) entry.manifest = object;
    else entry.data = object;
    folders.set(folder, entry);
  }
  const scheduled = [...folders]
    .filter(([, entry]) => entry.manifest?.customMetadata?.trigger === 'scheduled')
    .sort(([a], [b]) => b.localeCompare(a));
  const expired = scheduled.slice(scheduledBackupsKept).map(([folder]) => folder);
  const orphans = [...folders]
    .filter(
      ([, entry]) =>
        !entry.manifest &&
        entry.data &&
        entry.data.uploaded.getTime() < now.getTime() - orphanAfterMs,
    )
    .map(([folder]) => folder);
  const keys = [...expired, ...orphans].flatMap((folder) => {
    const entry = folders.get(folder);
    return [entry?.data?.key, entry?.manifest?.key].filter((key): key is string => !!key);
  });
  for (let start = 0; start < keys.length; start += 1000) {
    await bucket.delete(keys.slice(start, start + 1000));
  }
  return expired.length;
}

const backupNotFound = () =>
  new ApiError('NOT_FOUND', { detail: { key: 'operations.backupNotFound' } });

/** A complete backup's manifest; 404 for a backup of another company, or none. */
export async function backupManifest(
  bucket: R2Bucket,
  companyId: string,
  takenAt: string,
): Promise<BackupManifest> {
  if (!takenAtSchema.safeParse(takenAt).success) throw backupNotFound();
  const object = await bucket.get(backupKeys(companyId, takenAt).manifest);
  if (!object) throw backupNotFound();
  const manifest = backupManifestSchema.parse(await object.json());
  if (manifest.companyId !== companyId) throw backupNotFound();
  return manifest;
}

/** A complete backup's data file, for streaming. */
export async function backupFile(bucket: R2Bucket, companyId: string, takenAt: string) {
  const manifest = await backupManifest(bucket, companyId, takenAt);
  const object = await bucket.get(manifest.file.key);
  if (!object) throw backupNotFound();
  return {
    object,
    manifest,
    fileName: `kasir-backup-${companyId}-${takenAt.replaceAll(':', '')}.ndjson.gz`,
  };
}

/**
 * An operator asks for a backup now: the company must be a live tenant (404 otherwise); the job
 * goes on the queue and the request is audited in the company's log and the operator's.
 */
export async function requestBackup(
  db: Executor,
  queue: Queue<JobMessage>,
  actor: Actor,
  companyId: string,
  now: Date,
) {
  const company = await findTenantCompany(db, companyId);
  const job: OperationsBackupJob = {
    type: 'operations.backup',
    companyId: company.id,
    takenAt: now.toISOString(),
    trigger: 'operator',
  };
  await queue.send(job);
  await recordCompanyAudit(db, actor, company.id, {
    action: 'company.backup',
    entityType: 'company',
    entityId: company.id,
    after: { takenAt: job.takenAt },
  });
  return { companyId: company.id, takenAt: job.takenAt, trigger: job.trigger, status: 'queued' };
}
