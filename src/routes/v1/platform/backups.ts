import { Hono } from 'hono';
import { authenticate, requirePermission } from '../../../auth/context';
import type { AuthedEnv } from '../../../env';
import { operation } from '../../../lib/openapi';
import { validate } from '../../../lib/validation';
import { findTenantCompany } from '../../../services/companies';
import {
  backupFile,
  backupManifest,
  listBackups,
  requestBackup,
} from '../../../services/operations/backups';
import {
  backupCompanyParam,
  backupFileSchema,
  backupListSchema,
  backupManifestSchema,
  backupParam,
  backupRequestSchema,
} from './backup-schemas';

/**
 * A tenant company's backups in the ARCHIVES bucket (services/operations/backups.ts), for our
 * operators (platform.companies.manage): ask for one now, list them, read a manifest, download a
 * file to restore with `npm run restore:company`. Mounted under /platform/companies.
 */
export const backupRoutes = new Hono<AuthedEnv>()
  // Only under /:id/backups: the platform's own routes under /companies have their own.
  .use('/:id/backups/*', authenticate, requirePermission('platform.companies.manage'))
  .post(
    '/:id/backups',
    operation({
      operationId: 'requestCompanyBackup',
      tag: 'platform',
      summary: { id: 'Cadangkan perusahaan sekarang', en: 'Back up a company now' },
      description: {
        id:
          'Semua data perusahaan dalam satu snapshot konsisten, ditulis oleh antrean sebagai ' +
          'NDJSON gzip beserta manifesnya. Jawaban 202; cadangan muncul di daftar setelah selesai. ' +
          'Tercatat di log audit perusahaan dan platform.',
        en:
          'All of the company’s data in one consistent snapshot, written by the queue as gzip ' +
          'NDJSON with its manifest. Answers 202; the backup is listed once it is written. ' +
          'Recorded in the company’s audit log and the platform’s.',
      },
      responses: {
        202: {
          description: { id: 'Cadangan diantrekan', en: 'Backup queued' },
          schema: backupRequestSchema,
        },
      },
    }),
    validate('param', backupCompanyParam),
    async (c) => {
      const requested = await requestBackup(
        c.var.database.db,
        c.env.JOBS,
        c.var.auth,
        c.req.valid('param').id,
        c.var.now,
      );
      c.header(
        'Location',
        `/api/v1/platform/companies/${requested.companyId}/backups/${requested.takenAt}`,
      );
      return c.json(requested, 202);
    },
  )
  .get(
    '/:id/backups',
    operation({
      operationId: 'listCompanyBackups',
      tag: 'platform',
      summary: { id: 'Cadangan perusahaan', en: 'A company’s backups' },
      description: {
        id: 'Cadangan yang sudah selesai, terbaru dulu: terjadwal (35 terakhir) dan dari operator.',
        en: 'Complete backups, newest first: scheduled (the newest 35) and operators’ own.',
      },
      responses: {
        200: { description: { id: 'Cadangan', en: 'Backups' }, schema: backupListSchema },
      },
    }),
    validate('param', backupCompanyParam),
    async (c) => {
      const company = await findTenantCompany(c.var.database.db, c.req.valid('param').id);
      return c.json({ data: await listBackups(c.env.ARCHIVES, company.id) });
    },
  )
  .get(
    '/:id/backups/:takenAt',
    operation({
      operationId: 'getCompanyBackup',
      tag: 'platform',
      summary: { id: 'Manifes cadangan', en: 'A backup’s manifest' },
      description: {
        id:
          'Jumlah baris per tabel, ukuran, SHA-256 dan versi skema. Simpan sebagai manifest.json ' +
          'untuk `npm run restore:company`.',
        en:
          'Rows per table, size, SHA-256 and schema version. Save it as manifest.json for ' +
          '`npm run restore:company`.',
      },
      responses: {
        200: { description: { id: 'Manifes', en: 'The manifest' }, schema: backupManifestSchema },
      },
    }),
    validate('param', backupParam),
    async (c) => {
      const { id, takenAt } = c.req.valid('param');
      const company = await findTenantCompany(c.var.database.db, id);
      return c.json(await backupManifest(c.env.ARCHIVES, company.id, takenAt));
    },
  )
  .get(
    '/:id/backups/:takenAt/download',
    operation({
      operationId: 'downloadCompanyBackup',
      tag: 'platform',
      summary: { id: 'Unduh cadangan', en: 'Download a backup' },
      description: {
        id: 'Berkas NDJSON gzip-nya, sebagai lampiran, apa adanya (periksa SHA-256 di manifes).',
        en: 'Its gzip NDJSON file, as an attachment, as stored (check the manifest’s SHA-256).',
      },
      responses: {
        200: {
          description: { id: 'Berkas', en: 'The file' },
          schema: backupFileSchema,
          mediaType: 'application/gzip',
        },
      },
    }),
    validate('param', backupParam),
    async (c) => {
      const { id, takenAt } = c.req.valid('param');
      const company = await findTenantCompany(c.var.database.db, id);
      const file = await backupFile(c.env.ARCHIVES, company.id, takenAt);
      return new Response(file.object.body, {
        headers: {
          'Content-Type': 'application/gzip',
          'Content-Disposition': `attachment; filename="${file.fileName}"`,
          'Content-Length': String(file.object.size),
          'Cache-Control': 'private, no-store',
        },
      });
    },
  );
