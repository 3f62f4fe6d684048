// Which container engine builds and runs the image: a Docker engine when one answers, else
// buildah (build) and podman (run), as Debian packages them, set up for a machine without
// overlayfs or systemd: vfs storage, chroot isolation, runc with cgroupfs, host networking.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The build context's ignore file, beside the Dockerfile (BuildKit finds it there by its name). */
const ignoreFile = join(dirname(fileURLToPath(import.meta.url)), '..', 'Dockerfile.dockerignore');

function answers(cmd, args) {
  try {
    execFileSync(cmd, args, { stdio: 'ignore', timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
}

let containersConf;
/** A containers.conf without default ulimits (which this sandbox refuses to set). */
export function containersConfFile() {
  if (!containersConf) {
    containersConf = join(mkdtempSync(join(tmpdir(), 'containers-conf-')), 'containers.conf');
    writeFileSync(containersConf, '[containers]\ndefault_ulimits = []\n');
  }
  return containersConf;
}

/**
 * `{ name, cmd, globalArgs }` for building; `runner` is the matching run command. `wanted`
 * (--engine, else $IMAGE_ENGINE) forces one; by default a Docker engine that answers wins.
 */
export function pickEngine(wanted = process.env.IMAGE_ENGINE || undefined) {
  if (wanted === 'docker' || (!wanted && answers('docker', ['info']))) {
    return { name: 'docker', cmd: 'docker', globalArgs: [], runner: { cmd: 'docker', globalArgs: [] } };
  }
  if (!answers('buildah', ['--version']))
    throw new Error(
      'no container engine: install Docker, or buildah and podman (apt-get install buildah podman runc)',
    );
  const storage = ['--storage-driver', 'vfs'];
  return {
    name: 'buildah',
    cmd: 'buildah',
    globalArgs: storage,
    runner: { cmd: 'podman', globalArgs: [...storage, '--runtime', 'runc', '--cgroup-manager', 'cgroupfs'] },
  };
}

/**
 * Arguments of a build command for the engine. buildah writes the Docker format by default
 * because it keeps HEALTHCHECK only there; `format: 'oci'` is for images pushed in an OCI index.
 * `withIgnoreFile`: the agent image's build, whose context is the workspace root.
 */
export function engineArgs(engine, verb, { format = 'docker', withIgnoreFile = false } = {}) {
  if (verb !== 'build') throw new Error(`unknown verb ${verb}`);
  return engine.name === 'docker'
    ? ['build']
    : [
        ...engine.globalArgs,
        'bud',
        '--isolation',
        'chroot',
        '--format',
        format,
        '--network',
        'host',
        ...(withIgnoreFile ? ['--ignorefile', ignoreFile] : []),
      ];
}

/** Environment for podman/buildah commands. */
export function engineEnv() {
  return { ...process.env, CONTAINERS_CONF: containersConfFile() };
}
