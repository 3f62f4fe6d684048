import { mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { chartMetadata } from '../chart-metadata.js';
import { chartDir } from '../generate/chart-files.js';
import { helm } from '../helm/helm.js';
import { generate } from './generate.js';
import { validateCommand } from './validate.js';

/**
 * `npm start`, the README's main job: generate the chart and schemas, validate every values case
 * with Helm 4 and 3, Kubernetes schemas and policy-lint, package the chart, and say what happened.
 */
export async function startCommand(root: string, out: (s: string) => void): Promise<number> {
  const started = performance.now();
  const files = generate(root);
  const generatedMs = performance.now() - started;
  out(`generated ${files.length} files in ${generatedMs.toFixed(0)} ms: ${chartDir}/ and schemas/\n\n`);
  const { code, reports } = await validateCommand({ root, out });
  if (code !== 0) {
    out('\nvalidation failed: the chart was not packaged\n');
    return code;
  }
  const dest = join(root, 'dist', 'charts');
  mkdirSync(dest, { recursive: true });
  const pkg = await helm(root, 4).run(['package', join(root, chartDir), '--destination', dest]);
  if (pkg.code !== 0) {
    out(`helm package failed:\n${pkg.stderr}`);
    return 1;
  }
  const tgz = join(dest, `${chartMetadata.name}-${chartMetadata.version}.tgz`);
  const objects = reports
    .map((r) => `${r.values}: ${Object.values(r.objects).reduce((a, b) => a + b, 0)} objects`)
    .join(', ');
  out(
    `\nsummary: ${objects}; every check passed\n` +
      `  chart:    ${chartDir}/ (install: helm install otlp ${chartDir} -n observability --create-namespace)\n` +
      `  package:  ${relative(root, tgz)}\n` +
      `  schemas:  schemas/otlp-client-values.schema.json, schemas/otlp-client-config.schema.json\n` +
      `  took ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
  );
  return 0;
}
