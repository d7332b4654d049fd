import * as z from 'zod';
import type { NdjsonDigest } from './ndjson';

/**
 * The JSON manifests written beside each backup and archive file in the ARCHIVES bucket. A file
 * counts only once its manifest is there: the manifest is written last, so a job that died half
 * way leaves no backup or archive, only a file the next delivery writes again.
 */

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);
const count = z.int().min(0);

/** `2026-12-01T19:00:00.000Z`: a backup's id, as `Date.toISOString()` writes it. */
export const takenAtSchema = z.iso.datetime({ precision: 3 }).meta({
  description: 'The backup’s id: when it was requested or scheduled (UTC, milliseconds)',
  example: '2026-12-01T19:00:00.000Z',
});

export const yearMonthSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
  .meta({ example: '2026-11' });

const fileSchema = z.object({
  /** Where the gzip NDJSON file is, in the ARCHIVES bucket. */
  key: z.string(),
  sizeBytes: count,
  /** SHA-256 (hex) of the compressed file, as stored. */
  sha256: sha256Hex,
  /** SHA-256 (hex) of the NDJSON text inside it. */
  contentSha256: sha256Hex,
});

/** The manifest's `file`: where the file is and what the writer measured of it. */
export function manifestFile(key: string, digest: NdjsonDigest): z.infer<typeof fileSchema> {
  return {
    key,
    sizeBytes: digest.sizeBytes,
    sha256: digest.sha256,
    contentSha256: digest.contentSha256,
  };
}

const schemaSchema = z.object({
  /** The last migration the data was read under (migrations/meta/_journal.json `tag`). */
  version: z.string(),
  /** That migration's journal time (ms), as drizzle.__drizzle_migrations.created_at holds it. */
  migratedAt: z.int(),
});

export const backupTriggers = ['scheduled', 'operator'] as const;
export type BackupTrigger = (typeof backupTriggers)[number];

export const backupManifestSchema = z
  .object({
    format: z.literal('kasir-edge.company-backup'),
    formatVersion: z.literal(1),
    companyId: z.uuid(),
    takenAt: takenAtSchema,
    trigger: z.enum(backupTriggers),
    /** When the snapshot's transaction started: every row is as it was at that moment. */
    snapshotAt: z.iso.datetime({ offset: true }),
    schema: schemaSchema,
    /** Rows per table, in the order the file holds them (parents before children). */
    tables: z.record(z.string(), count),
    rowCount: count,
    file: fileSchema,
  })
  .meta({ id: 'BackupManifest' });
export type BackupManifest = z.infer<typeof backupManifestSchema>;

export const archiveManifestSchema = z
  .object({
    format: z.literal('kasir-edge.monthly-archive'),
    formatVersion: z.literal(1),
    companyId: z.uuid(),
    /** The month of the business dates archived (each store's own time zone and cut-off). */
    month: yearMonthSchema,
    /** The first and last business dates of the month. */
    period: z.object({ from: z.iso.date(), to: z.iso.date() }),
    /** 1 for the first archive of the month; each later one found the month changed. */
    version: z.int().min(1),
    /** The manifest this version replaces as the month's latest, if any. */
    supersedes: z.string().nullable(),
    /** When the snapshot's transaction started. */
    snapshotAt: z.iso.datetime({ offset: true }),
    schema: schemaSchema,
    tables: z.record(z.string(), count),
    rowCount: count,
    file: fileSchema,
  })
  .meta({ id: 'ArchiveManifest' });
export type ArchiveManifest = z.infer<typeof archiveManifestSchema>;
