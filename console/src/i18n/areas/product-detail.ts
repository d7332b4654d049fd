/** A product's detail: variants, store prices, price history (see ../messages.ts). */
export const productDetailMessages = {
  'productDetail.open': { id: 'Buka {name}', en: 'Open {name}' },
  'productDetail.close': { id: 'Tutup', en: 'Close' },
  'productDetail.pricesIn': { id: 'Harga di toko', en: 'Prices in store' },
  'productDetail.variant': { id: 'Varian', en: 'Variant' },
  'productDetail.companyPrice': { id: 'Harga perusahaan', en: 'Company price' },
  'productDetail.storePrice': { id: 'Harga di toko ini', en: 'Price in this store' },
  'productDetail.setStorePrice': { id: 'Harga khusus toko', en: 'Store’s own price' },
  'productDetail.newStorePrice': {
    id: 'Harga toko untuk {name} (Rp)',
    en: 'Store price of {name} (Rp)',
  },
  'productDetail.save': { id: 'Simpan harga', en: 'Save the price' },
  'productDetail.clear': { id: 'Pakai harga perusahaan', en: 'Use the company price' },
  'productDetail.history': { id: 'Riwayat harga', en: 'Price history' },
  'productDetail.level.product': { id: 'Harga perusahaan', en: 'Company price' },
  'productDetail.level.variant': { id: 'Harga varian', en: 'Variant price' },
  'productDetail.level.store': { id: 'Harga toko', en: 'Store price' },
  'productDetail.cleared': {
    id: 'dihapus (kembali ke harga perusahaan)',
    en: 'cleared (back to the company price)',
  },
  'productDetail.sizes': { id: 'Varian (opsional)', en: 'Variants (optional)' },
  'productDetail.optionName': {
    id: 'Nama pilihan varian, mis. Ukuran',
    en: 'Variant option, e.g. Size',
  },
  'productDetail.optionValues': {
    id: 'Nilai, dipisah koma, mis. Reguler, Besar',
    en: 'Values, comma-separated, e.g. Regular, Large',
  },
} as const satisfies Record<string, { id: string; en: string }>;
