// The node binary and shared libraries of an architecture this machine is not: the Node.js
// release binary that npm ships as `node-linux-<arch>` (the same version as this machine's node)
// and Debian's libc6, libgcc-s1 and libstdc++6 for that architecture, what distroless' Node image
// holds. Both are downloaded once into a cache outside the repository ($OTLP_KIT_CACHE, else
// ~/.cache/otlp-kit) and reused.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The libraries node links (ldd on Linux/x64: libc, libm, libstdc++, libgcc_s, the loader). */
const debianLibraries = ['libc6', 'libgcc-s1', 'libstdc++6'];

export function cacheDir(...parts) {
  const dir = join(process.env.OTLP_KIT_CACHE ?? join(homedir(), '.cache', 'otlp-kit'), ...parts);
  mkdirSync(dir, { recursive: true });
  return dir;
}

function run(cmd, args, cwd, hint) {
  try {
    return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    throw new Error(
      `${cmd} ${args.join(' ')} failed in ${cwd}: ${String(err.stderr ?? err.message).trim()}${hint ? `\n${hint}` : ''}`,
    );
  }
}

/** Path of `bin/node` from the npm package node-linux-<arch>@<this node's version>. */
function nodeBinary(info) {
  const version = process.version.slice(1);
  const dir = cacheDir('node', `${version}-${info.nodeArch}`);
  const node = join(dir, 'package', 'bin', 'node');
  if (existsSync(node)) return node;
  const tgz = run('npm', ['pack', `node-linux-${info.nodeArch}@${version}`, '--silent'], dir)
    .trim()
    .split('\n')
    .pop();
  run('tar', ['xzf', tgz, 'package/bin/node', 'package/LICENSE'], dir);
  rmSync(join(dir, tgz));
  return node;
}

/** Debian .debs of the libraries for the architecture, downloaded with apt-get. */
function debianPackages(info) {
  const dir = cacheDir('debian', info.debianArch);
  const have = () => readdirSync(dir).filter((f) => f.endsWith(`_${info.debianArch}.deb`));
  if (debianLibraries.every((name) => have().some((f) => f.startsWith(`${name}_`))))
    return have().map((f) => join(dir, f));
  const staging = join(dir, 'download');
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging);
  run(
    'apt-get',
    ['download', ...debianLibraries.map((name) => `${name}:${info.debianArch}`)],
    staging,
    `Debian's ${info.debianArch} packages are not known to apt: run \`dpkg --add-architecture ${info.debianArch} && apt-get update\` (npm test does this as root)`,
  );
  for (const f of readdirSync(staging)) renameSync(join(staging, f), join(dir, f));
  rmSync(staging, { recursive: true, force: true });
  return have().map((f) => join(dir, f));
}

/**
 * Fills `root` with /nodejs/bin/node and the libraries for `info`'s architecture (docs, locales
 * and iconv modules left out: node uses none of them).
 */
export function fillForeignRootfs(root, info) {
  for (const deb of debianPackages(info)) run('dpkg-deb', ['-x', deb, root], root);
  const unused = [
    'usr/share',
    `usr/lib/${info.gnuTriplet}/gconv`,
    'usr/libexec',
    'sbin',
    'usr/sbin',
    'usr/bin',
  ];
  for (const dir of unused) rmSync(join(root, dir), { recursive: true, force: true });
  mkdirSync(join(root, 'nodejs', 'bin'), { recursive: true });
  execFileSync('cp', [nodeBinary(info), join(root, 'nodejs', 'bin', 'node')]);
}
