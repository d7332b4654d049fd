/**
 * The summary table of `npm run bench:day`: every figure beside the goal issue 11 sets for it.
 */
import type { LatencySummary } from './bench-http';
import type { CheckResult } from './seed-day-checks';
import type { fullRefresh } from './seed-day-refresh';

/** Statements the proxy counted for one request measured alone. */
export interface Counted {
  statements: number;
  /** Opened during the request; a store whose object holds a warm connection opens none. */
  connections: number;
  ms: number;
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
export const sec = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
export const rate = (value: number) => `${value.toFixed(1)} sales/s`;

export interface SummaryInput {
  /** The options the run used that the goals depend on. */
  batch: number;
  products: number;
  setupMs: number;
  day: {
    sales: number;
    ms: number;
    salesPerSecond: number;
    batch: LatencySummary;
    online: LatencySummary;
  };
  daySent: number;
  ratio: number | undefined;
  raw: { salesPerSecond: number } | undefined;
  rawSkipped: string;
  freshBatch: Counted | undefined;
  resendCounted: Counted | undefined;
  onlineCounted: Counted | undefined;
  tillCount: number;
  burstResult: { salesPerSecond: number; latency: LatencySummary };
  refresh: Awaited<ReturnType<typeof fullRefresh>>;
  allChecks: CheckResult[];
}

export function printSummary(input: SummaryInput): void {
  const rows: Array<[string, string, string, string]> = [];
  const verdict = (pass: boolean | undefined) =>
    pass === undefined ? 'not measured' : pass ? 'PASS' : 'FAIL';
  const latency = (summary: LatencySummary) =>
    `p50 ${summary.p50.toFixed(0)} / p95 ${summary.p95.toFixed(0)} / p99 ${summary.p99.toFixed(0)} ms`;
  const scaleNote = (actual: number, goal: number, unit: string) =>
    actual === goal ? '' : ` (goal is for ${goal} ${unit}; ran ${actual})`;

  rows.push(['set-up', sec(input.setupMs), '', '']);
  rows.push([
    'seed day',
    `${input.day.sales}/${input.daySent} sales in ${sec(input.day.ms)}, ${rate(input.day.salesPerSecond)}`,
    '',
    '',
  ]);
  rows.push(['batch request', latency(input.day.batch), '', '']);
  rows.push(['online sale request', latency(input.day.online), '', '']);
  rows.push(['raw insert', input.raw ? rate(input.raw.salesPerSecond) : input.rawSkipped, '', '']);
  rows.push([
    'seed day / raw insert',
    input.ratio === undefined ? 'not measured' : `${(input.ratio * 100).toFixed(1)}%`,
    '≥ 25%',
    verdict(input.ratio === undefined ? undefined : input.ratio >= 0.25),
  ]);
  const statements = (counted: Counted | undefined) =>
    counted
      ? `${counted.statements} statements, ${counted.connections} new connection(s)`
      : 'not available';
  rows.push([
    `statements: batch of ${input.batch}`,
    statements(input.freshBatch),
    '≤ 20',
    verdict(input.freshBatch && input.freshBatch.statements <= 20),
  ]);
  rows.push([
    'statements: resend',
    statements(input.resendCounted),
    '≤ 5',
    verdict(input.resendCounted && input.resendCounted.statements <= 5),
  ]);
  rows.push([
    'statements: online sale',
    statements(input.onlineCounted),
    '≤ 8 on one connection',
    verdict(
      input.onlineCounted &&
        input.onlineCounted.statements <= 8 &&
        // 0: the store's object was warm and the Worker opened none.
        input.onlineCounted.connections <= 1,
    ),
  ]);
  rows.push([
    `online burst, ${input.tillCount} tills`,
    `${rate(input.burstResult.salesPerSecond)}, p99 ${input.burstResult.latency.p99.toFixed(0)} ms`,
    `≥ 200 sales/s, p99 ≤ 300 ms${scaleNote(input.tillCount, 64, 'tills')}`,
    verdict(input.burstResult.salesPerSecond >= 200 && input.burstResult.latency.p99 <= 300),
  ]);
  rows.push([
    `full refresh, ${input.refresh.products} products`,
    `${input.refresh.ms.toFixed(0)} ms, ${input.refresh.pages} pages, ${kb(input.refresh.wireBytes)} ${input.refresh.encodings.join('/')}`,
    `≤ 300 ms, ≤ 200 KB gzipped${scaleNote(input.products, 5000, 'products')}`,
    verdict(
      input.refresh.ms <= 300 &&
        input.refresh.wireBytes <= 200 * 1024 &&
        input.refresh.encodings.every((encoding) => encoding === 'gzip'),
    ),
  ]);
  for (const check of input.allChecks)
    rows.push([check.name, check.detail, 'invariant', verdict(check.pass)]);

  console.log('| figure | value | goal | result |');
  console.log('| --- | --- | --- | --- |');
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
}
