import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from '../../src/db/schema';
import {
  demoCategories,
  demoCompany,
  demoPriceHistory,
  demoProducts,
  demoReceiptTemplate,
  demoStock,
  demoStores,
} from './demo-data';

export interface SeedSummary {
  company: string;
  stores: Array<{ code: string; name: string; timezone: string }>;
  products: number;
}

/**
 * Seeds the demo company in one transaction. Every row has a fixed id and is inserted with
 * ON CONFLICT DO NOTHING, so running it again (every `npm run dev`) changes nothing.
 */
export async function seedDemoData(databaseUrl: string): Promise<SeedSummary> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const db = drizzle({ client, schema });
    await db.transaction(async (tx) => {
      await tx.insert(schema.companies).values(demoCompany).onConflictDoNothing();
      await tx.insert(schema.stores).values(demoStores).onConflictDoNothing();
      await tx.insert(schema.categories).values(demoCategories).onConflictDoNothing();
      await tx
        .insert(schema.products)
        .values(demoProducts.map(({ product }) => product))
        .onConflictDoNothing();
      await tx
        .insert(schema.productVariants)
        .values(demoProducts.flatMap(({ variants }) => variants))
        .onConflictDoNothing();
      await tx.insert(schema.priceHistory).values(demoPriceHistory).onConflictDoNothing();
      await tx
        .insert(schema.inventoryLevels)
        .values(demoStock.map(({ level }) => level))
        .onConflictDoNothing();
      await tx
        .insert(schema.stockMovements)
        .values(demoStock.map(({ movement }) => movement))
        .onConflictDoNothing();
      await tx.insert(schema.receiptTemplates).values(demoReceiptTemplate).onConflictDoNothing();
    });
  } finally {
    await client.end();
  }
  return {
    company: demoCompany.name,
    stores: demoStores.map(({ code, name, timezone }) => ({ code, name, timezone })),
    products: demoProducts.length,
  };
}
