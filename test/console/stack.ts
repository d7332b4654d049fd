import { spawnSync } from 'node:child_process';
import { existsSync, openSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { inject } from 'vitest';
import { seedDemoData } from '../../scripts/db/seed';
import { projectRoot } from '../../scripts/local-db/database-target';
import {
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

/** The browser: CHROMIUM_PATH, or Debian's package (`apt-get install chromium`). */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface ConsoleStack {
  consoleUrl: string;
  apiUrl: string;
  browser: Browser;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

export async function startConsoleStack(): Promise<ConsoleStack> {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `No Chromium at ${chromiumPath}: apt-get install chromium, or set CHROMIUM_PATH`,
    );
  }
  await mkdir(artifactsDir, { recursive: true });
  const workDir = await mkdtemp(join(tmpdir(), 'kasir-console-'));
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

  const build = spawnSync('npm', ['run', 'build', '-w', 'console'], {
    cwd: projectRoot,
    encoding: 'utf8',
    env: { ...process.env, VITE_API_URL: '' },
  });
  if (build.status !== 0)
    throw new Error(`console build failed:\n${build.stdout}\n${build.stderr}`);

  const wranglerLog = openSync(join(artifactsDir, 'wrangler.log'), 'w');
  const wrangler = startWranglerDev({
    port: apiPort,
    databaseUrl,
    proxyAddress: inject('dbProxy'),
    embedded: !process.env.DATABASE_URL,
    secretsFile,
    persistTo: join(workDir, 'wrangler'),
    extraVars: { LOG_LEVEL: 'warn', CORS_ORIGINS: consoleUrl },
    stdio: ['ignore', wranglerLog, wranglerLog],
  });
  const consoleLog = openSync(join(artifactsDir, 'console-server.log'), 'w');
  const consoleServer = startConsoleServer({
    mode: 'preview',
    port: consolePort,
    apiUrl,
    stdio: ['ignore', consoleLog, consoleLog],
  });
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const stop = async () => {
    await browser.close();
    await Promise.all([stopProcess(consoleServer), stopProcess(wrangler)]);
    await rm(workDir, { recursive: true, force: true });
  };
  try {
    await waitForHttp(`${apiUrl}/health`);
    await waitForHttp(consoleUrl);
  } catch (error) {
    await stop();
    throw error;
  }
  return { consoleUrl, apiUrl, browser, stop };
}
