import type { LocalizedText } from '../i18n';

/** Messages of the receipts routes and services (keys start with 'receipts.'). */
export const receiptsMessages = {
  'receipts.templateNotFound': {
    id: 'Template struk tidak ditemukan.',
    en: 'Receipt template not found.',
  },
  'receipts.unknownStore': {
    id: 'Toko tidak ditemukan: {storeId}.',
    en: 'Store not found: {storeId}.',
  },
  'receipts.companyTemplateExists': {
    id: 'Perusahaan ini sudah punya template struk bawaan. Ubah template itu atau hapus dulu.',
    en: 'The company already has a default receipt template. Edit that one or delete it first.',
  },
  'receipts.storeTemplateExists': {
    id: 'Toko ini sudah punya template struk. Ubah template itu atau hapus dulu.',
    en: 'This store already has a receipt template. Edit that one or delete it first.',
  },
  'receipts.templateInvalid': {
    id: 'Template {field} tidak valid di baris {line}: {reason}',
    en: 'The {field} template is invalid at line {line}: {reason}',
  },
} satisfies Record<string, LocalizedText>;
