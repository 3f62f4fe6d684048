import { mkdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, relative } from 'node:path';
import { chartMetadata } from '../chart-metadata.js';
import { chartDir } from '../generate/chart-files.js';
import { helm } from '../helm/helm.js';

export interface PublishCommandOptions {
  root: string;
  /** Registry host (and optional namespace): the chart goes to oci://<registry>/charts. */
  registry?: string;
  /** Speak plain HTTP (default: for 127.0.0.1 / localhost registries, or REGISTRY_INSECURE=true). */
  plainHttp?: boolean;
  out: (s: string) => void;
}

export interface PublishReport {
  reference: string;
  version: string;
  digest: string;
  package: string;
}

/** Registries on the loopback interface are a test's or a developer's: no TLS there. */
export function isPlainHttpRegistry(registry: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const host = registry.split('/')[0].replace(/:\d+$/, '');
  return env.REGISTRY_INSECURE === 'true' || ['127.0.0.1', 'localhost', '[::1]'].includes(host);
}

/**
 * `chart-gen publish` (the Nx target chart-gen:chart-publish): `helm package` of the generated chart
 * (with values.schema.json, README and dashboard) and `helm push` to oci://$REGISTRY/charts.
 * Writes dist/charts/chart-publish.json for whoever installs it next.
 */
export async function publishCommand(
  o: PublishCommandOptions,
): Promise<{ code: number; report?: PublishReport }> {
  // OCI references are lowercase; a GitHub owner (ghcr.io/<owner>) may not be.
  const registry = (o.registry ?? process.env.REGISTRY)?.replace(/\/+$/, '').toLowerCase();
  if (!registry) {
    o.out(
      'chart-gen publish: no registry: pass --registry or set REGISTRY, e.g. `REGISTRY=127.0.0.1:5000 npx nx run chart-gen:chart-publish`\n',
    );
    return { code: 2 };
  }
  const helm4 = helm(o.root, 4);
  const dest = join(o.root, 'dist', 'charts');
  mkdirSync(dest, { recursive: true });
  const packaged = await helm4.run(['package', join(o.root, chartDir), '--destination', dest]);
  if (packaged.code !== 0) {
    o.out(`helm package failed:\n${packaged.stderr}`);
    return { code: 1 };
  }
  const tgz = join(dest, `${chartMetadata.name}-${chartMetadata.version}.tgz`);
  const plainHttp = o.plainHttp ?? isPlainHttpRegistry(registry);
  // Credentials are the user's own Helm registry login (the release workflow runs `helm registry
  // login`), not the scratch Helm home chart-gen's other Helm runs use.
  const registryConfig =
    process.env.HELM_REGISTRY_CONFIG ?? join(homedir(), '.config', 'helm', 'registry', 'config.json');
  const remote = `oci://${registry}/charts`;
  const pushed = await helm4.run([
    'push',
    tgz,
    remote,
    '--registry-config',
    registryConfig,
    ...(plainHttp ? ['--plain-http'] : []),
  ]);
  if (pushed.code !== 0) {
    o.out(`helm push ${relative(o.root, tgz)} ${remote} failed:\n${pushed.stderr}`);
    return { code: 1 };
  }
  const digest = /Digest:\s*(sha256:[0-9a-f]{64})/.exec(pushed.stdout + pushed.stderr)?.[1] ?? '';
  const report: PublishReport = {
    reference: `${remote}/${chartMetadata.name}`,
    version: chartMetadata.version,
    digest,
    package: relative(o.root, tgz),
  };
  writeFileSync(join(dest, 'chart-publish.json'), JSON.stringify(report, null, 2) + '\n');
  o.out(
    `pushed ${report.reference}:${report.version}${digest ? `@${digest}` : ''}\n` +
      `  install: helm install otlp ${report.reference} --version ${report.version}${plainHttp ? ' --plain-http' : ''}\n`,
  );
  return { code: 0, report };
}
