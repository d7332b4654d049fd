/**
 * `npm run bench:console` (with `npm run dev` running): how soon an owner sees today's figures.
 * Builds the console for production, serves it with `vite preview` (proxying /api to the running
 * Worker), and in Debian's Chromium, RUNS times each:
 *   - sign-in: from pressing "Masuk" on the sign-in page to the sales figure of *Hari ini*;
 *   - reload: from reloading /today (session through the refresh cookie) to the same figure.
 * Prints the median and the slowest against the goal (ready in under 1 s on the local stack).
 *
 * Options (environment): RUNS=5, BASE_URL=http://127.0.0.1:8787, LOGIN=pemilik@kopinusantara.test.
 */
import type { ChildProcess } from 'node:child_process';
import { demoPassword } from '../db/demo-data';
import { launchChromium } from '../local-stack/browser';
import {
  buildConsole,
  freePort,
  startConsoleServer,
  stopProcess,
  waitForHttp,
} from '../local-stack/processes';

const runs = Number(process.env.RUNS ?? 5);
const apiUrl = process.env.BASE_URL ?? 'http://127.0.0.1:8787';
const login = process.env.LOGIN ?? 'pemilik@kopinusantara.test';
const goalMs = 1000;

function summary(name: string, samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
  const slowest = sorted.at(-1) ?? Number.NaN;
  const verdict = slowest < goalMs ? 'met' : 'MISSED';
  return `${name.padEnd(8)} median ${median.toFixed(0).padStart(5)} ms   slowest ${slowest.toFixed(0).padStart(5)} ms   goal < ${goalMs} ms: ${verdict}`;
}

await waitForHttp(`${apiUrl}/health`, 5_000).catch(() => {
  console.error(`No API at ${apiUrl}: start \`npm run dev\` first.`);
  process.exit(1);
});
buildConsole();
const port = await freePort();
let server: ChildProcess | undefined;
const browser = await launchChromium();
try {
  server = startConsoleServer({ mode: 'preview', port, apiUrl, stdio: 'ignore' });
  const consoleUrl = `http://127.0.0.1:${port}`;
  await waitForHttp(consoleUrl);
  const signIn: number[] = [];
  const reload: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${consoleUrl}/login`);
    await page.getByLabel('E-mail atau nomor HP').fill(login);
    await page.getByLabel('Kata sandi').fill(demoPassword);
    const figure = page.getByTestId('today-sales');
    let startedAt = performance.now();
    await page.getByRole('button', { name: 'Masuk' }).click();
    await figure.filter({ hasText: /^Rp/ }).waitFor();
    signIn.push(performance.now() - startedAt);

    startedAt = performance.now();
    await page.reload();
    await figure.filter({ hasText: /^Rp/ }).waitFor();
    reload.push(performance.now() - startedAt);
    await context.close();
  }
  console.log(
    `\nThe owner's dashboard (${login}, ${runs} runs, a phone-sized window, production build)`,
  );
  console.log(summary('sign-in', signIn));
  console.log(summary('reload', reload));
} finally {
  await browser.close();
  await stopProcess(server);
}
