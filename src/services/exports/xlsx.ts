import { Zip, ZipDeflate } from 'fflate';
import type { Cell, Column, TableWriter } from './columns';
import type { PartSink } from './part-sink';

/**
 * XLSX written as it goes: the workbook is a zip (fflate's streaming Zip, ~10 KB, no Node
 * streams) of a few fixed parts and one worksheet whose rows are deflated and handed to the
 * part sink as they are produced, so a month of fifty stores never sits whole in memory. Cells
 * are inline strings or numbers; a text is never a formula in this format (formulas live in <f>),
 * so a product named `=HYPERLINK(…)` stays text here without any prefix. Dates and moments are
 * ISO text, as in the CSV.
 */

const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const relationships = 'http://schemas.openxmlformats.org/package/2006/relationships';
const officeDocument = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const prolog = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

const fixedParts = (sheetName: string): Array<[string, string]> => [
  [
    '[Content_Types].xml',
    `${prolog}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
      '</Types>',
  ],
  [
    '_rels/.rels',
    `${prolog}<Relationships xmlns="${relationships}">` +
      `<Relationship Id="rId1" Type="${officeDocument}/officeDocument" Target="xl/workbook.xml"/>` +
      '</Relationships>',
  ],
  [
    'xl/workbook.xml',
    `${prolog}<workbook xmlns="${main}" xmlns:r="${officeDocument}"><sheets>` +
      `<sheet name="${escapeXml(sheetName)}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
  ],
  [
    'xl/_rels/workbook.xml.rels',
    `${prolog}<Relationships xmlns="${relationships}">` +
      `<Relationship Id="rId1" Type="${officeDocument}/worksheet" Target="worksheets/sheet1.xml"/>` +
      '</Relationships>',
  ],
];

// Characters XML 1.0 cannot carry at all (control characters other than tab and line breaks).
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters removed.
const notXml = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function escapeXml(text: string): string {
  return text
    .replace(notXml, '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

function xlsxCell(value: Cell, column: Column | undefined): string {
  if (value === null) return '<c/>';
  if (typeof value === 'number' && column?.kind !== 'text' && Number.isFinite(value)) {
    return `<c><v>${value}</v></c>`;
  }
  return `<c t="inlineStr"><is><t xml:space="preserve">${escapeXml(String(value))}</t></is></c>`;
}

const xlsxRow = (cells: readonly Cell[], columns: readonly (Column | undefined)[]) =>
  `<row>${cells.map((cell, index) => xlsxCell(cell, columns[index])).join('')}</row>`;

export function xlsxWriter(
  sink: PartSink,
  columns: readonly Column[],
  header: string[],
  sheetName: string,
): TableWriter {
  const encoder = new TextEncoder();
  let failure: Error | null = null;
  const zip = new Zip((error, data) => {
    if (error) failure = error;
    else sink.write(data);
  });
  for (const [name, xml] of fixedParts(sheetName.slice(0, 31))) {
    const part = new ZipDeflate(name, { level: 6 });
    zip.add(part);
    part.push(encoder.encode(xml), true);
  }
  const sheet = new ZipDeflate('xl/worksheets/sheet1.xml', { level: 6 });
  zip.add(sheet);
  sheet.push(
    encoder.encode(
      `${prolog}<worksheet xmlns="${main}"><sheetData>${xlsxRow(
        header,
        header.map(() => undefined),
      )}`,
    ),
  );
  const check = () => {
    if (failure) throw failure;
  };
  return {
    async rows(rows) {
      sheet.push(encoder.encode(rows.map((row) => xlsxRow(row, columns)).join('')));
      check();
      await sink.flushFullParts();
    },
    async finish() {
      sheet.push(encoder.encode('</sheetData></worksheet>'), true);
      zip.end();
      check();
      return sink.close();
    },
  };
}
