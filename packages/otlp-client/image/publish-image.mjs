#!/usr/bin/env node
// `nx run otlp-client:image-publish`: builds the agent's image for every release platform and
// pushes one multi-platform index to $REGISTRY/otlp-client, tagged with the version and the commit
// (`sha-<7 hex>`), and `latest` only when asked (--latest or LATEST=true).
//
//   REGISTRY=127.0.0.1:5000 npx nx run otlp-client:image-publish
//   REGISTRY=ghcr.io/otlp-kit npx nx run otlp-client:image-publish -- --latest
//
// With a Docker engine that is `docker buildx build --push` with provenance and SBOM attestations
// (the release workflow). Without one it is buildah: one OCI image per platform (the foreign one
// from that architecture's node and Debian libraries) gathered in a manifest list and pushed as an
// OCI image index. Either way each image carries OCI labels and /app/sbom.cdx.json, and the SBOM
// and a report (`build/image-publish.json`: repository, tags, digest, platforms) are left beside.
//
//   --platforms linux/amd64,linux/arm64 ($PLATFORMS)   --engine docker|buildah   --latest
// A registry on 127.0.0.1 or localhost is spoken to over plain HTTP; REGISTRY_INSECURE=true for others.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildImage, revision } from './build-image.mjs';
import { engineEnv, pickEngine } from './engine.mjs';
import { parsePlatforms } from './platforms.mjs';
import { sbomFile, writeSbom } from './sbom.mjs';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const root = join(packageDir, '..', '..');
const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
export const reportFile = join(packageDir, 'build', 'image-publish.json');

/** Registries reached over plain HTTP: loopback ones (a test's), or any when REGISTRY_INSECURE=true. */
export function isPlainHttpRegistry(registry, env = process.env) {
  const host = registry.split('/')[0].replace(/:\d+$/, '');
  return env.REGISTRY_INSECURE === 'true' || ['127.0.0.1', 'localhost', '[::1]'].includes(host);
}

/** The tags one publish pushes: the version, the commit, and `latest` only on request. */
export function publishTags({ version: v, commit, latest }) {
  return [v, ...(commit === 'unknown' ? [] : [`sha-${commit.slice(0, 7)}`]), ...(latest ? ['latest'] : [])];
}

function publishWithBuildah(engine, { repository, tags, platforms, plainHttp }) {
  const env = engineEnv();
  const list = `localhost/otlp-client-index:${version}`;
  try {
    execFileSync(engine.cmd, [...engine.globalArgs, 'manifest', 'rm', list], { stdio: 'ignore', env });
  } catch {
    // no list left from an earlier run
  }
  execFileSync(engine.cmd, [...engine.globalArgs, 'manifest', 'create', list], { stdio: 'ignore', env });
  for (const p of platforms) {
    console.log(`\n=== ${repository}: building ${p.platform}${p.native ? '' : ' (foreign architecture)'}`);
    buildImage({ engine, platform: p.platform, manifest: list, format: 'oci' });
  }
  const work = mkdtempSync(join(tmpdir(), 'image-publish-'));
  let digest;
  try {
    for (const tag of tags) {
      const digestFile = join(work, 'digest');
      execFileSync(
        engine.cmd,
        [
          ...engine.globalArgs,
          'manifest',
          'push',
          '--all',
          '--format',
          'oci',
          ...(plainHttp ? ['--tls-verify=false'] : []),
          '--digestfile',
          digestFile,
          list,
          `docker://${repository}:${tag}`,
        ],
        { stdio: 'inherit', env },
      );
      digest = readFileSync(digestFile, 'utf8').trim();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return digest;
}

function publishWithBuildx({ repository, tags, platforms }) {
  writeSbom();
  const work = mkdtempSync(join(tmpdir(), 'image-publish-'));
  try {
    const metadata = join(work, 'metadata.json');
    execFileSync(
      'docker',
      [
        'buildx',
        'build',
        '--platform',
        platforms.map((p) => p.platform).join(','),
        '--push',
        '--provenance=mode=max',
        '--sbom=true',
        '--metadata-file',
        metadata,
        '--build-arg',
        `VERSION=${version}`,
        '--build-arg',
        `REVISION=${revision()}`,
        ...tags.flatMap((t) => ['-t', `${repository}:${t}`]),
        '-f',
        join(packageDir, 'Dockerfile'),
        root,
      ],
      { stdio: 'inherit' },
    );
    return JSON.parse(readFileSync(metadata, 'utf8'))['containerimage.digest'];
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Builds and pushes the index; returns the report it also writes to build/image-publish.json. */
export function publishImage({
  registry = process.env.REGISTRY,
  platforms = parsePlatforms(process.env.PLATFORMS),
  latest = process.env.LATEST === 'true',
  engine = pickEngine(),
} = {}) {
  if (!registry)
    throw new Error(
      'REGISTRY is not set: say where to push, e.g. `REGISTRY=127.0.0.1:5000 npx nx run otlp-client:image-publish`',
    );
  // Image references are lowercase; a GitHub owner (ghcr.io/<owner>) may not be.
  const repository = `${registry.replace(/\/+$/, '').toLowerCase()}/otlp-client`;
  const commit = revision();
  const tags = publishTags({ version, commit, latest });
  const plainHttp = isPlainHttpRegistry(registry);
  const started = Date.now();
  const digest =
    engine.name === 'docker'
      ? publishWithBuildx({ repository, tags, platforms })
      : publishWithBuildah(engine, { repository, tags, platforms, plainHttp });
  const report = {
    repository,
    tags,
    digest,
    platforms: platforms.map((p) => p.platform),
    version,
    revision: commit,
    sbom: sbomFile,
    engine: engine.name,
    seconds: Math.round((Date.now() - started) / 1000),
  };
  writeFileSync(reportFile, JSON.stringify(report, null, 2) + '\n');
  return report;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const i = process.argv.indexOf('--platforms');
  const e = process.argv.indexOf('--engine');
  try {
    const report = publishImage({
      ...(i > 0 ? { platforms: parsePlatforms(process.argv[i + 1]) } : {}),
      ...(e > 0 ? { engine: pickEngine(process.argv[e + 1]) } : {}),
      ...(process.argv.includes('--latest') ? { latest: true } : {}),
    });
    console.log(
      `\npushed ${report.repository}@${report.digest} (${report.platforms.join(', ')}) as ${report.tags
        .map((t) => `:${t}`)
        .join(' ')} in ${report.seconds} s; SBOM ${report.sbom}`,
    );
  } catch (err) {
    console.error(`image-publish: ${err.message}`);
    process.exit(1);
  }
}
