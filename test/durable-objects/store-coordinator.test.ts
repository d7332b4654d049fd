import { evictDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { storeCoordinator } from '../../durable-objects/store-calls';

function newIdentity() {
  return { storeId: crypto.randomUUID(), companyId: crypto.randomUUID() };
}

describe('StoreCoordinator', () => {
  it('binds to its store on first use and returns the same binding afterwards', async () => {
    const identity = newIdentity();
    const stub = storeCoordinator(env, identity.storeId);
    const first = await stub.bind(identity);
    expect(first).toMatchObject({ ok: true, binding: identity });
    const again = await stub.bind(identity);
    expect(again).toEqual(first);
  });

  it('keeps the binding in durable storage across an eviction', async () => {
    const identity = newIdentity();
    const stub = storeCoordinator(env, identity.storeId);
    const first = await stub.bind(identity);
    await evictDurableObject(stub);
    const afterEviction = await storeCoordinator(env, identity.storeId).bind(identity);
    expect(afterEviction).toEqual(first);
  });

  it('refuses a store or company other than the one it is bound to', async () => {
    const identity = newIdentity();
    const stub = storeCoordinator(env, identity.storeId);
    await stub.bind(identity);
    for (const intruder of [
      { ...identity, companyId: crypto.randomUUID() },
      { ...identity, storeId: crypto.randomUUID() },
    ]) {
      const result = await stub.bind(intruder);
      expect(result).toMatchObject({
        ok: false,
        reason: 'bound_to_another_store',
        binding: identity,
      });
    }
  });

  it('gives each store its own object', async () => {
    const a = newIdentity();
    const b = { storeId: crypto.randomUUID(), companyId: a.companyId };
    expect(await storeCoordinator(env, a.storeId).bind(a)).toMatchObject({ ok: true, binding: a });
    expect(await storeCoordinator(env, b.storeId).bind(b)).toMatchObject({ ok: true, binding: b });
  });
});
