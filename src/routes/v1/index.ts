import { Hono } from 'hono';
import type { AppEnv } from '../../env';
import { appName, appVersion } from '../../lib/app-info';
import { languages } from '../../lib/i18n';

/** Version 1 of the API. Each resource is a sub-app mounted here with `.route()`. */
export const v1Routes = new Hono<AppEnv>().get('/', (c) =>
  c.json({
    name: appName,
    version: appVersion,
    apiVersion: 'v1',
    environment: c.env.ENVIRONMENT,
    serverTime: new Date().toISOString(),
    languages,
    errors: 'application/problem+json',
  }),
);
