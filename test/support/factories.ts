import { env } from 'cloudflare:workers';
import { Database } from '../../src/db/client';
import {
  type Company,
  companies,
  type NewCompany,
  type NewStore,
  type Store,
  stores,
} from '../../src/db/schema';

/**
 * Test data through the same database path as the Worker. Every call makes a new company with
 * random ids, so test files never share or reset rows.
 */
export async function withDatabase<T>(work: (database: Database) => Promise<T>): Promise<T> {
  const database = new Database(env);
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

function randomStoreCode(): string {
  const letters = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
  const bytes = crypto.getRandomValues(new Uint8Array(6));
  return Array.from(bytes, (byte) => letters[byte % letters.length]).join('');
}

export function createCompany(overrides: Partial<NewCompany> = {}): Promise<Company> {
  return withDatabase(async ({ db }) => {
    const [company] = await db
      .insert(companies)
      .values({ name: `Test Company ${crypto.randomUUID().slice(0, 8)}`, ...overrides })
      .returning();
    if (!company) throw new Error('company not created');
    return company;
  });
}

export function createStore(companyId: string, overrides: Partial<NewStore> = {}): Promise<Store> {
  return withDatabase(async ({ db }) => {
    const [store] = await db
      .insert(stores)
      .values({ companyId, code: randomStoreCode(), name: 'Test Store', ...overrides })
      .returning();
    if (!store) throw new Error('store not created');
    return store;
  });
}
