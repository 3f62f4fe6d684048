// A release as it leaves the machine: `otlp-client:image-publish` and `chart-gen:chart-publish`
// push to a real registry (Debian's docker-registry on a free 127.0.0.1 port); the index must hold
// a real amd64 and a real arm64 image, each pulled back and run with podman (arm64 through
// qemu-user when binfmt_misc allows); the chart must install from its OCI reference with Helm 4
// and template with Helm 3, rendering the image that was just pushed.
const { execFileSync, spawnSync } = require('node:child_process');
const { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { parseAllDocuments } = require('yaml');
const { freePorts } = require('../../../packages/otlp-client/soak/free-ports.cjs');
const { startRegistry } = require('./support/registry.cjs');

const root = join(__dirname, '..', '..', '..');
const version = require(join(root, 'packages', 'otlp-client', 'package.json')).version;
const chartVersion = require(join(root, 'packages', 'chart-gen', 'package.json')).version;
const work = mkdtempSync(join(tmpdir(), 'release-e2e-'));
const containersConf = join(work, 'containers.conf');
writeFileSync(containersConf, '[containers]\ndefault_ulimits = []\n');
const podmanArgs = ['--storage-driver', 'vfs', '--runtime', 'runc', '--cgroup-manager', 'cgroupfs'];
const env = { ...process.env, CONTAINERS_CONF: containersConf, NX_DAEMON: 'false', NX_TUI: 'false' };
const helmEnv = {
  ...env,
  HELM_CACHE_HOME: join(work, 'helm', 'cache'),
  HELM_CONFIG_HOME: join(work, 'helm', 'config'),
  HELM_DATA_HOME: join(work, 'helm', 'data'),
};

function run(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, {
    encoding: 'utf8',
    env,
    timeout: 600_000,
    maxBuffer: 256 << 20,
    ...options,
  });
  if (r.status !== 0)
    throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}
const podman = (...args) => run('podman', [...podmanArgs, ...args]);
const skopeo = (...args) => JSON.parse(run('skopeo', [...args]));

async function answers200(url, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (
      await fetch(url).then(
        (r) => r.ok,
        () => false,
      )
    )
      return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

const arm64Emulation = (() => {
  try {
    return readFileSync('/proc/sys/fs/binfmt_misc/qemu-aarch64', 'utf8').startsWith('enabled');
  } catch {
    return false;
  }
})();

describe('release: multi-arch image and OCI chart pushed to a registry', () => {
  let registry;
  const containers = [];
  const pulled = [];
  let report;

  beforeAll(async () => {
    registry = await startRegistry();
    const nx = join(root, 'node_modules', '.bin', 'nx');
    const published = run(nx, ['run', 'otlp-client:image-publish', '--output-style=static'], {
      cwd: root,
      // buildah, even where a Docker engine answers: it pushes to the loopback registry directly,
      // where buildx's builder container could not reach it.
      env: { ...env, REGISTRY: registry.address, IMAGE_ENGINE: 'buildah' },
    });
    expect(published).toMatch(
      new RegExp(`pushed ${registry.address.replace(/\./g, '\\.')}/otlp-client@sha256:`),
    );
    report = JSON.parse(
      readFileSync(join(root, 'packages', 'otlp-client', 'build', 'image-publish.json'), 'utf8'),
    );
    run(nx, ['run', 'chart-gen:chart-publish', '--output-style=static'], {
      cwd: root,
      env: { ...env, REGISTRY: registry.address },
    });
  }, 900_000);

  afterAll(async () => {
    for (const name of containers) spawnSync('podman', [...podmanArgs, 'rm', '-f', '-t', '0', name], { env });
    for (const ref of pulled) spawnSync('podman', [...podmanArgs, 'rmi', '-f', ref], { env });
    await registry?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it('pushes one OCI image index with linux/amd64 and linux/arm64, tagged with the version and the commit', () => {
    const repo = `docker://${registry.address}/otlp-client`;
    const index = skopeo('inspect', '--raw', '--tls-verify=false', `${repo}:${version}`);
    expect(index.mediaType).toBe('application/vnd.oci.image.index.v1+json');
    expect(index.manifests.map((m) => `${m.platform.os}/${m.platform.architecture}`).sort()).toEqual([
      'linux/amd64',
      'linux/arm64',
    ]);
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    const tags = skopeo('list-tags', '--tls-verify=false', repo).Tags.sort();
    expect(tags).toEqual([version, `sha-${commit.slice(0, 7)}`].sort());
    expect(tags).not.toContain('latest');
    // Both tags name the same index, and it is the digest the target reported.
    const bySha = run('skopeo', [
      'inspect',
      '--raw',
      '--tls-verify=false',
      `${repo}:sha-${commit.slice(0, 7)}`,
    ]);
    expect(JSON.parse(bySha)).toEqual(index);
    expect(report.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    const indexDigest = skopeo('inspect', '--tls-verify=false', `${repo}:${version}`).Digest;
    expect(indexDigest).toBe(report.digest);
    for (const m of index.manifests) {
      const config = skopeo('inspect', '--config', '--tls-verify=false', `${repo}@${m.digest}`);
      expect(config.architecture).toBe(m.platform.architecture);
      expect(config.config.User).toBe('10001:10001');
      expect(config.config.Labels).toMatchObject({
        'org.opencontainers.image.version': version,
        'org.opencontainers.image.revision': commit,
        'org.opencontainers.image.licenses': 'Apache-2.0',
        'org.opencontainers.image.source': expect.stringMatching(/^https:\/\/github\.com\//),
      });
    }
  });

  it('leaves a CycloneDX SBOM of the production dependencies beside the image', () => {
    const sbom = JSON.parse(readFileSync(report.sbom, 'utf8'));
    expect(sbom.bomFormat).toBe('CycloneDX');
    const names = sbom.components.map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(['grpc-js', 'protobufjs', 'prom-client']));
    // Dev dependencies (the test peers) are not in the image, so not in its SBOM either.
    expect(names).not.toContain('jest');
    expect(names).not.toContain('exporter-trace-otlp-grpc');
  });

  it.each([['amd64'], ['arm64']])(
    'the %s image, pulled back, runs as uid 10001 and gets ready',
    async (arch) => {
      if (arch === 'arm64' && !arm64Emulation) {
        console.log(
          'arm64 image not run: binfmt_misc has no enabled qemu-aarch64 here (the index check covers it)',
        );
        return;
      }
      const index = skopeo(
        'inspect',
        '--raw',
        '--tls-verify=false',
        `docker://${registry.address}/otlp-client:${version}`,
      );
      const digest = index.manifests.find((m) => m.platform.architecture === arch).digest;
      const ref = `${registry.address}/otlp-client@${digest}`;
      podman('pull', '--tls-verify=false', '--quiet', ref);
      pulled.push(ref);
      // The node inside is really that architecture's binary (run through qemu for arm64).
      const nodeIn = (expression) =>
        podman(
          'run',
          '--rm',
          '--network',
          'host',
          '--entrypoint',
          '/nodejs/bin/node',
          ref,
          '-p',
          expression,
        ).trim();
      expect(nodeIn('process.arch')).toBe(arch === 'amd64' ? 'x64' : 'arm64');
      const sbomComponents = nodeIn('require("/app/sbom.cdx.json").components.length');
      expect(Number(sbomComponents)).toBeGreaterThan(10);

      const [grpcPort, httpPort, monitoringPort, upstreamPort] = await freePorts(4);
      const configFile = join(work, `config-${arch}.toml`);
      writeFileSync(
        configFile,
        `[otlp]\nendpoint = "http://127.0.0.1:${upstreamPort}"\n` +
          `[receivers.grpc]\nport = ${grpcPort}\n[receivers.http]\nport = ${httpPort}\n[monitoring]\nport = ${monitoringPort}\n`,
      );
      const name = `release-e2e-${arch}-${process.pid}`;
      containers.push(name);
      podman(
        'run',
        '-d',
        '--name',
        name,
        '--network',
        'host',
        '--read-only',
        '--tmpfs',
        '/tmp',
        '-v',
        `${configFile}:/etc/otlp/config.toml:ro`,
        ref,
      );
      // Emulated, node starts several times slower: a generous bound, far above a native start.
      const ready = await answers200(`http://127.0.0.1:${monitoringPort}/ready`, 120_000);
      if (!ready) throw new Error(`${arch} image not ready within 120 s:\n${podman('logs', name)}`);
      expect(await answers200(`http://127.0.0.1:${monitoringPort}/health`, 10_000)).toBe(true);
      const pid = podman('inspect', '--format', '{{.State.Pid}}', name).trim();
      const uids = /^Uid:\s+(\d+)\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      expect([uids[1], uids[2]]).toEqual(['10001', '10001']);
    },
    300_000,
  );

  it('the chart installs from oci://…/charts (Helm 4) and templates from it (Helm 3) with the pushed image', () => {
    const ref = `oci://${registry.address}/charts/otlp-client`;
    const common = [
      '--version',
      chartVersion,
      '--plain-http',
      '--set',
      `image.repository=${registry.address}/otlp-client`,
    ];
    const installed = run(
      join(root, 'tools', 'bin', 'helm'),
      ['install', 'otlp', ref, '-n', 'observability', '--dry-run=client', ...common],
      { env: helmEnv },
    );
    const templated = run(
      join(root, 'tools', 'bin', 'helm3'),
      ['template', 'otlp', ref, '-n', 'observability', ...common],
      {
        env: helmEnv,
      },
    );
    for (const out of [installed.slice(installed.indexOf('---')), templated]) {
      const docs = parseAllDocuments(out)
        .map((d) => d.toJS())
        .filter(Boolean);
      const deployment = docs.find((d) => d.kind === 'Deployment');
      expect(deployment.spec.template.spec.containers[0].image).toBe(
        `${registry.address}/otlp-client:${version}`,
      );
    }
    // The packaged chart carries its schema, README and dashboard.
    const pulledChart = join(work, 'chart');
    run(
      join(root, 'tools', 'bin', 'helm'),
      ['pull', ref, '--version', chartVersion, '--plain-http', '--untar', '-d', pulledChart],
      {
        env: helmEnv,
      },
    );
    for (const file of ['Chart.yaml', 'values.schema.json', 'README.md', 'dashboards/otlp-client.json'])
      expect(existsSync(join(pulledChart, 'otlp-client', file))).toBe(true);
    const chartYaml = readFileSync(join(pulledChart, 'otlp-client', 'Chart.yaml'), 'utf8');
    expect(chartYaml).toMatch(new RegExp(`^appVersion: ${version.replace(/\./g, '\\.')}$`, 'm'));
  });
});
