import type { ChildProcess } from 'node:child_process';
import { openSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { inject } from 'vitest';
import { seedDemoData } from '../../scripts/db/seed';
import { projectRoot } from '../../scripts/local-db/database-target';
import { launchChromium } from '../../scripts/local-stack/browser';
import {
  buildConsole,
  freePort,
  startConsoleServer,
  startWranglerDev,
  stopProcess,
  waitForHttp,
} from '../../scripts/local-stack/processes';

/**
 * The whole local stack for the console's browser tests, as `npm run dev` runs it but on the
 * test run's own database: the Worker in workerd (`wrangler dev`), the console built for
 * production and served by `vite preview` (which proxies /api to the Worker), and Debian's
 * Chromium driven by playwright-core. Logs and screenshots go to artifacts/console/ (git-ignored).
 */
export const artifactsDir = join(projectRoot, 'artifacts', 'console');

export interface ConsoleStack {
  consoleUrl: string;
  apiUrl: string;
  browser: Browser;
  stop(): Promise<void>;
}

export async function startConsoleStack(): Promise<ConsoleStack> {
  // First: without a browser nothing else is worth starting.
  const browser = await launchChromium();
  const workDir = await mkdtemp(join(tmpdir(), 'kasir-console-'));
  const children: ChildProcess[] = [];
  const stop = async () => {
    await browser.close();
    await Promise.all(children.map(stopProcess));
    await rm(workDir, { recursive: true, force: true });
  };
  try {
    await mkdir(artifactsDir, { recursive: true });
    const [apiPort, consolePort] = [await freePort(), await freePort()];
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    const consoleUrl = `http://127.0.0.1:${consolePort}`;
    const databaseUrl = inject('databaseUrl');
    await seedDemoData(databaseUrl);
    const secretsFile = join(workDir, 'secrets.env');
    await writeFile(
      secretsFile,
      `JWT_SIGNING_KEY='${inject('jwtSigningKey')}'\nJWT_VERIFY_KEYS='${inject('jwtVerifyKeys')}'\n`,
      { mode: 0o600 },
    );
    buildConsole();

    const wranglerLog = openSync(join(artifactsDir, 'wrangler.log'), 'w');
    children.push(
      startWranglerDev({
        port: apiPort,
        databaseUrl,
        proxyAddress: inject('dbProxy'),
        embedded: !process.env.DATABASE_URL,
        secretsFile,
        persistTo: join(workDir, 'wrangler'),
        extraVars: { LOG_LEVEL: 'warn', CORS_ORIGINS: consoleUrl },
        stdio: ['ignore', wranglerLog, wranglerLog],
      }),
    );
    const consoleLog = openSync(join(artifactsDir, 'console-server.log'), 'w');
    children.push(
      startConsoleServer({
        mode: 'preview',
        port: consolePort,
        apiUrl,
        stdio: ['ignore', consoleLog, consoleLog],
      }),
    );
    await waitForHttp(`${apiUrl}/health`);
    await waitForHttp(consoleUrl);
    return { consoleUrl, apiUrl, browser, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
