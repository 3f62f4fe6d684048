import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The Kubernetes release whose OpenAPI document defines each minor the chart is validated
 * against (chartMetadata.validatedKubeVersions). The newest is the release the test control plane
 * is built from (tools/cluster/versions.mjs), so the schemas and the API server agree.
 */
export const kubernetesReleases: Readonly<Record<string, string>> = {
  '1.29': 'v1.29.15',
  '1.34': 'v1.34.4',
};

/** The Go command: the machine's /usr/local/go, else go on PATH. */
const goCommand = existsSync('/usr/local/go/bin/go') ? '/usr/local/go/bin/go' : 'go';

/**
 * api/openapi-spec/swagger.json of a k8s.io/kubernetes release, from the Go module proxy (through
 * the Go module cache; GOMODCACHE and GOPROXY apply as usual).
 */
export function swaggerOf(release: string, env: NodeJS.ProcessEnv = process.env): string {
  let output: string;
  try {
    output = execFileSync(goCommand, ['mod', 'download', '-json', `k8s.io/kubernetes@${release}`], {
      encoding: 'utf8',
      env: { GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (err) {
    throw new Error(
      `could not fetch k8s.io/kubernetes@${release} with ${goCommand} (the Go module proxy): ${(err as Error).message}`,
      { cause: err },
    );
  }
  const dir = (JSON.parse(output) as { Dir?: string }).Dir;
  if (!dir) throw new Error(`go mod download k8s.io/kubernetes@${release} gave no directory`);
  return join(dir, 'api', 'openapi-spec', 'swagger.json');
}
