import { sql } from 'drizzle-orm';
import { type BackupManifest, backupManifestSchema } from './manifests';
import { type NdjsonDigest, readNdjsonGzip } from './ndjson';
import {
  identifier,
  rowsOf,
  type SqlRunner,
  type TenantTable,
  tenantTables,
} from './tenant-tables';

/**
 * Puts a company's backup (./backups.ts) back into a database: an empty one migrated to the
 * backup's schema version (a fresh Neon branch, a local database), or any database that does not
 * have the company. Runs in the Worker's tests and in Node (`npm run restore:company`,
 * scripts/ops/restore-company.ts): it needs only a drizzle database and the file as a stream.
 *
 * All of it happens in ONE transaction, so a restore either lands whole or leaves nothing:
 *  - the database must be migrated to exactly the backup's schema version, and must not have the
 *    company (refused before anything is written);
 *  - rows go in table by table as the file holds them, which is foreign-key order (parents
 *    first; checked against this database's own foreign keys as each table starts);
 *  - each row is handed to Postgres as the JSON text Postgres wrote (`jsonb_populate_recordset`),
 *    so numbers, timestamps, jsonb and arrays come back exactly, never through JavaScript types;
 *  - the file's SHA-256, size and row counts are checked against the manifest before the commit:
 *    a mismatch rolls everything back.
 *
 * Two things are the database's, not the company's, and are not copied as they were:
 *  - `sync_xid` (the id of the database transaction that last wrote a row, which the devices'
 *    change feed reads; see services/sync/cursor.ts) is set by the column's default to the
 *    restore's own transaction: ids of the backed-up database mean nothing in another one, and
 *    this way every restored row is a change the feed delivers. Devices pull in full after a
 *    restore, as their cursors name the old database's transactions.
 *  - rows a trigger makes when their parent is inserted (a store's first settings entry) are
 *    replaced by the backup's own rows of that table.
 */

export class RestoreRefused extends Error {
  override name = 'RestoreRefused';
}

/** A drizzle database (node-postgres in the CLI, the Neon driver in the Worker's tests). */
export interface RestoreDatabase {
  transaction<T>(work: (tx: SqlRunner) => Promise<T>): Promise<T>;
}

export interface RestoreResult {
  companyId: string;
  rowCount: number;
  tables: Record<string, number>;
}

const linePattern = /^\{"table":"([a-z_][a-z0-9_]*)","row":(\{.*\})\}$/;
/** Rows per INSERT, and the JSON text one may carry. */
const insertRows = 500;
const insertChars = 4 * 1024 * 1024;

/** Reads the file through without a database: whether its bytes are the ones the manifest names. */
export async function verifyBackupFile(
  file: ReadableStream<Uint8Array>,
  manifest: BackupManifest,
): Promise<NdjsonDigest> {
  const digest = await readNdjsonGzip(file, async () => {});
  checkDigest(digest, manifest);
  return digest;
}

function checkDigest(digest: NdjsonDigest, manifest: BackupManifest): void {
  if (digest.sha256 !== manifest.file.sha256 || digest.sizeBytes !== manifest.file.sizeBytes) {
    throw new RestoreRefused(
      `the file does not match its manifest: SHA-256 ${digest.sha256} (${digest.sizeBytes} bytes), ` +
        `the manifest says ${manifest.file.sha256} (${manifest.file.sizeBytes} bytes); ` +
        'download both again',
    );
  }
}

async function checkTarget(tx: SqlRunner, manifest: BackupManifest): Promise<void> {
  const [migrations] = await rowsOf<{ present: string | null }>(
    tx,
    sql`select to_regclass('drizzle.__drizzle_migrations')::text as present`,
  );
  if (!migrations?.present) {
    throw new RestoreRefused(
      'the database has no migrations: create it and run `npm run db:migrate` first',
    );
  }
  const [latest] = await rowsOf<{ migrated_at: string | null }>(
    tx,
    sql`select max(created_at)::text as migrated_at from drizzle.__drizzle_migrations`,
  );
  if (Number(latest?.migrated_at) !== manifest.schema.migratedAt) {
    throw new RestoreRefused(
      `the backup was taken under schema ${manifest.schema.version} ` +
        `(migration time ${manifest.schema.migratedAt}); this database is at migration time ` +
        `${latest?.migrated_at ?? 'none'}: migrate an empty database with the code of that ` +
        'version (`git checkout` the commit that added it, then `npm run db:migrate`)',
    );
  }
  const [existing] = await rowsOf<{ id: string }>(
    tx,
    sql`select id from companies where id = ${manifest.companyId}`,
  );
  if (existing) {
    throw new RestoreRefused(
      `company ${manifest.companyId} already exists in this database: restore into a database ` +
        'without it (a fresh Neon branch or a new local database)',
    );
  }
}

/**
 * Restores the backup whose compressed file `file` streams, described by `manifest`. Throws
 * RestoreRefused (nothing written) when the database or the file is not the right one.
 */
export async function restoreCompanyBackup(
  db: RestoreDatabase,
  file: ReadableStream<Uint8Array>,
  untrustedManifest: unknown,
): Promise<RestoreResult> {
  const manifest = backupManifestSchema.parse(untrustedManifest);
  const companyId = manifest.companyId;
  return db.transaction(async (tx) => {
    await checkTarget(tx, manifest);
    const tables = new Map((await tenantTables(tx)).map((table) => [table.name, table]));
    for (const name of Object.keys(manifest.tables)) {
      if (!tables.has(name)) {
        throw new RestoreRefused(`the backup has table ${name}, which this database does not`);
      }
    }

    const counts: Record<string, number> = {};
    const started = new Set<string>();
    let current: TenantTable | undefined;
    let run: string[] = [];
    let runChars = 0;

    const insertRun = async () => {
      if (!current || run.length === 0) return;
      const table = current;
      const rows = run;
      run = [];
      runChars = 0;
      const t = identifier(table.name);
      const columns = sql.join(
        table.columns.filter((column) => column !== 'sync_xid').map(identifier),
        sql`, `,
      );
      const owner = table.name === 'companies' ? sql`r.id` : sql`r.company_id`;
      const [inserted] = await rowsOf<{ count: number }>(
        tx,
        sql`with inserted as (
            insert into ${t} (${columns})
            select ${columns} from jsonb_populate_recordset(null::${t}, ${`[${rows.join(',')}]`}::jsonb) r
            where ${owner} = ${companyId}
            returning 1)
          select count(*)::int as count from inserted`,
      );
      if (Number(inserted?.count) !== rows.length) {
        throw new RestoreRefused(`the file has ${table.name} rows of another company`);
      }
      counts[table.name] = (counts[table.name] ?? 0) + rows.length;
    };

    const startTable = async (name: string) => {
      const table = tables.get(name);
      if (!table)
        throw new RestoreRefused(`the file has table ${name}, which this database does not`);
      if (started.has(name)) {
        throw new RestoreRefused(
          `the file holds ${name} in two places: it is not a backup's order`,
        );
      }
      if (started.size === 0 && name !== 'companies') {
        throw new RestoreRefused('the file does not start with the company');
      }
      const missing = table.parents.filter(
        (parent) => (manifest.tables[parent] ?? 0) > 0 && !started.has(parent),
      );
      if (missing.length > 0) {
        throw new RestoreRefused(
          `the file has ${name} before ${missing.join(', ')}, which it needs`,
        );
      }
      started.add(name);
      current = table;
      // Rows a trigger made when their parents went in: the backup's own rows replace them.
      if (name !== 'companies') {
        await tx.execute(sql`delete from ${identifier(name)} where company_id = ${companyId}`);
      }
    };

    const digest = await readNdjsonGzip(file, async (lines) => {
      for (const line of lines) {
        const match = linePattern.exec(line);
        if (!match?.[1] || !match[2])
          throw new RestoreRefused('the file has a line that is not a row');
        const [, name, row] = match;
        if (name !== current?.name) {
          await insertRun();
          await startTable(name);
        }
        run.push(row);
        runChars += row.length;
        if (run.length >= insertRows || runChars >= insertChars) await insertRun();
      }
      await insertRun();
    });
    await insertRun();

    checkDigest(digest, manifest);
    for (const [name, expected] of Object.entries(manifest.tables)) {
      if ((counts[name] ?? 0) !== expected) {
        throw new RestoreRefused(
          `the file has ${counts[name] ?? 0} rows of ${name}; the manifest says ${expected}`,
        );
      }
    }
    for (const name of tables.keys()) {
      if (!started.has(name) && name !== 'companies') {
        await tx.execute(sql`delete from ${identifier(name)} where company_id = ${companyId}`);
      }
    }
    if (!started.has('companies')) throw new RestoreRefused('the file has no company row');
    return {
      companyId,
      rowCount: Object.values(counts).reduce((total, count) => total + count, 0),
      tables: counts,
    };
  });
}
