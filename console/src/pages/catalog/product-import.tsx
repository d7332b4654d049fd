import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ChangeEvent, useState } from 'react';
import { api, data } from '../../api/client';
import { ProblemError } from '../../api/problem';
import { parseCsv } from '../../format/csv';
import { formatRupiah, parseRupiah } from '../../format/money';
import { useTranslation } from '../../i18n/language';
import { ProblemMessage } from '../../ui/problem-message';

/**
 * Products from a CSV, all or none (POST /products/import). The file's columns are matched by
 * their header, in Indonesian or English; the API checks every row and names each wrong cell,
 * shown here on its row. Nothing is written until the whole file is right.
 */
const columns = {
  name: ['nama', 'name', 'nama produk', 'product'],
  sku: ['sku', 'kode'],
  price: ['harga', 'price', 'harga jual'],
  cost: ['modal', 'cost', 'harga pokok', 'hpp'],
  category: ['kategori', 'category'],
  barcode: ['barcode', 'kode batang'],
  unit: ['satuan', 'unit'],
  tracksStock: ['lacak stok', 'lacak_stok', 'tracks stock', 'tracks_stock', 'stok'],
} as const;
type Column = keyof typeof columns;

interface ImportRow {
  name: string;
  sku: string;
  price: number;
  cost?: number | null;
  category?: string | null;
  barcode?: string | null;
  unit?: string;
  tracksStock?: boolean;
}

const yes = new Set(['ya', 'yes', 'y', 'true', '1']);
const no = new Set(['tidak', 'no', 'n', 'false', '0']);

function readRows(text: string): { rows: ImportRow[]; missing: Column[] } {
  const [header = [], ...body] = parseCsv(text);
  const positions = new Map<Column, number>();
  header.forEach((title, index) => {
    const key = title.trim().toLowerCase();
    for (const [column, names] of Object.entries(columns) as Array<[Column, readonly string[]]>) {
      if (names.includes(key) && !positions.has(column)) positions.set(column, index);
    }
  });
  const missing = (['name', 'sku', 'price'] as const).filter((column) => !positions.has(column));
  const cell = (cells: string[], column: Column) => {
    const position = positions.get(column);
    return position === undefined ? '' : (cells[position] ?? '').trim();
  };
  const rows = body.map((cells): ImportRow => {
    const cost = cell(cells, 'cost');
    const stock = cell(cells, 'tracksStock').toLowerCase();
    return {
      name: cell(cells, 'name'),
      sku: cell(cells, 'sku'),
      price: parseRupiah(cell(cells, 'price')),
      ...(cost ? { cost: parseRupiah(cost) } : {}),
      ...(cell(cells, 'category') ? { category: cell(cells, 'category') } : {}),
      ...(cell(cells, 'barcode') ? { barcode: cell(cells, 'barcode') } : {}),
      ...(cell(cells, 'unit') ? { unit: cell(cells, 'unit') } : {}),
      ...(yes.has(stock) ? { tracksStock: true } : no.has(stock) ? { tracksStock: false } : {}),
    };
  });
  return { rows, missing };
}

export function ProductImport() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [fileName, setFileName] = useState('');
  const [parsed, setParsed] = useState<{ rows: ImportRow[]; missing: Column[] }>();
  const upload = useMutation({
    mutationFn: (rows: ImportRow[]) =>
      data(api.POST('/api/v1/products/import', { body: { rows } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['products'] }),
  });

  async function choose(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    upload.reset();
    if (!file) return setParsed(undefined);
    setFileName(file.name);
    setParsed(readRows(await file.text()));
  }

  // The API's refusals by row: `rows.3.price` is the file's 5th line (after the header).
  const rowErrors = new Map<number, string[]>();
  if (upload.error instanceof ProblemError) {
    for (const error of upload.error.problem.errors ?? []) {
      const match = /^rows\.(\d+)\.(\w+)$/.exec(error.path);
      if (!match) continue;
      const index = Number(match[1]);
      rowErrors.set(index, [...(rowErrors.get(index) ?? []), `${match[2]}: ${error.message}`]);
    }
  }
  const rows = parsed?.rows ?? [];
  const shown =
    rowErrors.size > 0
      ? rows.map((row, index) => ({ row, index })).filter(({ index }) => rowErrors.has(index))
      : rows.slice(0, 10).map((row, index) => ({ row, index }));

  return (
    <div className="form">
      <p className="muted">{t('import.lead')}</p>
      <div className="field">
        <label htmlFor="product-import-file">{t('import.file')}</label>
        <input
          id="product-import-file"
          type="file"
          accept=".csv,text/csv"
          onChange={(event) => void choose(event)}
        />
      </div>
      {parsed && parsed.missing.length > 0 ? (
        <p className="problem" role="alert">
          {t('import.missingColumns', { columns: parsed.missing.join(', ') })}
        </p>
      ) : null}
      {parsed && parsed.missing.length === 0 ? (
        <>
          <p>{t('import.ready', { count: rows.length, file: fileName })}</p>
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">{t('import.preview')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('import.line')}</th>
                  <th scope="col">{t('catalog.name')}</th>
                  <th scope="col">SKU</th>
                  <th scope="col" className="number">
                    {t('catalog.price')}
                  </th>
                  <th scope="col">{t('catalog.category')}</th>
                  <th scope="col">{t('import.problems')}</th>
                </tr>
              </thead>
              <tbody>
                {shown.map(({ row, index }) => (
                  <tr
                    key={`${index}-${row.sku}`}
                    className={rowErrors.has(index) ? 'row-error' : undefined}
                  >
                    <td>{index + 2}</td>
                    <td>{row.name}</td>
                    <td>
                      <code>{row.sku}</code>
                    </td>
                    <td className="number">
                      {Number.isNaN(row.price) ? '?' : formatRupiah(row.price)}
                    </td>
                    <td>{row.category ?? '–'}</td>
                    <td className="field-error">{rowErrors.get(index)?.join(' · ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <ProblemMessage error={upload.error} />
          {upload.isSuccess ? (
            <p className="success" role="status">
              {t('import.done', { count: upload.data.imported })}
            </p>
          ) : null}
          <div className="actions">
            <button
              type="button"
              className="primary"
              onClick={() => upload.mutate(rows)}
              disabled={upload.isPending || rows.length === 0 || upload.isSuccess}
            >
              {t('import.submit', { count: rows.length })}
            </button>
          </div>
        </>
      ) : null}
    </div>
  );
}
