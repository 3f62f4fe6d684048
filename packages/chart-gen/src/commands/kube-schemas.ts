import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { kubernetesReleases, swaggerOf } from '../kube/kubernetes-releases.js';
import { kubeSchemaFile } from '../kube/schema-files.js';
import { renderStrictSchemas, strictSchemas } from '../kube/strict-schemas.js';

export const kubeSchemasGenerator = '`npx nx run chart-gen:kube-schemas`';

/**
 * `chart-gen kube-schemas [--check]`: (re)generates kube-schemas/kubernetes-<minor>.json from the
 * OpenAPI document of each pinned Kubernetes release, fetched through the Go module proxy; with
 * --check, reports the files that differ instead (exit 1). Needs Go; validation does not.
 */
export function kubeSchemasCommand(
  o: { check: boolean; out: (line: string) => void },
  swaggerFile: (release: string) => string = swaggerOf,
): number {
  let drift = 0;
  for (const [minor, release] of Object.entries(kubernetesReleases)) {
    const file = kubeSchemaFile(minor);
    const text = renderStrictSchemas(
      strictSchemas(readFileSync(swaggerFile(release), 'utf8'), release, kubeSchemasGenerator),
    );
    const current = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
    if (current === text) {
      o.out(`kube-schemas: ${minor} (${release}) up to date\n`);
      continue;
    }
    if (o.check) {
      drift++;
      o.out(
        `kube-schemas: ${file} ${current === undefined ? 'is missing' : 'differs from'} what ${release}'s OpenAPI document gives\n`,
      );
      continue;
    }
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    o.out(`kube-schemas: wrote ${file} from k8s.io/kubernetes ${release}\n`);
  }
  return drift > 0 ? 1 : 0;
}
