#!/usr/bin/env node
// Assembles the two base images packages/otlp-client/Dockerfile needs, for a machine that cannot
// pull any: from this machine's own node binary, the shared libraries `ldd` lists for it, and
// (for the build image) its npm. The layout follows Google's distroless Node image (/nodejs/bin/node),
// so the Dockerfile is the same whichever base it gets.
//
//   node packages/otlp-client/image/local-base.mjs [--engine buildah|docker]
//   → localhost/otlp-kit/node-runtime:20   (node + libc; no shell, no package manager)
//   → localhost/otlp-kit/node-build:20     (the same + npm and env)
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { engineArgs, engineEnv, pickEngine } from './engine.mjs';

export const localBaseImages = {
  runtime: 'localhost/otlp-kit/node-runtime:20',
  build: 'localhost/otlp-kit/node-build:20',
};

/** Absolute paths of the shared libraries (and the loader) a binary links, from ldd. */
function sharedLibraries(binary) {
  const out = execFileSync('ldd', [binary], { encoding: 'utf8' });
  const libs = [];
  for (const line of out.split('\n')) {
    const m = /=>\s*(\/\S+)/.exec(line) ?? /^\s*(\/\S+)\s+\(/.exec(line);
    if (m) libs.push(m[1]);
  }
  return libs;
}

function copyWithParents(root, file) {
  const target = join(root, file);
  mkdirSync(dirname(target), { recursive: true });
  cpSync(realpathSync(file), target);
}

function rootfs(withNpm) {
  const root = mkdtempSync(join(tmpdir(), 'otlp-base-'));
  const node = realpathSync(process.execPath);
  if (!process.version.startsWith('v20.'))
    throw new Error(`node ${process.version}: the image is for Node 20; run this with Node 20`);
  mkdirSync(join(root, 'nodejs', 'bin'), { recursive: true });
  cpSync(node, join(root, 'nodejs', 'bin', 'node'));
  const binaries = withNpm ? [node, '/usr/bin/env'] : [node];
  for (const lib of new Set(binaries.flatMap(sharedLibraries))) copyWithParents(root, lib);
  mkdirSync(join(root, 'etc'), { recursive: true });
  // Users as in distroless (root, nonroot 65532) plus the chart's 10001.
  writeFileSync(
    join(root, 'etc', 'passwd'),
    'root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\notlp:x:10001:10001:otlp:/tmp:/sbin/nologin\n',
  );
  writeFileSync(join(root, 'etc', 'group'), 'root:x:0:\nnonroot:x:65532:\notlp:x:10001:\n');
  writeFileSync(join(root, 'etc', 'nsswitch.conf'), 'hosts: files dns\n');
  for (const dir of ['tmp', 'home/nonroot']) mkdirSync(join(root, dir), { recursive: true });
  chmodSync(join(root, 'tmp'), 0o1777);
  try {
    copyWithParents(root, '/etc/ssl/certs/ca-certificates.crt');
  } catch {
    // No system CA bundle: node's own bundled CAs still verify public upstreams.
  }
  if (withNpm) {
    mkdirSync(join(root, 'usr', 'bin'), { recursive: true });
    cpSync('/usr/bin/env', join(root, 'usr', 'bin', 'env'));
    const npmDir = realpathSync(
      join(
        dirname(realpathSync(execFileSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' }).trim())),
        '..',
      ),
    );
    cpSync(npmDir, join(root, 'usr', 'lib', 'node_modules', 'npm'), { recursive: true });
    symlinkSync('/nodejs/bin/node', join(root, 'usr', 'bin', 'node'));
    symlinkSync('../lib/node_modules/npm/bin/npm-cli.js', join(root, 'usr', 'bin', 'npm'));
  }
  return root;
}

/** Builds both base images with `engine` (unless `reuse` and they exist); returns their names. */
export function buildLocalBases(engine = pickEngine(), { reuse = true } = {}) {
  for (const [kind, tag] of Object.entries(localBaseImages)) {
    if (reuse) {
      try {
        const inspect =
          engine.name === 'docker' ? ['image', 'inspect', tag] : ['inspect', '--type', 'image', tag];
        execFileSync(engine.cmd, [...engine.globalArgs, ...inspect], { stdio: 'ignore', env: engineEnv() });
        continue;
      } catch {
        // not there yet: build it
      }
    }
    const root = rootfs(kind === 'build');
    writeFileSync(
      join(root, '..', `${kind}.Containerfile`),
      `FROM scratch\nCOPY . /\nENV PATH=/usr/bin:/nodejs/bin\nENTRYPOINT ["/nodejs/bin/node"]\n`,
    );
    try {
      execFileSync(
        engine.cmd,
        [...engineArgs(engine, 'build'), '-f', join(root, '..', `${kind}.Containerfile`), '-t', tag, root],
        { stdio: 'inherit', env: engineEnv() },
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
      rmSync(join(root, '..', `${kind}.Containerfile`), { force: true });
    }
  }
  return localBaseImages;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const i = process.argv.indexOf('--engine');
  buildLocalBases(pickEngine(i > 0 ? process.argv[i + 1] : undefined), { reuse: false });
}
