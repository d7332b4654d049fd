import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import worker from '../../src/index';
import { type JobHandler, jobHandlers, retryDelaySeconds } from '../../src/queues/jobs';

const registry = jobHandlers as Record<string, JobHandler>;

afterEach(() => {
  delete registry['test.succeeds'];
  delete registry['test.fails'];
  vi.restoreAllMocks();
});

async function deliver(bodies: unknown[], attempts = 1) {
  const batch = createMessageBatch(
    'kasir-jobs',
    bodies.map((body, index) => ({
      id: `message-${index}`,
      timestamp: new Date(),
      attempts,
      body,
    })),
  );
  const ctx = createExecutionContext();
  await worker.queue(batch, env);
  return getQueueResult(batch, ctx);
}

describe('the JOBS consumer', () => {
  it('acks what its handler finished and retries what failed, message by message', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const handled: unknown[] = [];
    registry['test.succeeds'] = async (message) => {
      handled.push(message);
    };
    registry['test.fails'] = async () => {
      throw new Error('downstream unavailable');
    };

    const result = await deliver([{ type: 'test.succeeds', n: 1 }, { type: 'test.fails' }]);
    expect(handled).toEqual([{ type: 'test.succeeds', n: 1 }]);
    expect(result.explicitAcks).toEqual(['message-0']);
    expect(result.retryMessages.map((retry) => retry.msgId)).toEqual(['message-1']);
  });

  it('retries a message no handler knows, so it ends in the dead-letter queue, not silently acked', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const result = await deliver([{ type: 'no.such.job' }, 'not even an object'], 3);
    expect(result.explicitAcks).toEqual([]);
    expect(result.retryMessages.map((retry) => retry.msgId)).toEqual(['message-0', 'message-1']);
    expect(errors).toHaveBeenCalled();
  });

  it('backs off exponentially up to ten minutes', () => {
    expect([1, 2, 3, 4, 10, 20].map(retryDelaySeconds)).toEqual([10, 20, 40, 80, 600, 600]);
  });
});
