#!/usr/bin/env node
// Assembles the two base images packages/otlp-client/Dockerfile needs, for a machine that cannot
// pull any. The build base (node, npm, env) is this machine's own node and the shared libraries
// `ldd` lists for it; it runs the build stage on the build platform. The runtime base (node and
// its libraries; no shell, no package manager) is made per target platform: for this machine's
// architecture from the same files, for another one from that architecture's Node.js binary and
// Debian libraries (image/foreign-rootfs.mjs). The layout follows Google's distroless Node image
// (/nodejs/bin/node), so the Dockerfile is the same whichever base it gets.
//
//   node packages/otlp-client/image/local-base.mjs [--engine buildah|docker] [--platform linux/arm64]
//   → localhost/otlp-kit/node-runtime:<node version>-<arch>
//   → localhost/otlp-kit/node-build:<node version>-<this machine's arch>
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
import { fillForeignRootfs } from './foreign-rootfs.mjs';
import { hostPlatform, platformInfo } from './platforms.mjs';

/** The local base images for a target platform (`linux/arm64`); the build base is always native. */
export function localBaseImages(platform = hostPlatform().platform) {
  const target = platformInfo(platform);
  const version = process.version.slice(1);
  return {
    runtime: `localhost/otlp-kit/node-runtime:${version}-${target.ociArch}`,
    build: `localhost/otlp-kit/node-build:${version}-${hostPlatform().ociArch}`,
  };
}

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

function rootfs(withNpm, target) {
  const root = mkdtempSync(join(tmpdir(), 'otlp-base-'));
  if (!process.version.startsWith('v20.'))
    throw new Error(`node ${process.version}: the image is for Node 20; run this with Node 20`);
  if (target.native) {
    const node = realpathSync(process.execPath);
    mkdirSync(join(root, 'nodejs', 'bin'), { recursive: true });
    cpSync(node, join(root, 'nodejs', 'bin', 'node'));
    const binaries = withNpm ? [node, '/usr/bin/env'] : [node];
    for (const lib of new Set(binaries.flatMap(sharedLibraries))) copyWithParents(root, lib);
  } else {
    fillForeignRootfs(root, target);
  }
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

/**
 * Builds both base images for `platform` with `engine` (unless `reuse` and they exist); returns
 * their names.
 */
export function buildLocalBases(
  engine = pickEngine(),
  { reuse = true, platform = hostPlatform().platform } = {},
) {
  const images = localBaseImages(platform);
  for (const [kind, tag] of Object.entries(images)) {
    const target = kind === 'build' ? hostPlatform() : platformInfo(platform);
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
    const root = rootfs(kind === 'build', target);
    writeFileSync(
      join(root, '..', `${kind}.Containerfile`),
      `FROM scratch\nCOPY . /\nENV PATH=/usr/bin:/nodejs/bin\nENTRYPOINT ["/nodejs/bin/node"]\n`,
    );
    try {
      execFileSync(
        engine.cmd,
        [
          ...engineArgs(engine, 'build'),
          '--platform',
          target.platform,
          '-f',
          join(root, '..', `${kind}.Containerfile`),
          '-t',
          tag,
          root,
        ],
        { stdio: 'inherit', env: engineEnv() },
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
      rmSync(join(root, '..', `${kind}.Containerfile`), { force: true });
    }
  }
  return images;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const option = (name) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const built = buildLocalBases(pickEngine(option('engine')), {
    reuse: false,
    platform: option('platform') ?? hostPlatform().platform,
  });
  console.log(`base images: ${built.build} (build), ${built.runtime} (runtime)`);
}
