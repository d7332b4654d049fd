import type {
  categories,
  companies,
  diningTables,
  inventoryLevels,
  modifierGroups,
  modifierOptions,
  priceHistory,
  productModifierGroups,
  products,
  productVariants,
  receiptTemplates,
  stockMovements,
  storePrices,
  stores,
  userStoreAssignments,
  users,
} from '../../src/db/schema';

/**
 * The demo company that `npm run dev` seeds: a coffee chain with one outlet in Jakarta (WIB)
 * and one in Bali (WITA), each with its own tax and rounding settings. Ids are fixed so seeding
 * again changes nothing.
 */
const demoId = (group: number, index: number) =>
  `00000000-0000-7000-8000-${String(group).padStart(4, '0')}${String(index).padStart(8, '0')}`;

/** The second demo tenant's ids: the same groups shifted by 100, so the two never meet. */
const secondDemoId = (group: number, index: number) => demoId(100 + group, index);

/** Whose rows a helper below builds: the tenant's company and the scheme of its fixed ids. */
interface DemoScope {
  companyId: string;
  id: (group: number, index: number) => string;
}

/** A PKP: its stores charge PBJT today, but it may switch one to PPN (the second may not). */
export const demoCompany = {
  id: demoId(1, 1),
  name: 'Kopi Nusantara (Demo)',
  legalName: 'PT Kopi Nusantara Demo',
  npwp: '0012345678901000',
  isPkp: true,
  address: 'Jl. Kemang Raya No. 10, Jakarta Selatan',
  phone: '+6281200000000',
  plan: 'pro',
} satisfies typeof companies.$inferInsert;
const kopi: DemoScope = { companyId: demoCompany.id, id: demoId };

export const demoStores = [
  {
    id: demoId(2, 1),
    companyId: demoCompany.id,
    code: 'JKT01',
    name: 'Kopi Nusantara Kemang',
    address: 'Jl. Kemang Raya No. 10, Jakarta Selatan',
    timezone: 'Asia/Jakarta',
    taxRegime: 'pbjt',
    taxRateBasisPoints: 1000,
    serviceChargeBasisPoints: 500,
    serviceChargeTaxable: true,
    pricesIncludeTax: false,
    cashRoundingStep: 100,
    nonCashRoundingStep: 0,
    businessDayCutoffHour: 4,
  },
  {
    id: demoId(2, 2),
    companyId: demoCompany.id,
    code: 'DPS01',
    name: 'Kopi Nusantara Seminyak',
    address: 'Jl. Kayu Aya No. 8, Badung, Bali',
    timezone: 'Asia/Makassar',
    taxRegime: 'pbjt',
    taxRateBasisPoints: 1000,
    serviceChargeBasisPoints: 0,
    serviceChargeTaxable: false,
    pricesIncludeTax: true,
    cashRoundingStep: 500,
    nonCashRoundingStep: 0,
    businessDayCutoffHour: 2,
  },
] satisfies (typeof stores.$inferInsert)[];

const drinks = demoId(3, 1);
const coffee = demoId(3, 2);
const nonCoffee = demoId(3, 3);
const food = demoId(3, 4);

export const demoCategories = [
  { id: drinks, name: 'Minuman', parentId: null, sortOrder: 1 },
  { id: coffee, name: 'Kopi', parentId: drinks, sortOrder: 1 },
  { id: nonCoffee, name: 'Non-Kopi', parentId: drinks, sortOrder: 2 },
  { id: food, name: 'Makanan', parentId: null, sortOrder: 2 },
].map((category) => ({
  ...category,
  companyId: demoCompany.id,
})) satisfies (typeof categories.$inferInsert)[];

interface DemoProduct {
  product: typeof products.$inferInsert;
  variants: (typeof productVariants.$inferInsert)[];
}

function demoProduct(
  { companyId, id }: DemoScope,
  index: number,
  fields: Omit<typeof products.$inferInsert, 'id' | 'companyId'>,
  variants: Array<{ name: string; optionValues?: Record<string, string>; priceOverride?: number }>,
): DemoProduct {
  const productId = id(4, index);
  return {
    product: { id: productId, companyId, ...fields },
    variants: variants.map((variant, variantIndex) => ({
      id: id(5, index * 10 + variantIndex),
      companyId,
      productId,
      name: variant.name,
      sku: variants.length === 1 ? fields.sku : `${fields.sku}-${variantIndex + 1}`,
      optionValues: variant.optionValues ?? {},
      priceOverride: variant.priceOverride ?? null,
      isDefault: variantIndex === 0,
    })),
  };
}

export const demoProducts: DemoProduct[] = [
  demoProduct(
    kopi,
    1,
    {
      categoryId: coffee,
      name: 'Es Kopi Susu',
      sku: 'KOP-001',
      price: 25_000,
      cost: 9_000,
      variantOptions: { Ukuran: ['Reguler', 'Besar'] },
      kitchenStation: 'bar',
    },
    [
      { name: 'Reguler', optionValues: { Ukuran: 'Reguler' } },
      { name: 'Besar', optionValues: { Ukuran: 'Besar' }, priceOverride: 30_000 },
    ],
  ),
  demoProduct(
    kopi,
    2,
    {
      categoryId: coffee,
      name: 'Kopi Tubruk',
      sku: 'KOP-002',
      price: 15_000,
      kitchenStation: 'bar',
    },
    [{ name: 'Kopi Tubruk' }],
  ),
  demoProduct(
    kopi,
    3,
    {
      categoryId: nonCoffee,
      name: 'Teh Tarik',
      sku: 'TEH-001',
      price: 18_000,
      variantOptions: { Suhu: ['Panas', 'Dingin'] },
      kitchenStation: 'bar',
    },
    [
      { name: 'Panas', optionValues: { Suhu: 'Panas' } },
      { name: 'Dingin', optionValues: { Suhu: 'Dingin' }, priceOverride: 20_000 },
    ],
  ),
  demoProduct(
    kopi,
    4,
    { categoryId: food, name: 'Croissant Cokelat', sku: 'MKN-001', price: 22_000 },
    [{ name: 'Croissant Cokelat' }],
  ),
  demoProduct(
    kopi,
    5,
    { categoryId: food, name: 'Pisang Goreng Keju', sku: 'MKN-002', price: 17_500 },
    [{ name: 'Pisang Goreng Keju' }],
  ),
];

/**
 * Starting prices in history, at the level they are set (see priceHistory in the schema): the
 * product price with no variant, and a variant row only where the variant overrides it.
 */
const priceStart = new Date('2026-01-01T00:00:00Z');
function startingPrices(
  { companyId, id }: DemoScope,
  catalog: DemoProduct[],
): (typeof priceHistory.$inferInsert)[] {
  return catalog.flatMap(({ product, variants }, productIndex) => [
    {
      id: id(6, productIndex * 10),
      companyId,
      productId: product.id as string,
      variantId: null,
      storeId: null,
      oldPrice: null,
      newPrice: product.price,
      effectiveFrom: priceStart,
    },
    ...variants
      .filter((variant) => variant.priceOverride != null)
      .map((variant, variantIndex) => ({
        id: id(6, productIndex * 10 + variantIndex + 1),
        companyId,
        productId: product.id as string,
        variantId: variant.id as string,
        storeId: null,
        oldPrice: null,
        newPrice: variant.priceOverride ?? null,
        effectiveFrom: priceStart,
      })),
  ]);
}
export const demoPriceHistory = startingPrices(kopi, demoProducts);

/** Bali charges more for the regular iced coffee: a store price, with its history row. */
const baliStore = demoStores[1]?.id as string;
const icedCoffee = demoProducts[0]?.product.id as string;
const icedCoffeeRegular = demoProducts[0]?.variants[0]?.id as string;
export const demoStorePrices = [
  {
    id: demoId(12, 1),
    companyId: demoCompany.id,
    storeId: baliStore,
    variantId: icedCoffeeRegular,
    price: 28_000,
  },
] satisfies (typeof storePrices.$inferInsert)[];
export const demoStorePriceHistory = [
  {
    id: demoId(6, 999),
    companyId: demoCompany.id,
    productId: icedCoffee,
    variantId: icedCoffeeRegular,
    storeId: baliStore,
    oldPrice: null,
    newPrice: 28_000,
    effectiveFrom: priceStart,
  },
] satisfies (typeof priceHistory.$inferInsert)[];

const openingStock = 50;
const lowStockThreshold = 10;

export interface DemoStock {
  level: typeof inventoryLevels.$inferInsert;
  movement: typeof stockMovements.$inferInsert;
}

/** Opening stock arrives as a receiving movement, so each level equals the sum of its movements. */
function stockOf(
  { companyId, id }: DemoScope,
  outlets: Array<{ id: string }>,
  catalog: DemoProduct[],
): DemoStock[] {
  return outlets.flatMap((store, storeIndex) =>
    catalog.flatMap(({ variants }) =>
      variants.map((variant) => {
        const key = storeIndex * 1000 + Number((variant.id as string).slice(-8));
        return {
          level: {
            id: id(7, key),
            companyId,
            storeId: store.id,
            variantId: variant.id as string,
            quantity: openingStock,
            minimumQuantity: lowStockThreshold,
          },
          movement: {
            id: id(8, key),
            companyId,
            storeId: store.id,
            variantId: variant.id as string,
            kind: 'receiving',
            quantityDelta: openingStock,
            reason: 'Stok awal demo',
          },
        };
      }),
    ),
  );
}
export const demoStock = stockOf(kopi, demoStores, demoProducts);

/** The company-wide receipt template, headed with the brand. */
function standardReceiptTemplate(
  { companyId, id }: DemoScope,
  header: string,
): typeof receiptTemplates.$inferInsert {
  return {
    id: id(9, 1),
    companyId,
    storeId: null,
    name: 'Struk standar',
    paperWidthMm: 58,
    header,
    footer: 'Terima kasih atas kunjungan Anda',
  };
}
export const demoReceiptTemplate = standardReceiptTemplate(kopi, 'Kopi Nusantara');

/** The password of every demo login; printed by `npm run dev`, documented in the README. */
export const demoPassword = 'kasir-demo-2026';

export interface DemoLogin {
  user: Omit<typeof users.$inferInsert, 'passwordHash' | 'pinHash'>;
  pin?: string;
  storeIds: string[];
}

export const demoLogins: DemoLogin[] = [
  {
    user: {
      id: demoId(10, 1),
      companyId: demoCompany.id,
      name: 'Sari Wulandari',
      email: 'pemilik@kopinusantara.test',
      phone: '+6281200000001',
      role: 'owner',
    },
    storeIds: [],
  },
  {
    user: {
      id: demoId(10, 2),
      companyId: demoCompany.id,
      name: 'Budi Santoso',
      email: 'manajer@kopinusantara.test',
      phone: '+6281200000002',
      role: 'manager',
    },
    pin: '2468',
    storeIds: demoStores.map((store) => store.id),
  },
  {
    user: {
      id: demoId(10, 3),
      companyId: demoCompany.id,
      name: 'Rina Kasir',
      email: 'kasir@kopinusantara.test',
      phone: '+6281200000003',
      role: 'cashier',
    },
    storeIds: demoStores.slice(0, 1).map((store) => store.id),
  },
];

function storeAssignments(
  { companyId, id }: DemoScope,
  logins: DemoLogin[],
): (typeof userStoreAssignments.$inferInsert)[] {
  return logins.flatMap(({ user, storeIds }, loginIndex) =>
    storeIds.map((storeId, storeIndex) => ({
      id: id(11, loginIndex * 10 + storeIndex),
      companyId,
      userId: user.id as string,
      storeId,
    })),
  );
}
export const demoStoreAssignments = storeAssignments(kopi, demoLogins);

/**
 * A second, unrelated tenant, to try tenant isolation by hand: a small sate restaurant in
 * Yogyakarta with one outlet, an owner and a cashier. Not a PKP, so it may not charge PPN.
 */
export const secondDemoCompany = {
  id: secondDemoId(1, 1),
  name: 'Sate Pak Kumis (Demo)',
  legalName: 'CV Sate Pak Kumis',
  npwp: '017654321542000',
  isPkp: false,
  address: 'Jl. Prawirotaman No. 21, Mergangsan, Yogyakarta',
  phone: '(0274) 376123',
  plan: 'basic',
} satisfies typeof companies.$inferInsert;
const sate: DemoScope = { companyId: secondDemoCompany.id, id: secondDemoId };

export const secondDemoStores = [
  {
    id: sate.id(2, 1),
    companyId: sate.companyId,
    code: 'YOG01',
    name: 'Sate Pak Kumis Prawirotaman',
    address: 'Jl. Prawirotaman No. 21, Mergangsan, Yogyakarta',
    timezone: 'Asia/Jakarta',
    taxRegime: 'pbjt',
    taxRateBasisPoints: 1000,
    serviceChargeBasisPoints: 0,
    serviceChargeTaxable: false,
    pricesIncludeTax: false,
    cashRoundingStep: 500,
    nonCashRoundingStep: 0,
    businessDayCutoffHour: 0,
  },
] satisfies (typeof stores.$inferInsert)[];

const satay = sate.id(3, 1);
const satayDrinks = sate.id(3, 2);

export const secondDemoCategories = [
  { id: satay, name: 'Sate', parentId: null, sortOrder: 1 },
  { id: satayDrinks, name: 'Minuman', parentId: null, sortOrder: 2 },
].map((category) => ({
  ...category,
  companyId: sate.companyId,
})) satisfies (typeof categories.$inferInsert)[];

export const secondDemoProducts: DemoProduct[] = [
  demoProduct(
    sate,
    1,
    { categoryId: satay, name: 'Sate Ayam 10 tusuk', sku: 'SAT-001', price: 30_000 },
    [{ name: 'Sate Ayam 10 tusuk' }],
  ),
  demoProduct(
    sate,
    2,
    { categoryId: satay, name: 'Sate Kambing 10 tusuk', sku: 'SAT-002', price: 45_000 },
    [{ name: 'Sate Kambing 10 tusuk' }],
  ),
  demoProduct(
    sate,
    3,
    { categoryId: satayDrinks, name: 'Es Teh Manis', sku: 'MNM-001', price: 5_000 },
    [{ name: 'Es Teh Manis' }],
  ),
];

export const secondDemoLogins: DemoLogin[] = [
  {
    user: {
      id: sate.id(10, 1),
      companyId: sate.companyId,
      name: 'Suparman',
      email: 'pemilik@satepakkumis.test',
      phone: '+6281300000001',
      role: 'owner',
    },
    storeIds: [],
  },
  {
    user: {
      id: sate.id(10, 2),
      companyId: sate.companyId,
      name: 'Wati Kasir',
      email: 'kasir@satepakkumis.test',
      phone: '+6281300000002',
      role: 'cashier',
    },
    storeIds: secondDemoStores.map((store) => store.id),
  },
];

/** One demo tenant's rows; the seed inserts every tenant the same way. */
export interface DemoTenant {
  company: typeof companies.$inferInsert;
  stores: Array<typeof stores.$inferInsert & Pick<typeof stores.$inferSelect, 'id' | 'timezone'>>;
  categories: (typeof categories.$inferInsert)[];
  products: DemoProduct[];
  priceHistory: (typeof priceHistory.$inferInsert)[];
  stock: DemoStock[];
  receiptTemplate: typeof receiptTemplates.$inferInsert;
  logins: DemoLogin[];
  storeAssignments: (typeof userStoreAssignments.$inferInsert)[];
}

/**
 * Kopi Nusantara's modifier groups, both optional so a till that does not show them yet keeps
 * selling: "Tingkat gula" (free, on both coffees) and "Tambahan" (priced, on Es Kopi Susu).
 */
const sugarGroup = demoId(13, 1);
const extrasGroup = demoId(13, 2);
export const demoModifierGroups: (typeof modifierGroups.$inferInsert)[] = [
  {
    id: sugarGroup,
    companyId: demoCompany.id,
    name: 'Tingkat gula',
    minSelections: 0,
    maxSelections: 1,
    sortOrder: 1,
  },
  {
    id: extrasGroup,
    companyId: demoCompany.id,
    name: 'Tambahan',
    minSelections: 0,
    maxSelections: 2,
    sortOrder: 2,
  },
];
export const demoModifierOptions: (typeof modifierOptions.$inferInsert)[] = [
  ['Normal', 0],
  ['Less sugar', 0],
  ['No sugar', 0],
].map(([name, priceDelta], index) => ({
  id: demoId(14, index + 1),
  companyId: demoCompany.id,
  groupId: sugarGroup,
  name: String(name),
  priceDelta: Number(priceDelta),
  sortOrder: index,
}));
demoModifierOptions.push(
  ...[
    ['Extra shot', 5_000],
    ['Oat milk', 7_000],
  ].map(([name, priceDelta], index) => ({
    id: demoId(14, index + 11),
    companyId: demoCompany.id,
    groupId: extrasGroup,
    name: String(name),
    priceDelta: Number(priceDelta),
    sortOrder: index,
  })),
);
export const demoProductModifierGroups: (typeof productModifierGroups.$inferInsert)[] = [
  { productId: demoId(4, 1), groupId: sugarGroup, sortOrder: 0 },
  { productId: demoId(4, 1), groupId: extrasGroup, sortOrder: 1 },
  { productId: demoId(4, 2), groupId: sugarGroup, sortOrder: 0 },
].map((attachment, index) => ({
  id: demoId(15, index + 1),
  companyId: demoCompany.id,
  ...attachment,
}));

/**
 * The tables of Kopi Nusantara Kemang (JKT01), where the README's "Table 4" walk-through is
 * served: drinks go to the bar's printer, food to the kitchen's.
 */
export const demoTables: (typeof diningTables.$inferInsert)[] = [
  ...[1, 2, 3, 4, 5, 6].map((number) => ({
    name: `Meja ${number}`,
    area: 'Dalam',
    capacity: number <= 4 ? 2 : 4,
  })),
  ...[1, 2].map((number) => ({ name: `Teras ${number}`, area: 'Teras', capacity: 4 })),
].map((table, index) => ({
  id: demoId(16, index + 1),
  companyId: demoCompany.id,
  storeId: demoStores[0]?.id as string,
  sortOrder: index,
  ...table,
}));

/** Kopi Nusantara first (its store prices are seeded apart), then Sate Pak Kumis. */
export const demoTenants: DemoTenant[] = [
  {
    company: demoCompany,
    stores: demoStores,
    categories: demoCategories,
    products: demoProducts,
    priceHistory: demoPriceHistory,
    stock: demoStock,
    receiptTemplate: demoReceiptTemplate,
    logins: demoLogins,
    storeAssignments: demoStoreAssignments,
  },
  {
    company: secondDemoCompany,
    stores: secondDemoStores,
    categories: secondDemoCategories,
    products: secondDemoProducts,
    priceHistory: startingPrices(sate, secondDemoProducts),
    stock: stockOf(sate, secondDemoStores, secondDemoProducts),
    receiptTemplate: standardReceiptTemplate(sate, 'Sate Pak Kumis'),
    logins: secondDemoLogins,
    storeAssignments: storeAssignments(sate, secondDemoLogins),
  },
];

/** Our operators' own company; its users are the platform admins of the admin console. */
export const platformCompany = {
  id: demoId(1, 9),
  name: 'kasir-edge Operations',
  kind: 'platform',
} satisfies typeof companies.$inferInsert;

export const platformAdminLogin: DemoLogin = {
  user: {
    id: demoId(10, 9),
    companyId: platformCompany.id,
    name: 'Operator Demo',
    email: 'operator@kasir-edge.test',
    role: 'platform_admin',
  },
  storeIds: [],
};
