#!/usr/bin/env node
// The first step of `npm test`: the system tools the tests run for real, installed when missing.
// As root on Debian it installs them with apt-get (and enables arm64 packages and the arm64
// emulator the image tests use); otherwise it stops with the one command to run. Nothing is
// installed that is already there, so on a prepared machine this takes a few milliseconds.
//
//   node tools/scripts/system-tools.mjs [--check]   (--check: report only, never install)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

/** Each command a test runs, the Debian package that has it, and what for. */
export const systemTools = [
  { command: 'shellcheck', pkg: 'shellcheck', why: 'lints the shell scripts' },
  { command: 'bats', pkg: 'bats', why: 'tests deploy.sh and monitor.sh' },
  { command: 'jq', pkg: 'jq', why: "monitor.sh reads Prometheus' answers with it" },
  { command: 'openssl', pkg: 'openssl', why: "makes the test control plane's throwaway PKI" },
  { command: 'promtool', pkg: 'prometheus', why: "checks and unit-tests the chart's alert rules" },
  { command: 'buildah', pkg: 'buildah', why: "builds the agent's image" },
  { command: 'podman', pkg: 'podman', why: "runs the agent's image" },
  { command: 'runc', pkg: 'runc', why: 'the OCI runtime podman uses here' },
  { command: 'skopeo', pkg: 'skopeo', why: 'inspects the pushed image index' },
  { command: 'docker-registry', pkg: 'docker-registry', why: 'the registry the release test pushes to' },
  { command: 'qemu-aarch64-static', pkg: 'qemu-user-static', why: 'runs the arm64 image' },
  { command: 'update-binfmts', pkg: 'binfmt-support', why: 'registers the arm64 emulator' },
];

/** The architecture whose Debian libraries the arm64 image is assembled from. */
const foreignArch = 'arm64';
const binfmtDir = '/proc/sys/fs/binfmt_misc';

function has(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function foreignArchEnabled() {
  try {
    return execFileSync('dpkg', ['--print-foreign-architectures'], { encoding: 'utf8' })
      .split('\n')
      .includes(foreignArch);
  } catch {
    return false;
  }
}

function run(cmd, args) {
  console.log(`system-tools: ${cmd} ${args.join(' ')}`);
  execFileSync(cmd, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

/** Mounts binfmt_misc and registers qemu-aarch64 (with the F flag, so it works in containers). */
function enableArm64Emulation() {
  if (existsSync(`${binfmtDir}/qemu-aarch64`)) return 'enabled';
  try {
    if (!existsSync(`${binfmtDir}/register`)) run('mount', ['-t', 'binfmt_misc', 'binfmt_misc', binfmtDir]);
    run('update-binfmts', ['--enable', 'qemu-aarch64']);
    return readFileSync(`${binfmtDir}/qemu-aarch64`, 'utf8').startsWith('enabled') ? 'enabled' : 'disabled';
  } catch (err) {
    // A container without the privilege to mount binfmt_misc: the arm64 image is still built and
    // pushed, and the test says that it could not run it.
    return `unavailable (${err.message.split('\n')[0]})`;
  }
}

export function ensureSystemTools({ install = true } = {}) {
  const missing = systemTools.filter((t) => !has(t.command));
  const needArch = !foreignArchEnabled();
  if (missing.length === 0 && !needArch) {
    return { installed: [], emulation: process.getuid?.() === 0 ? enableArm64Emulation() : 'not root' };
  }
  const pkgs = [...new Set(missing.map((t) => t.pkg))];
  const command = [
    ...(needArch ? [`dpkg --add-architecture ${foreignArch}`] : []),
    'apt-get update',
    ...(pkgs.length ? [`apt-get install -y --no-install-recommends ${pkgs.join(' ')}`] : []),
  ].join(' && ');
  const canInstall = install && process.getuid?.() === 0 && has('apt-get');
  if (!canInstall) {
    for (const t of missing)
      console.error(`system-tools: missing ${t.command} (Debian package ${t.pkg}): ${t.why}`);
    if (needArch)
      console.error(
        `system-tools: Debian's ${foreignArch} packages are not enabled (the arm64 image's libraries)`,
      );
    console.error(`system-tools: install them with:\n  sudo sh -c '${command}'`);
    return { installed: null, command };
  }
  if (needArch) run('dpkg', ['--add-architecture', foreignArch]);
  run('apt-get', ['update', '-qq']);
  if (pkgs.length) run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...pkgs]);
  return { installed: pkgs, emulation: enableArm64Emulation() };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = ensureSystemTools({ install: !process.argv.includes('--check') });
  if (result.installed === null) process.exit(1);
  console.log(
    `system-tools: ${systemTools.length} tools present${result.installed.length ? ` (installed ${result.installed.join(', ')})` : ''}; arm64 emulation ${result.emulation}`,
  );
}
