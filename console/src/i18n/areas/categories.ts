/** The category tree's sentences (see ../messages.ts). */
export const categoriesMessages = {
  'categories.title': { id: 'Kategori', en: 'Categories' },
  'categories.none': { id: 'Belum ada kategori.', en: 'No categories yet.' },
  'categories.dragHint': {
    id: 'Seret kategori ke posisi saudaranya untuk mengubah urutan, atau pakai tombol ↑ ↓.',
    en: 'Drag a category onto a sibling’s place to reorder, or use the ↑ ↓ buttons.',
  },
  'categories.up': { id: 'Naikkan {name}', en: 'Move {name} up' },
  'categories.down': { id: 'Turunkan {name}', en: 'Move {name} down' },
  'categories.delete': { id: 'Hapus {name}', en: 'Delete {name}' },
  'categories.name': { id: 'Nama kategori', en: 'Category name' },
  'categories.parent': { id: 'Di bawah', en: 'Under' },
  'categories.root': { id: '(paling atas)', en: '(top level)' },
  'categories.add': { id: 'Tambah kategori', en: 'Add the category' },
} as const satisfies Record<string, { id: string; en: string }>;
