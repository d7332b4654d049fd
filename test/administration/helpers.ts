import { eq } from 'drizzle-orm';
import { companies, storeSettings, stores } from '../../src/db/schema';
import { createCompany, withDatabase } from '../support/factories';
import { type Member, member, send, uniqueEmail } from '../users/helpers';

/** Our operator: a platform admin of a platform company of their own. */
export async function platformAdmin(): Promise<Member & { companyId: string }> {
  const platform = await createCompany({ kind: 'platform', name: 'kasir-edge operations' });
  return { ...(await member(platform.id, 'platform_admin')), companyId: platform.id };
}

/** A fresh tag, so a test finds its own companies by name among everyone else's. */
export const uniqueTag = () => crypto.randomUUID().slice(0, 8);

/** A store code nobody else uses (codes are unique per company; random keeps tests apart). */
export const uniqueCode = () =>
  `T${crypto.randomUUID().replace(/-/g, '').slice(0, 7).toUpperCase()}`;

export const initialPassword = 'sementara-2026';

/** The onboarding of a sate restaurant: PBJT 10 %, cash rounded to Rp 500, not a PKP. */
export function onboardingBody(tag = uniqueTag(), overrides: Record<string, unknown> = {}) {
  return {
    company: {
      name: `Sate Pak Kumis ${tag}`,
      legalName: `CV Sate Pak Kumis ${tag}`,
      npwp: '02.345.678.9-012.000',
      isPkp: false,
      address: 'Jl. Kaliurang Km 5, Yogyakarta',
      phone: '0274512345',
      plan: 'basic',
    },
    owner: { name: 'Kumis Santoso', email: uniqueEmail(), initialPassword },
    stores: [
      {
        code: uniqueCode(),
        name: 'Sate Pak Kumis Kaliurang',
        timezone: 'Asia/Jakarta',
        taxRegime: 'pbjt',
        taxRateBasisPoints: 1000,
        cashRoundingStep: 500,
      },
    ],
    ...overrides,
  };
}

export function onboard(
  admin: Pick<Member, 'session'>,
  body: unknown,
  key: string | null = crypto.randomUUID(),
  headers: Record<string, string> = {},
) {
  return send(admin.session, 'POST', '/api/v1/platform/companies', body, {
    ...(key === null ? {} : { 'Idempotency-Key': key }),
    ...headers,
  });
}

export interface OnboardingBody {
  company: { id: string; name: string; npwp: string | null; version: number; status: string };
  owner: { id: string; email: string | null; mustChangePassword: boolean; role: string };
  stores: StoreBody[];
}

export interface StoreBody {
  id: string;
  code: string;
  name: string;
  timezone: string;
  taxRegime: string;
  taxRateBasisPoints: number;
  cashRoundingStep: number;
  hasSales: boolean;
  scheduledSettings: Array<{ id: string; effectiveFrom: string; settings: StoreSettingsBody }>;
  version: number;
}

export interface StoreSettingsBody {
  taxRegime: string;
  taxRateBasisPoints: number;
  serviceChargeBasisPoints: number;
}

export function companiesNamed(name: string) {
  return withDatabase(({ db }) => db.select().from(companies).where(eq(companies.name, name)));
}

export function storesOfCompany(companyId: string) {
  return withDatabase(({ db }) => db.select().from(stores).where(eq(stores.companyId, companyId)));
}

export function settingsEntriesOf(storeId: string) {
  return withDatabase(({ db }) =>
    db.select().from(storeSettings).where(eq(storeSettings.storeId, storeId)),
  );
}

export const storePath = (storeId: string, rest = '') => `/api/v1/stores/${storeId}${rest}`;
export const platformPath = (companyId: string, rest = '') =>
  `/api/v1/platform/companies/${companyId}${rest}`;
