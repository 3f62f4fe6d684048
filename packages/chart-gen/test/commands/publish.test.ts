import { createServer } from 'node:net';
import { isPlainHttpRegistry, publishCommand } from '../../src/commands/publish';
import { root } from '../helpers';

describe('chart-gen publish', () => {
  it('speaks plain HTTP to loopback registries only, unless REGISTRY_INSECURE=true', () => {
    expect(isPlainHttpRegistry('127.0.0.1:5000', {})).toBe(true);
    expect(isPlainHttpRegistry('localhost:5000/team', {})).toBe(true);
    expect(isPlainHttpRegistry('ghcr.io/otlp-kit', {})).toBe(false);
    expect(isPlainHttpRegistry('registry.internal:5000', { REGISTRY_INSECURE: 'true' })).toBe(true);
  });

  it('without a registry, says how to give one and exits 2', async () => {
    let out = '';
    const saved = process.env.REGISTRY;
    delete process.env.REGISTRY;
    try {
      const r = await publishCommand({ root, out: (s) => (out += s) });
      expect(r.code).toBe(2);
      expect(out).toMatch(/--registry or set REGISTRY/);
    } finally {
      if (saved !== undefined) process.env.REGISTRY = saved;
    }
  });

  it("names the registry and shows Helm's error when the push fails", async () => {
    // A port that was free a moment ago: nothing answers there.
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    let out = '';
    const r = await publishCommand({ root, registry: `127.0.0.1:${port}`, out: (s) => (out += s) });
    expect(r.code).toBe(1);
    expect(out).toContain(`oci://127.0.0.1:${port}/charts failed`);
    expect(out).toMatch(/connection refused|connect/i);
  });
});
