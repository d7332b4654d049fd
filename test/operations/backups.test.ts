import { createScheduledController } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Database } from '../../src/db/client';
import worker from '../../src/index';
import type { OperationsBackupJob } from '../../src/queues/messages';
import {
  backupKeys,
  pruneBackups,
  scheduledBackupsKept,
} from '../../src/services/operations/backups';
import { type BackupManifest, backupManifestSchema } from '../../src/services/operations/manifests';
import { RestoreRefused, restoreCompanyBackup } from '../../src/services/operations/restore';
import { schemaVersion } from '../../src/services/operations/schema-version';
import { rowsOf } from '../../src/services/operations/tenant-tables';
import { deliver } from '../reports/helpers';
import type { SaleShop } from '../sales/helpers';
import { createCompany, withDatabase } from '../support/factories';
import { readProblem } from '../support/worker';
import { type Member, member, send } from '../users/helpers';
import { busyCompany, companyRows, objectLines, quietQueue } from './helpers';

/**
 * Per-company backups: one consistent snapshot of every row of the company in a gzip NDJSON file
 * with its manifest, put back exactly into an empty database by the restore (in one
 * transaction, refused whole when the file or the database is not the right one), taken on an
 * operator's word or by the nightly cron, and kept to a retention.
 *
 * The restore goes into a second migrated, empty database (on the same Postgres server, or a
 * second embedded one), which test/global-setup.ts hands over as `restoreDatabaseUrl`, reached
 * through the same local Neon proxy as the Worker's own.
 */

const restoreDatabaseUrl = inject('restoreDatabaseUrl');

async function withRestoreDatabase<T>(work: (database: Database) => Promise<T>): Promise<T> {
  const database = new Database({ DATABASE_URL: restoreDatabaseUrl, DB_PROXY: env.DB_PROXY });
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

const hex = (bytes: ArrayBuffer) =>
  Array.from(new Uint8Array(bytes), (byte) => byte.toString(16).padStart(2, '0')).join('');

const backupsPath = (companyId: string, rest = '') =>
  `/api/v1/platform/companies/${companyId}/backups${rest}`;

let queue: ReturnType<typeof quietQueue>;
let shop: SaleShop;
let other: SaleShop;
let operator: Member;
let platformCompanyId: string;

beforeAll(async () => {
  queue = quietQueue();
  [shop, other] = await Promise.all([busyCompany(), busyCompany()]);
  const platform = await createCompany({ kind: 'platform', name: 'kasir-edge backup operations' });
  platformCompanyId = platform.id;
  operator = await member(platform.id, 'platform_admin');
});

afterAll(() => queue.restore());

/** An operator asks for a backup; its job is delivered as the queue would. */
async function backUp(
  companyId: string,
): Promise<{ job: OperationsBackupJob; manifest: BackupManifest }> {
  const response = await send(operator.session, 'POST', backupsPath(companyId));
  expect(response.status, await response.clone().text()).toBe(202);
  const { takenAt } = await response.json<{ takenAt: string }>();
  expect(response.headers.get('location')).toBe(backupsPath(companyId, `/${takenAt}`));
  const job = queue.sent.find(
    (sent): sent is OperationsBackupJob =>
      sent.type === 'operations.backup' && sent.companyId === companyId && sent.takenAt === takenAt,
  );
  if (!job) throw new Error('no backup job sent');
  const result = await deliver([job]);
  expect(result.explicitAcks).toEqual(['job-0']);
  const manifest = await send(operator.session, 'GET', backupsPath(companyId, `/${takenAt}`));
  expect(manifest.status).toBe(200);
  return { job, manifest: backupManifestSchema.parse(await manifest.json()) };
}

async function fileOf(manifest: BackupManifest): Promise<ReadableStream<Uint8Array>> {
  const object = await env.ARCHIVES.get(manifest.file.key);
  if (!object) throw new Error('no backup file');
  return object.body;
}

describe('company backups', () => {
  it('hold every row of the company, and no other company’s, in one file with its manifest', async () => {
    const { job, manifest } = await backUp(shop.companyId);
    expect(job.trigger).toBe('operator');
    expect(manifest).toMatchObject({
      companyId: shop.companyId,
      takenAt: job.takenAt,
      trigger: 'operator',
      schema: schemaVersion,
      file: { key: backupKeys(shop.companyId, job.takenAt).data },
    });
    // Three sales and a refund, their lines and payments; the shift; the category tree.
    expect(manifest.tables).toMatchObject({
      companies: 1,
      transactions: 4,
      shifts: 1,
      shift_cash_movements: 1,
      categories: 2,
      stores: 2,
    });
    expect(manifest.tables.stock_movements).toBeGreaterThan(0);
    expect(manifest.tables.transaction_items).toBeGreaterThan(0);
    expect(manifest.tables.payments).toBeGreaterThan(0);
    expect(Object.keys(manifest.tables)[0]).toBe('companies');
    for (const platformTable of ['auth_throttles', 'dead_jobs', 'incidents']) {
      expect(manifest.tables).not.toHaveProperty(platformTable);
    }

    const { lines, digest } = await objectLines(manifest.file.key);
    expect(digest.sha256).toBe(manifest.file.sha256);
    expect(digest.sizeBytes).toBe(manifest.file.sizeBytes);
    expect(lines).toHaveLength(manifest.rowCount);
    const perTable: Record<string, number> = {};
    for (const line of lines) {
      const { table, row } = JSON.parse(line) as { table: string; row: Record<string, unknown> };
      perTable[table] = (perTable[table] ?? 0) + 1;
      expect(table === 'companies' ? row.id : row.company_id, table).toBe(shop.companyId);
      expect(line).not.toContain(other.companyId);
    }
    expect(perTable).toEqual(
      Object.fromEntries(Object.entries(manifest.tables).filter(([, rows]) => rows > 0)),
    );
    // As many rows as the database has of the company, table by table.
    const source = await withDatabase(({ db }) => companyRows(db, shop.companyId));
    expect(
      Object.fromEntries(Object.entries(source).map(([table, rows]) => [table, rows.length])),
    ).toEqual(manifest.tables);

    const listed = await send(operator.session, 'GET', backupsPath(shop.companyId));
    expect(listed.status).toBe(200);
    expect((await listed.json<{ data: unknown[] }>()).data).toEqual([
      {
        takenAt: job.takenAt,
        trigger: 'operator',
        snapshotAt: manifest.snapshotAt,
        schemaVersion: schemaVersion.version,
        rowCount: manifest.rowCount,
        sizeBytes: manifest.file.sizeBytes,
        sha256: manifest.file.sha256,
      },
    ]);

    const download = await send(
      operator.session,
      'GET',
      backupsPath(shop.companyId, `/${job.takenAt}/download`),
    );
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/gzip');
    expect(download.headers.get('content-disposition')).toContain('.ndjson.gz');
    const bytes = await download.arrayBuffer();
    expect(bytes.byteLength).toBe(manifest.file.sizeBytes);
    expect(hex(await crypto.subtle.digest('SHA-256', bytes))).toBe(manifest.file.sha256);

    // Another company's path, the platform's own company, someone who is not an operator: 404/403.
    for (const path of [
      backupsPath(other.companyId, `/${job.takenAt}/download`),
      backupsPath(other.companyId, `/${job.takenAt}`),
      backupsPath(platformCompanyId),
    ]) {
      expect((await send(operator.session, 'GET', path)).status, path).toBe(404);
    }
    const owner = await send(shop.owner.session, 'POST', backupsPath(shop.companyId));
    expect(owner.status).toBe(403);
    expect((await readProblem(owner)).code).toBe('FORBIDDEN');
    const bad = await send(operator.session, 'GET', backupsPath(shop.companyId, '/kemarin'));
    expect(bad.status).toBe(400);
  });

  it('write the same backup again when their job is delivered again, never a second one', async () => {
    const { job, manifest } = await backUp(other.companyId);
    const again = await deliver([job], 2);
    expect(again.explicitAcks).toEqual(['job-0']);
    const objects = await env.ARCHIVES.list({ prefix: `backups/${other.companyId}/` });
    expect(objects.objects.map((object) => object.key).sort()).toEqual(
      [manifest.file.key, backupKeys(other.companyId, job.takenAt).manifest].sort(),
    );
    const rewritten = await send(
      operator.session,
      'GET',
      backupsPath(other.companyId, `/${job.takenAt}`),
    );
    const second = backupManifestSchema.parse(await rewritten.json());
    // Nothing changed in between: the same rows make the same bytes.
    expect(second.file.sha256).toBe(manifest.file.sha256);
    expect(second.tables).toEqual(manifest.tables);
  });

  it('restore into an empty database every row of every table, column for column', async () => {
    const company = await busyCompany();
    const { manifest } = await backUp(company.companyId);
    const result = await withRestoreDatabase(({ db }) =>
      restoreCompanyBackup(db, fileOfSync(manifest), manifest),
    );
    expect(result).toEqual({
      companyId: company.companyId,
      rowCount: manifest.rowCount,
      tables: Object.fromEntries(Object.entries(manifest.tables).filter(([, rows]) => rows > 0)),
    });

    const source = await withDatabase(({ db }) => companyRows(db, company.companyId));
    const restored = await withRestoreDatabase(({ db }) => companyRows(db, company.companyId));
    expect(source.transactions).toHaveLength(4);
    expect(source.daily_store_sales?.length).toBeGreaterThan(0);
    expect(source.transaction_items?.some((row) => row.includes('"modifiers": [{'))).toBe(true);
    for (const table of Object.keys(source)) {
      expect(restored[table], table).toEqual(source[table]);
    }
    expect(Object.keys(restored).sort()).toEqual(Object.keys(source).sort());

    // sync_xid is the restoring transaction's, on every restored row that has one.
    const xids = await withRestoreDatabase(({ db }) =>
      rowsOf<{ xids: number }>(
        db,
        sql`select count(distinct x)::int as xids from (
            select sync_xid as x from companies where id = ${company.companyId}
            union all select sync_xid from stores where company_id = ${company.companyId}
            union all select sync_xid from products where company_id = ${company.companyId}
            union all select sync_xid from shifts where company_id = ${company.companyId}) s`,
      ),
    );
    expect(xids).toEqual([{ xids: 1 }]);
  });

  it('refuse a file that does not match its manifest, or a company already there, writing nothing', async () => {
    const company = await busyCompany();
    const { manifest } = await backUp(company.companyId);
    const nothing = async () => {
      const rows = await withRestoreDatabase(({ db }) => companyRows(db, company.companyId));
      expect(Object.values(rows).flat()).toEqual([]);
    };

    // The manifest names other bytes: the rows went in, then the check rolls them all back.
    const tampered = { ...manifest, file: { ...manifest.file, sha256: 'ab'.repeat(32) } };
    await expect(
      withRestoreDatabase(({ db }) => restoreCompanyBackup(db, fileOfSync(manifest), tampered)),
    ).rejects.toThrow(RestoreRefused);
    await nothing();

    // A corrupted file: one byte changed in the middle.
    const bytes = new Uint8Array(await new Response(await fileOf(manifest)).arrayBuffer());
    const middle = Math.floor(bytes.length / 2);
    bytes[middle] = (bytes[middle] ?? 0) ^ 0xff;
    await expect(
      withRestoreDatabase(({ db }) =>
        restoreCompanyBackup(db, new Response(bytes).body as ReadableStream<Uint8Array>, manifest),
      ),
    ).rejects.toThrow();
    await nothing();

    // Another schema version: refused before anything is read.
    const older = { ...manifest, schema: { version: '0000_foundation', migratedAt: 1 } };
    await expect(
      withRestoreDatabase(({ db }) => restoreCompanyBackup(db, fileOfSync(manifest), older)),
    ).rejects.toThrow(/schema 0000_foundation/);
    await nothing();

    // The genuine file goes in; a second time it is refused, and the first stays whole.
    await withRestoreDatabase(({ db }) => restoreCompanyBackup(db, fileOfSync(manifest), manifest));
    const restored = await withRestoreDatabase(({ db }) => companyRows(db, company.companyId));
    await expect(
      withRestoreDatabase(({ db }) => restoreCompanyBackup(db, fileOfSync(manifest), manifest)),
    ).rejects.toThrow(/already exists/);
    expect(await withRestoreDatabase(({ db }) => companyRows(db, company.companyId))).toEqual(
      restored,
    );
  });

  it('go out nightly, one job per active tenant company, a hundred to a batch, spread over two hours', async () => {
    const suspended = await createCompany({ status: 'suspended' });
    const active = await createCompany();
    const activeIds = () =>
      withDatabase(({ db }) =>
        rowsOf<{ id: string }>(
          db,
          sql`select id from companies
            where kind = 'tenant' and status = 'active' and deleted_at is null`,
        ),
      ).then((rows) => new Set(rows.map((row) => row.id)));
    const before = await activeIds();
    queue.batches.length = 0;
    const scheduledTime = new Date('2026-12-05T19:00:00.000Z');
    await worker.scheduled(createScheduledController({ cron: '0 19 * * *', scheduledTime }), env);
    const after = await activeIds();

    const messages = queue.batches
      .flat()
      .filter((message) => message.body.type === 'operations.backup');
    expect(queue.batches.every((batch) => batch.length <= 100)).toBe(true);
    const ids = messages.map((message) => (message.body as OperationsBackupJob).companyId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of before) expect(ids).toContain(id);
    for (const id of ids) expect(after.has(id)).toBe(true);
    expect(ids).toContain(active.id);
    expect(ids).toContain(shop.companyId);
    expect(ids).not.toContain(suspended.id);
    expect(ids).not.toContain(platformCompanyId);
    for (const message of messages) {
      expect(message.body).toMatchObject({
        type: 'operations.backup',
        takenAt: scheduledTime.toISOString(),
        trigger: 'scheduled',
      });
      expect(message.delaySeconds).toBeGreaterThanOrEqual(0);
      expect(message.delaySeconds).toBeLessThan(2 * 60 * 60);
    }
    // Not the 2nd of the month: no archives.
    expect(
      queue.batches.flat().some((message) => message.body.type === 'operations.archive_month'),
    ).toBe(false);
  });

  it(`keep the newest ${scheduledBackupsKept} scheduled backups of a company, and every operator’s`, async () => {
    const company = await createCompany();
    const day = 24 * 60 * 60 * 1000;
    const start = Date.parse('2026-01-01T19:00:00.000Z');
    const fake = async (takenAt: string, trigger: 'scheduled' | 'operator') => {
      const keys = backupKeys(company.id, takenAt);
      await env.ARCHIVES.put(keys.data, 'x');
      await env.ARCHIVES.put(keys.manifest, '{}', { customMetadata: { takenAt, trigger } });
    };
    // Forty older nightly backups and one an operator asked for, before them all.
    await fake(new Date(start - day).toISOString(), 'operator');
    for (let index = 0; index < 40; index += 1) {
      await fake(new Date(start + index * day).toISOString(), 'scheduled');
    }
    // A dead job's file without a manifest.
    await env.ARCHIVES.put(`backups/${company.id}/2025-12-01T19:00:00.000Z/data.ndjson.gz`, 'x');

    const takenAt = new Date(start + 40 * day).toISOString();
    const result = await deliver([
      { type: 'operations.backup', companyId: company.id, takenAt, trigger: 'scheduled' },
    ]);
    expect(result.explicitAcks).toEqual(['job-0']);
    const listed = await send(operator.session, 'GET', backupsPath(company.id));
    const backups = (await listed.json<{ data: Array<{ takenAt: string; trigger: string }> }>())
      .data;
    const scheduled = backups.filter((backup) => backup.trigger === 'scheduled');
    expect(scheduled).toHaveLength(scheduledBackupsKept);
    expect(scheduled[0]?.takenAt).toBe(takenAt);
    expect(scheduled.at(-1)?.takenAt).toBe(new Date(start + 6 * day).toISOString());
    expect(backups.filter((backup) => backup.trigger === 'operator')).toHaveLength(1);
    // The pruned ones are gone, file and manifest; the orphan goes once it is two days old.
    expect(
      await env.ARCHIVES.head(backupKeys(company.id, new Date(start).toISOString()).data),
    ).toBeNull();
    const orphan = `backups/${company.id}/2025-12-01T19:00:00.000Z/data.ndjson.gz`;
    expect(await env.ARCHIVES.head(orphan)).not.toBeNull();
    await pruneBackups(env.ARCHIVES, company.id, new Date(Date.now() + 3 * day));
    expect(await env.ARCHIVES.head(orphan)).toBeNull();
  });
});

/** The backup's file as a stream that opens when first read (each restore reads it anew). */
function fileOfSync(manifest: BackupManifest): ReadableStream<Uint8Array> {
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      reader ??= (await fileOf(manifest)).getReader();
      const { done, value } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
  });
}
