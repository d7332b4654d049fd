import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import type { Hono } from 'hono';
import type { AppEnv, Env } from '../../src/env';
import { checkContract } from './contract';

export const baseUrl = 'http://kasir.test';

/**
 * A request through the deployed Worker's own fetch handler, as a client would send it. Every
 * answer is checked against the OpenAPI document (test/support/contract.ts).
 */
export async function request(path: string, init?: RequestInit): Promise<Response> {
  const sent = new Request(new URL(path, baseUrl), init);
  const startedAt = performance.now();
  let response: Response;
  try {
    response = await exports.default.fetch(sent.clone());
  } catch (error) {
    for (const observe of requestObservers) observe(sent, 0, performance.now() - startedAt);
    throw error;
  }
  for (const observe of requestObservers) {
    observe(sent, response.status, performance.now() - startedAt);
  }
  await checkContract(sent, response);
  return response;
}

/**
 * Who watches every request of `request()` (the soak counts them): its status (0 when it failed
 * without an answer) and how long the Worker took to answer.
 */
export const requestObservers = new Set<(sent: Request, status: number, ms: number) => void>();

/**
 * A request to an app built in the test (the real createApp() plus routes the test adds), with
 * the test's bindings and an execution context whose waitUntil work is awaited.
 */
export async function requestApp(
  app: Hono<AppEnv>,
  path: string,
  init?: RequestInit,
  bindings: Partial<Env> = {},
): Promise<Response> {
  const ctx = createExecutionContext();
  const sent = new Request(new URL(path, baseUrl), init);
  const response = await app.fetch(sent.clone(), { ...env, ...bindings }, ctx);
  await waitOnExecutionContext(ctx);
  await checkContract(sent, response);
  return response;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code: string;
  requestId: string;
  errors?: Array<{ path: string; code: string; message: string }>;
  /** Extension members (RFC 9457), e.g. `retryable`, `current`. */
  [extension: string]: unknown;
}

export async function readProblem(response: Response): Promise<Problem> {
  if (!response.headers.get('Content-Type')?.startsWith('application/problem+json')) {
    throw new Error(`expected problem+json, got ${response.headers.get('Content-Type')}`);
  }
  return response.json<Problem>();
}
