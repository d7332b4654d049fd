import * as z from 'zod';
import { listOf } from '../../../lib/api-schemas';
import { backupTriggers, takenAtSchema } from '../../../services/operations/manifests';

export { backupManifestSchema } from '../../../services/operations/manifests';

export const backupCompanyParam = z.strictObject({ id: z.uuid() });
export const backupParam = z.strictObject({ id: z.uuid(), takenAt: takenAtSchema });

const sha256 = z.string().meta({ description: 'SHA-256 (hex) of the compressed file' });

export const backupRequestSchema = z
  .object({
    companyId: z.uuid(),
    takenAt: takenAtSchema,
    trigger: z.enum(backupTriggers),
    status: z.literal('queued'),
  })
  .meta({ id: 'BackupRequest' });

export const backupSummarySchema = z
  .object({
    takenAt: takenAtSchema,
    trigger: z.enum(backupTriggers).meta({
      description: 'scheduled: the nightly backup (newest 35 kept) · operator: asked for here',
    }),
    snapshotAt: z.string().meta({ description: 'When the snapshot was read (ISO 8601)' }),
    schemaVersion: z.string().meta({ example: '0018_dead_jobs' }),
    rowCount: z.int().min(0),
    sizeBytes: z.int().min(0),
    sha256,
  })
  .meta({ id: 'BackupSummary' });

export const backupListSchema = listOf(backupSummarySchema);

export const backupFileSchema = z
  .string()
  .meta({ format: 'binary', description: 'Gzip NDJSON: {"table": …, "row": {…}} per line' });
