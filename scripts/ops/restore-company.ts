import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { backupManifestSchema } from '../../src/services/operations/manifests';
import {
  RestoreRefused,
  restoreCompanyBackup,
  verifyBackupFile,
} from '../../src/services/operations/restore';

/**
 * Restores one company's backup into a database (README, Operations: Backups and restore):
 *
 *   npm run restore:company -- --file data.ndjson.gz --manifest manifest.json \
 *     --database-url postgres://…
 *
 * The database must be migrated to the backup's schema version and must not have the company;
 * the file is checked against the manifest first, then everything goes in one transaction.
 */

const usage =
  'usage: npm run restore:company -- --file <data.ndjson.gz> --manifest <manifest.json> ' +
  '[--database-url <url>] (or DATABASE_URL)';

const fileStream = (path: string) =>
  Readable.toWeb(createReadStream(path)) as unknown as ReadableStream<Uint8Array>;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      file: { type: 'string' },
      manifest: { type: 'string' },
      'database-url': { type: 'string' },
    },
  });
  const databaseUrl = values['database-url'] ?? process.env.DATABASE_URL;
  if (!values.file || !values.manifest || !databaseUrl) {
    console.error(usage);
    return 2;
  }
  const manifest = backupManifestSchema.parse(JSON.parse(await readFile(values.manifest, 'utf8')));
  console.log(
    `backup of company ${manifest.companyId} taken ${manifest.takenAt} ` +
      `(schema ${manifest.schema.version}, ${manifest.rowCount} rows)`,
  );
  await verifyBackupFile(fileStream(values.file), manifest);
  console.log(`file verified: SHA-256 ${manifest.file.sha256}`);

  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const result = await restoreCompanyBackup(
      drizzle({ client }),
      fileStream(values.file),
      manifest,
    );
    for (const [table, rows] of Object.entries(result.tables)) console.log(`  ${table}: ${rows}`);
    console.log(`restored company ${result.companyId}: ${result.rowCount} rows in one transaction`);
    return 0;
  } finally {
    await client.end();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(
      error instanceof RestoreRefused ? `refused: ${error.message}` : error,
      error instanceof RestoreRefused ? '(nothing was written)' : '',
    );
    process.exit(1);
  },
);
