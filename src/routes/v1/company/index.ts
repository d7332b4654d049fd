import { Hono } from 'hono';
import { authenticate, requirePermission } from '../../../auth/context';
import type { AuthedEnv } from '../../../env';
import { operation } from '../../../lib/openapi';
import { validate } from '../../../lib/validation';
import { expectedVersion } from '../../../lib/versioning';
import { getCompany, updateCompany } from '../../../services/companies';
import { companySchema, updateCompanyBody } from './schemas';

const theCompany = { description: { id: 'Perusahaan', en: 'The company' }, schema: companySchema };

/** The caller's own company: its names, tax registration, contact, logo and language. */
export const companyRoutes = new Hono<AuthedEnv>()
  .use(authenticate, requirePermission('settings.manage'))
  .get(
    '/',
    operation({
      operationId: 'getCompany',
      tag: 'company',
      summary: { id: 'Perusahaan saya', en: 'My company' },
      responses: { 200: theCompany },
    }),
    async (c) => c.json(await getCompany(c.var.database.db, c.var.auth.companyId)),
  )
  .patch(
    '/',
    operation({
      operationId: 'updateCompany',
      tag: 'company',
      summary: { id: 'Ubah perusahaan', en: 'Update my company' },
      description: {
        id:
          'Kirim `version` (atau If-Match); versi lama dijawab 409. Berhenti menjadi PKP ditolak ' +
          '(422) selama ada toko yang memungut PPN. Paket dan status diatur operator kasir-edge.',
        en:
          'Send the `version` (or If-Match); a stale one answers 409. Ceasing to be a PKP is ' +
          'refused (422) while a store charges PPN. The plan and status are set by our operators.',
      },
      requestExample: {
        version: 1,
        legalName: 'PT Kopi Nusantara Jaya',
        npwp: '01.234.567.8-901.000',
        isPkp: true,
      },
      responses: { 200: theCompany },
      errors: ['CONFLICT', 'UNPROCESSABLE'],
    }),
    validate('json', updateCompanyBody),
    async (c) => {
      const body = c.req.valid('json');
      const version = expectedVersion(body.version, c.req.header('If-Match'));
      return c.json(
        await updateCompany(c.var.database.db, c.var.auth, c.var.auth.companyId, {
          ...body,
          version,
        }),
      );
    },
  );
