#!/usr/bin/env node
// `nx run otlp-client:image`: builds packages/otlp-client/Dockerfile for this machine's platform
// with a Docker engine when one answers, else with buildah; prints the image's name and size.
// image/publish-image.mjs builds every release platform through the same function.
//
//   --base registry|local   base images: pulled (node:20 + distroless), or assembled from this
//                           machine's node (image/local-base.mjs). Default: registry with Docker,
//                           local with buildah (the machines here cannot pull).
//   --engine docker|buildah   --tag NAME
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { engineArgs, engineEnv, pickEngine } from './engine.mjs';
import { buildLocalBases } from './local-base.mjs';
import { hostPlatform } from './platforms.mjs';
import { writeSbom } from './sbom.mjs';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const root = join(packageDir, '..', '..');
const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
export const defaultImageTag = `localhost/otlp-client:${version}`;

function option(name) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

/** The commit the image is built from (full SHA), or 'unknown' outside a git checkout. */
export function revision() {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

/**
 * Builds the image for `platform` (default: this machine's); returns { tag, sizeBytes, engine }.
 * With `manifest`, buildah adds the image to that manifest list instead of tagging it alone;
 * `format: 'oci'` writes an OCI image (buildah keeps HEALTHCHECK only in the Docker format).
 */
export function buildImage({
  engine = pickEngine(),
  base,
  tag = defaultImageTag,
  platform = hostPlatform().platform,
  manifest,
  format = 'docker',
} = {}) {
  if (!existsSync(join(packageDir, 'dist', 'cli.js')))
    throw new Error(
      'packages/otlp-client/dist is missing: run `npx nx run otlp-client:build` (the image target does)',
    );
  const env = engineEnv();
  const useLocal = (base ?? (engine.name === 'docker' ? 'registry' : 'local')) === 'local';
  writeSbom();
  const args = [
    ...engineArgs(engine, 'build', { format, withIgnoreFile: true }),
    '-f',
    join(packageDir, 'Dockerfile'),
  ];
  args.push('--platform', platform, ...(manifest ? ['--manifest', manifest] : ['-t', tag]));
  args.push('--build-arg', `VERSION=${version}`, '--build-arg', `REVISION=${revision()}`);
  // buildah 1.28 resolves $BUILDPLATFORM to the target platform, which would look for an arm64
  // build base (and run npm under emulation); the build stage is meant to run natively.
  if (engine.name === 'buildah') args.push('--build-arg', `BUILDPLATFORM=${hostPlatform().platform}`);
  if (useLocal) {
    const bases = buildLocalBases(engine, { platform });
    args.push('--build-arg', `BUILD_IMAGE=${bases.build}`, '--build-arg', `RUNTIME_IMAGE=${bases.runtime}`);
    // The local build base carries this machine's CA bundle: pass its path on when the registry
    // is reached through a TLS-intercepting proxy (NODE_EXTRA_CA_CERTS set here).
    const ca = process.env.NODE_EXTRA_CA_CERTS;
    if (ca === '/etc/ssl/certs/ca-certificates.crt')
      args.push('--build-arg', `NODE_EXTRA_CA_CERTS=${ca}`, '--build-arg', `npm_config_cafile=${ca}`);
  }
  execFileSync(engine.cmd, [...args, root], { stdio: 'inherit', env });
  if (manifest) return { tag: manifest, engine: engine.name, platform };
  const inspect =
    engine.name === 'docker'
      ? ['image', 'inspect', tag]
      : [...engine.globalArgs, 'inspect', '--type', 'image', tag];
  const info = JSON.parse(execFileSync(engine.cmd, inspect, { encoding: 'utf8', env }));
  const sizeBytes = engine.name === 'docker' ? info[0].Size : undefined;
  return { tag, engine: engine.name, sizeBytes: sizeBytes ?? imageSize(engine, tag) };
}

/** Uncompressed size of the image's layers, as `podman images` reports it. */
export function imageSize(engine, tag) {
  const out = execFileSync(
    engine.runner.cmd,
    [...engine.runner.globalArgs, 'image', 'inspect', '--format', '{{.Size}}', tag],
    {
      encoding: 'utf8',
      env: engineEnv(),
    },
  );
  return Number(out.trim());
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const built = buildImage({
    engine: pickEngine(option('engine')),
    base: option('base'),
    tag: option('tag'),
  });
  console.log(`image ${built.tag} built with ${built.engine}: ${(built.sizeBytes / 1e6).toFixed(1)} MB`);
}
