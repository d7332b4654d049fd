import * as z from 'zod';

/** The health answer, after the IETF health-check draft: `pass` with 200, `fail` with 503. */
const environment = z.enum(['development', 'test', 'staging', 'production']);
const service = z.string().meta({ example: 'kasir-edge' });
const serviceVersion = z.string().meta({ example: '1.4.0' });
const latencyMs = z.int().min(0).meta({ description: 'Time the database check took' });

export const healthPassSchema = z
  .object({
    status: z.literal('pass'),
    service,
    version: serviceVersion,
    environment,
    database: z.object({
      status: z.literal('pass'),
      latencyMs,
      migrationsApplied: z.int().min(0),
    }),
  })
  .meta({ id: 'HealthPass' });

export const healthFailSchema = z
  .object({
    status: z.literal('fail'),
    service,
    version: serviceVersion,
    environment,
    database: z.object({ status: z.literal('fail'), latencyMs }),
  })
  .meta({ id: 'HealthFail' });
