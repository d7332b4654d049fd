// Tells the workers types what this Worker is, so `env` and `exports` from 'cloudflare:workers'
// (used by the tests) are typed. The project's own Env lives in src/env.ts.
import type { Env as KasirEnv } from './env';
import type * as mainModule from './index';

declare global {
  namespace Cloudflare {
    interface Env extends KasirEnv {}
    interface GlobalProps {
      mainModule: typeof mainModule;
      durableNamespaces: 'StoreCoordinator';
    }
  }
}
