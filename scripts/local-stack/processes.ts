import { type ChildProcess, type StdioOptions, spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { projectRoot } from '../local-db/database-target';

/**
 * The two long-running processes of the local stack, shared by `npm run dev` and the console's
 * browser tests: the Worker in workerd (`wrangler dev`) and the console's Vite server, which
 * proxies /api to the Worker so that the console and the API share an origin.
 */
export interface WranglerDevOptions {
  port: number;
  databaseUrl: string;
  proxyAddress: string;
  /** The embedded Postgres serves one connection at a time: no store object may keep one. */
  embedded: boolean;
  /** JWT keys and other secrets, as an env file (wrangler shows them as "(hidden)"). */
  secretsFile: string;
  persistTo: string;
  extraVars?: Record<string, string>;
  stdio?: StdioOptions;
}

export function startWranglerDev(options: WranglerDevOptions): ChildProcess {
  const vars = {
    DATABASE_URL: options.databaseUrl,
    DB_PROXY: options.proxyAddress,
    ...(options.embedded ? { DB_KEEP_WARM_MS: '0' } : {}),
    ...options.extraVars,
  };
  return spawn(
    'wrangler',
    [
      'dev',
      '--ip',
      '127.0.0.1',
      '--port',
      String(options.port),
      '--persist-to',
      options.persistTo,
      '--test-scheduled',
      '--env-file',
      options.secretsFile,
      ...Object.entries(vars).flatMap(([name, value]) => ['--var', `${name}:${value}`]),
    ],
    {
      cwd: projectRoot,
      stdio: options.stdio ?? 'inherit',
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
      detached: true,
    },
  );
}

export interface ConsoleServerOptions {
  /** `dev` serves the sources with hot reload; `preview` serves console/dist (built). */
  mode: 'dev' | 'preview';
  port: number;
  apiUrl: string;
  stdio?: StdioOptions;
}

export function startConsoleServer(options: ConsoleServerOptions): ChildProcess {
  return spawn(
    'npm',
    ['run', options.mode, '-w', 'console', '--', '--port', String(options.port), '--strictPort'],
    {
      cwd: projectRoot,
      stdio: options.stdio ?? 'inherit',
      env: { ...process.env, KASIR_API_URL: options.apiUrl },
      detached: true,
    },
  );
}

/** Resolves once `url` answers (any status), or rejects after `timeoutMs`. */
export async function waitForHttp(url: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await fetch(url);
      return;
    } catch (error) {
      if (Date.now() > deadline)
        throw new Error(`${url} did not answer in ${timeoutMs} ms`, { cause: error });
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/**
 * Ends a child and everything it started, and waits for it: SIGINT first, as a person pressing
 * Ctrl-C would, then SIGKILL. The children above are started `detached`, each the leader of its
 * own process group, so `npm run …` does not leave its `vite` or `workerd` behind.
 */
export async function stopProcess(child: ChildProcess | undefined): Promise<void> {
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
  const group = -child.pid;
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(group, signal);
    } catch {
      // The group is gone already.
    }
  };
  const exited = new Promise((resolve) => child.once('exit', resolve));
  signalGroup('SIGINT');
  const timer = setTimeout(() => signalGroup('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
  // What the leader left behind (npm exits before its script's process has).
  signalGroup('SIGTERM');
}

/** A TCP port nobody listens on right now, for a server started next. */
export function freePort(): Promise<number> {
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

/** The console as deployed: a production build (same-origin API, so VITE_API_URL empty). */
export function buildConsole(): void {
  const build = spawnSync('npm', ['run', 'build', '-w', 'console'], {
    cwd: projectRoot,
    encoding: 'utf8',
    env: { ...process.env, VITE_API_URL: '' },
  });
  if (build.status !== 0) {
    throw new Error(`console build failed:\n${build.stdout}\n${build.stderr}`);
  }
}
