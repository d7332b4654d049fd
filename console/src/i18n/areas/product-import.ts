/** The CSV product import's sentences (see ../messages.ts). */
export const productImportMessages = {
  'import.title': { id: 'Impor produk dari CSV', en: 'Import products from CSV' },
  'import.lead': {
    id: 'Kolom: nama, sku, harga (wajib); modal, kategori, barcode, satuan, lacak stok (ya/tidak). Semua baris diimpor, atau tidak satu pun bila ada yang salah.',
    en: 'Columns: name, sku, price (required); cost, category, barcode, unit, tracks stock (yes/no). Every row is imported, or none when one is wrong.',
  },
  'import.file': { id: 'Berkas CSV', en: 'CSV file' },
  'import.missingColumns': {
    id: 'Kolom wajib tidak ditemukan di baris judul: {columns}.',
    en: 'Required columns are missing from the header row: {columns}.',
  },
  'import.ready': { id: '{count} baris dibaca dari {file}.', en: '{count} rows read from {file}.' },
  'import.preview': { id: 'Pratinjau baris berkas', en: 'Preview of the file’s rows' },
  'import.line': { id: 'Baris', en: 'Line' },
  'import.problems': { id: 'Masalah', en: 'Problems' },
  'import.submit': { id: 'Impor {count} produk', en: 'Import {count} products' },
  'import.done': { id: '{count} produk diimpor.', en: '{count} products imported.' },
} as const satisfies Record<string, { id: string; en: string }>;
