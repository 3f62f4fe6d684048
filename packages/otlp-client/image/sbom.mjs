// The image's software bill of materials: CycloneDX JSON of otlp-client and its production
// dependencies (what the image's build stage installs), written by @cyclonedx/cyclonedx-npm from
// the lockfile's tree. It ships inside the image at /app/sbom.cdx.json and beside it in the
// release (packages/otlp-client/build/).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const root = join(packageDir, '..', '..');
export const sbomFile = join(packageDir, 'build', 'sbom.cdx.json');

/** Writes the SBOM; returns `{ file, components }`. */
export function writeSbom() {
  mkdirSync(dirname(sbomFile), { recursive: true });
  // The package exports nothing but its command, which npm links into node_modules/.bin.
  execFileSync(
    join(root, 'node_modules', '.bin', 'cyclonedx-npm'),
    [
      '--workspace',
      'packages/otlp-client',
      '--omit',
      'dev',
      '--output-reproducible',
      '--output-format',
      'JSON',
      '--output-file',
      sbomFile,
    ],
    { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const sbom = JSON.parse(readFileSync(sbomFile, 'utf8'));
  return { file: sbomFile, components: sbom.components?.length ?? 0 };
}
