import { gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * The console. Locally the API is reached through this server's proxy, so the console and the
 * API share an origin and the refresh cookie (SameSite=Strict, httpOnly) just works; deployed,
 * VITE_API_URL names the API (a sibling host of the same site, see the README).
 */
const apiTarget = process.env.KASIR_API_URL ?? 'http://127.0.0.1:8787';
const proxy = { '/api': { target: apiTarget }, '/health': { target: apiTarget } };

/** The budget: initial JavaScript ≤ 250 KB gzipped. Printed on every build. */
function initialJavaScriptBudget(limitKb = 250): Plugin {
  return {
    name: 'kasir-initial-js-budget',
    apply: 'build',
    generateBundle(_options, bundle) {
      const entry = Object.values(bundle).find((chunk) => chunk.type === 'chunk' && chunk.isEntry);
      if (entry?.type !== 'chunk') return;
      const initial = new Set<string>();
      const visit = (fileName: string) => {
        if (initial.has(fileName)) return;
        initial.add(fileName);
        const chunk = bundle[fileName];
        if (chunk?.type === 'chunk') for (const imported of chunk.imports) visit(imported);
      };
      visit(entry.fileName);
      let bytes = 0;
      for (const fileName of initial) {
        const chunk = bundle[fileName];
        if (chunk?.type === 'chunk') bytes += gzipSync(chunk.code).length;
      }
      const kb = bytes / 1000;
      const line = `initial JavaScript: ${kb.toFixed(1)} KB gzip over ${initial.size} file(s) (budget ${limitKb} KB)`;
      if (kb > limitKb) this.error(line);
      console.log(`\n${line}`);
    },
  };
}

export default defineConfig({
  plugins: [react(), initialJavaScriptBudget()],
  server: { host: '127.0.0.1', port: 5173, strictPort: true, proxy },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true, proxy },
  build: { outDir: 'dist', sourcemap: true, chunkSizeWarningLimit: 600 },
});
