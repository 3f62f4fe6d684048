// Builds the pinned control-plane binaries from the Go module proxy into the cache (paths.mjs),
// once: a binary whose stamp names the pinned version is reused. Three scratch modules, because
// KWOK pins its own k8s.io/* versions and k8s.io/kubernetes needs its staging modules replaced.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { binDir, cacheDir, goCache, goPath, moduleDir } from './paths.mjs';
import { binaries, etcdVersion, kubernetesVersion, kwokVersion } from './versions.mjs';

const go = existsSync('/usr/local/go/bin/go') ? '/usr/local/go/bin/go' : 'go';

function goEnv(cache) {
  return {
    ...process.env,
    GOPATH: goPath(cache),
    GOMODCACHE: join(goPath(cache), 'pkg', 'mod'),
    GOCACHE: goCache(cache),
    GOFLAGS: '-mod=mod',
    // The machine's Go builds all three; never fetch another toolchain behind the user's back.
    GOTOOLCHAIN: 'local',
  };
}

function run(cache, cwd, args) {
  return execFileSync(go, args, {
    cwd,
    env: goEnv(cache),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 << 20,
  });
}

/** The staging modules k8s.io/kubernetes replaces with ./staging/src/…, read from its go.mod. */
function stagingModules(cache) {
  const info = JSON.parse(
    run(cache, cacheDir(), ['mod', 'download', '-json', `k8s.io/kubernetes@${kubernetesVersion}`]),
  );
  const goMod = readFileSync(info.GoMod, 'utf8');
  return [...goMod.matchAll(/^\s*(k8s\.io\/[\w.-]+) => \.\/staging\//gm)].map((m) => m[1]);
}

/** go.mod and the one Go file of each scratch module. */
function moduleSources(cache) {
  const stagingVersion = kubernetesVersion.replace(/^v1\./, 'v0.');
  return {
    kubernetes: {
      'go.mod': [
        'module otlpkit.local/cluster/kubernetes',
        '',
        'go 1.24.0',
        '',
        `require k8s.io/kubernetes ${kubernetesVersion}`,
        '',
        'replace (',
        ...stagingModules(cache).map((m) => `\t${m} => ${m} ${stagingVersion}`),
        ')',
        '',
      ].join('\n'),
      'tools.go': `//go:build tools\n\npackage kubernetes\n\nimport (\n${binaries
        .filter((b) => b.module === 'kubernetes')
        .map((b) => `\t_ "${b.pkg}"`)
        .join('\n')}\n)\n`,
    },
    etcd: {
      'go.mod': `module otlpkit.local/cluster/etcd\n\ngo 1.24.0\n\nrequire go.etcd.io/etcd/server/v3 ${etcdVersion}\n`,
      // etcd's own main.go is this, in its root module.
      'main.go':
        'package main\n\nimport (\n\t"os"\n\n\t"go.etcd.io/etcd/server/v3/etcdmain"\n)\n\nfunc main() { etcdmain.Main(os.Args) }\n',
    },
    kwok: {
      'go.mod': `module otlpkit.local/cluster/kwok\n\ngo 1.24.0\n\nrequire sigs.k8s.io/kwok ${kwokVersion}\n`,
      'tools.go': '//go:build tools\n\npackage kwok\n\nimport _ "sigs.k8s.io/kwok/cmd/kwok"\n',
    },
  };
}

/**
 * What the stamp of each module's binaries records: the version, and for Kubernetes that the
 * version is linked in (as hack/lib/version.sh does; without it the API server says v0.0.0-master
 * and Helm refuses the chart's kubeVersion).
 */
const versionOf = { kubernetes: `${kubernetesVersion} ldflags`, etcd: etcdVersion, kwok: kwokVersion };

function kubernetesLdflags() {
  const [major, minor] = kubernetesVersion.replace(/^v/, '').split('.');
  const vars = {
    gitVersion: kubernetesVersion,
    gitMajor: major,
    gitMinor: minor,
    gitTreeState: 'clean',
    buildDate: '1970-01-01T00:00:00Z',
  };
  return Object.entries(vars)
    .flatMap(([k, v]) => [
      `-X k8s.io/component-base/version.${k}=${v}`,
      `-X k8s.io/client-go/pkg/version.${k}=${v}`,
    ])
    .join(' ');
}

const buildFlags = { kubernetes: () => ['-ldflags', kubernetesLdflags()], etcd: () => [], kwok: () => [] };
const stampOf = (cache, name) => join(binDir(cache), `${name}.version`);

function isBuilt(cache, binary) {
  const stamp = stampOf(cache, binary.name);
  return (
    existsSync(join(binDir(cache), binary.name)) &&
    existsSync(stamp) &&
    readFileSync(stamp, 'utf8') === versionOf[binary.module]
  );
}

/** Whether every binary is built at its pinned version. */
export function binariesReady(cache = cacheDir()) {
  return binaries.every((b) => isBuilt(cache, b));
}

/** Builds what is missing; returns { name, seconds, built } per binary. */
export function buildBinaries({ cache = cacheDir(), log = console.log } = {}) {
  mkdirSync(binDir(cache), { recursive: true });
  const missing = binaries.filter((b) => !isBuilt(cache, b));
  const results = binaries
    .filter((b) => !missing.includes(b))
    .map((b) => ({ name: b.name, seconds: 0, built: false }));
  if (missing.length === 0) return results;
  const sources = moduleSources(cache);
  for (const module of [...new Set(missing.map((b) => b.module))]) {
    const dir = moduleDir(cache, module);
    mkdirSync(dir, { recursive: true });
    let changed = false;
    for (const [file, text] of Object.entries(sources[module])) {
      const path = join(dir, file);
      if (!existsSync(path) || readFileSync(path, 'utf8') !== text) {
        writeFileSync(path, text);
        changed = true;
      }
    }
    if (changed || !existsSync(join(dir, 'go.sum'))) run(cache, dir, ['mod', 'tidy']);
    const wanted = missing.filter((b) => b.module === module);
    const started = performance.now();
    log(
      `cluster-build: building ${wanted.map((b) => b.name).join(', ')} (${module} ${versionOf[module].split(' ')[0]})…`,
    );
    run(cache, dir, [
      'build',
      ...buildFlags[module](),
      '-o',
      binDir(cache) + '/',
      ...wanted.map((b) => b.pkg),
    ]);
    const seconds = (performance.now() - started) / 1000;
    for (const b of wanted) {
      writeFileSync(stampOf(cache, b.name), versionOf[module]);
      results.push({ name: b.name, seconds, built: true });
    }
    log(`cluster-build: ${module} built in ${seconds.toFixed(0)} s`);
  }
  return results;
}
