import { Liquid, LiquidError, type Template } from 'liquidjs';
import type { ShiftReport } from '../shifts/shift-report';
import {
  defaultHtmlTemplate,
  defaultTextTemplate,
  shiftReportHtmlTemplate,
  shiftReportTextTemplate,
} from './default-templates';
import { fitToWidth, registerReceiptFilters } from './filters';
import type { ReceiptData } from './receipt-data';
import { sampleReceiptData } from './sample-data';

/**
 * Receipts from Liquid templates, inside a Worker: no file system (include/render/layout find
 * nothing), strict variables and filters (a typo fails loudly instead of printing nothing), and
 * limits against templates that try to exhaust the isolate. HTML output escapes every `{{ }}`.
 *
 * A template's header and footer are Liquid snippets rendered as plain text (they may use the
 * receipt variables, e.g. `{{ store.name }}`), then handed to the body as lines; the HTML body
 * escapes them like any other value, so a header can never inject markup.
 */

export type ReceiptFormat = 'html' | 'text';
export type ReceiptWidth = 32 | 48;

export interface ReceiptTemplateInput {
  /** A whole HTML body; the built-in one when absent. */
  html?: string;
  /** A whole plain-text body; the built-in one when absent. */
  text?: string;
  header?: string;
  footer?: string;
  showNpwp?: boolean;
  showCashier?: boolean;
}

export interface RenderOptions {
  format: ReceiptFormat;
  width: ReceiptWidth;
}

export const defaultFooter = 'Terima kasih';

/** Paper width in mm → text columns. */
export function columnsForPaper(paperWidthMm: number): ReceiptWidth {
  return paperWidthMm >= 80 ? 48 : 32;
}

function engine(format: ReceiptFormat): Liquid {
  const liquid = new Liquid({
    outputEscape: format === 'html' ? 'escape' : undefined,
    strictFilters: true,
    strictVariables: true,
    ownPropertyOnly: true,
    // 0 and '' are false, as in JavaScript: `{% if totals.rounding %}` reads naturally.
    jsTruthy: true,
    // A tag on a line of its own leaves no line behind.
    trimTagLeft: true,
    trimTagRight: true,
    greedy: false,
    // Nothing is ever looked up outside the template itself.
    templates: {},
    parseLimit: 100_000,
    renderLimit: 1_000,
    memoryLimit: 10_000_000,
  });
  registerReceiptFilters(liquid);
  return liquid;
}

const engines: Record<ReceiptFormat, Liquid> = { html: engine('html'), text: engine('text') };

/** Parsed templates by source, per engine: the built-in bodies are parsed once per isolate. */
const parsed: Record<ReceiptFormat, Map<string, Template[]>> = { html: new Map(), text: new Map() };
const maxParsed = 200;

function parse(format: ReceiptFormat, source: string): Template[] {
  const cache = parsed[format];
  let templates = cache.get(source);
  if (!templates) {
    templates = engines[format].parse(source);
    if (cache.size >= maxParsed) cache.clear();
    cache.set(source, templates);
  }
  return templates;
}

/** A header/footer snippet's lines: trailing blanks trimmed, blank lines at either end dropped. */
function linesOf(rendered: string): string[] {
  const lines = rendered.split(/\r?\n/).map((line) => line.trimEnd());
  while (lines.length > 0 && lines[0] === '') lines.shift();
  while (lines.length > 0 && lines.at(-1) === '') lines.pop();
  return lines;
}

/**
 * A header/footer snippet's lines. `strictVariables: false` prints nothing for a variable the data
 * lacks instead of failing (the engine is strict otherwise).
 */
async function renderSnippet(
  source: string,
  scope: object,
  strictVariables?: boolean,
): Promise<string[]> {
  if (!source.trim()) return [];
  const rendered = await engines.text.render(
    parse('text', source),
    scope,
    strictVariables === undefined ? undefined : { strictVariables },
  );
  return linesOf(String(rendered));
}

/**
 * Renders one of `bodies` (by format) with the data, the template's header, footer and show*
 * switches, the width and the format; a text body is fitted to the width and ends in one newline.
 * Exported for the other built-in documents (kitchen tickets) so they share this engine.
 */
export async function renderWith(
  bodies: { html: string; text: string },
  template: ReceiptTemplateInput | undefined,
  data: object,
  options: RenderOptions,
  snippetStrictVariables?: boolean,
): Promise<string> {
  const base = { ...data, width: options.width, format: options.format };
  const scope = {
    ...base,
    header: await renderSnippet(template?.header ?? '', base, snippetStrictVariables),
    footer: await renderSnippet(template?.footer ?? defaultFooter, base, snippetStrictVariables),
    showNpwp: template?.showNpwp ?? true,
    showCashier: template?.showCashier ?? true,
  };
  if (options.format === 'html') {
    return String(await engines.html.render(parse('html', bodies.html), scope));
  }
  const text = fitToWidth(
    String(await engines.text.render(parse('text', bodies.text), scope)),
    options.width,
  );
  return `${text.replace(/\n+$/, '')}\n`;
}

export async function renderReceipt(
  template: ReceiptTemplateInput | undefined,
  data: ReceiptData,
  options: RenderOptions,
): Promise<string> {
  return renderWith(
    { html: template?.html ?? defaultHtmlTemplate, text: template?.text ?? defaultTextTemplate },
    template,
    data,
    options,
  );
}

/**
 * The shift report (X or Z) in the built-in shift bodies: a company's own receipt bodies
 * (`html`, `text`) are for receipts and are not used, but its header, footer and showNpwp are.
 * Header and footer were checked against a receipt when saved (checkTemplate), so here a
 * variable only a receipt has (`transaction.number`, `store.address`) prints nothing rather
 * than failing the report.
 */
export async function renderShiftReport(
  template: ReceiptTemplateInput | undefined,
  report: ShiftReport,
  options: RenderOptions,
): Promise<string> {
  return renderWith(
    { html: shiftReportHtmlTemplate, text: shiftReportTextTemplate },
    template,
    report,
    options,
    false,
  );
}

// ---------------------------------------------------------------------------------------------
// Checking templates people send

export type TemplateField = 'header' | 'footer' | 'htmlTemplate' | 'textTemplate';

export interface TemplateProblem {
  field: TemplateField;
  line: number;
  reason: string;
}

function problemOf(field: TemplateField, error: unknown): TemplateProblem {
  if (error instanceof LiquidError) {
    const [line] = error.token?.getPosition?.() ?? [1];
    // The engine's message ends with ", line:3, col:1"; the line is reported on its own.
    const reason = error.message.split('\n')[0]?.replace(/,\s*line:\d+,\s*col:\d+$/, '') ?? '';
    return { field, line: line ?? 1, reason };
  }
  return { field, line: 1, reason: error instanceof Error ? error.message : String(error) };
}

/**
 * Parses a template field and renders it once with the sample sale, so a syntax error, an unknown
 * filter or a misspelt variable is refused when saved, not at the till. Undefined when it is fine.
 */
export async function checkTemplate(
  field: TemplateField,
  source: string,
): Promise<TemplateProblem | undefined> {
  try {
    if (field === 'header' || field === 'footer') {
      await renderReceipt({ [field]: source }, sampleReceiptData(), { format: 'text', width: 32 });
    } else if (field === 'htmlTemplate') {
      await renderReceipt({ html: source }, sampleReceiptData(), { format: 'html', width: 32 });
    } else {
      await renderReceipt({ text: source }, sampleReceiptData(), { format: 'text', width: 32 });
    }
    return undefined;
  } catch (error) {
    return problemOf(field, error);
  }
}
