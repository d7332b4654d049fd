/** The receipt template editor's sentences (see ../messages.ts). */
export const receiptsMessages = {
  'receipt.title': { id: 'Template struk', en: 'Receipt template' },
  'receipt.storeTemplate': {
    id: 'Struk toko ini memakai template miliknya sendiri.',
    en: 'This store’s receipts use its own template.',
  },
  'receipt.inherited': {
    id: 'Toko ini memakai template perusahaan atau bawaan; menyimpan di sini membuat template khusus toko ini.',
    en: 'This store uses the company’s or the built-in template; saving here makes one for this store.',
  },
  'receipt.name': { id: 'Nama template', en: 'Template name' },
  'receipt.header': { id: 'Kepala struk', en: 'Header' },
  'receipt.footer': { id: 'Kaki struk', en: 'Footer' },
  'receipt.liquidHint': {
    id: 'Boleh memakai Liquid, mis. {{ store.code }}.',
    en: 'Liquid is allowed, e.g. {{ store.code }}.',
  },
  'receipt.showNpwp': { id: 'Tampilkan NPWP', en: 'Show the NPWP' },
  'receipt.showCashier': { id: 'Tampilkan nama kasir', en: 'Show the cashier’s name' },
  'receipt.layout': { id: 'Tata letak Liquid (lanjutan)', en: 'Liquid layout (advanced)' },
  'receipt.textTemplate': {
    id: 'Template teks (printer thermal)',
    en: 'Text template (thermal printer)',
  },
  'receipt.htmlTemplate': {
    id: 'Template HTML (struk digital)',
    en: 'HTML template (digital receipt)',
  },
  'receipt.save': { id: 'Simpan template', en: 'Save the template' },
  'receipt.width': { id: 'Lebar kertas', en: 'Paper width' },
  'receipt.columns': { id: '{columns} kolom', en: '{columns} columns' },
  'receipt.textPreview': { id: 'Pratinjau struk teks', en: 'Text receipt preview' },
  'receipt.htmlPreview': { id: 'Pratinjau struk HTML', en: 'HTML receipt preview' },
} as const satisfies Record<string, { id: string; en: string }>;
