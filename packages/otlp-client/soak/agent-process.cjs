// One `otlp-client run` process of the soak, from a config.toml the real chart rendered: ready
// wait, peak RSS from /proc, its JSON log lines, and whether it exited on its own.
const { spawn, execFileSync } = require('node:child_process');
const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const YAML = require('yaml');

const root = join(__dirname, '..', '..', '..');
const cli = join(__dirname, '..', 'dist', 'cli.js');
const helm = join(root, 'tools', 'bin', 'helm');
const chart = join(root, 'charts', 'otlp-client');

/** The chart's rendered ConfigMap config.toml for `sets` (helm --set), and its memory limit. */
function chartConfig(sets) {
  const out = execFileSync(helm, ['template', 'soak', chart, ...sets.flatMap((s) => ['--set', s])], {
    encoding: 'utf8',
  });
  let toml;
  let memoryLimit;
  for (const doc of YAML.parseAllDocuments(out)) {
    const o = doc.toJS();
    if (o?.kind === 'ConfigMap' && o.data?.['config.toml']) toml = o.data['config.toml'];
    if (o?.kind === 'Deployment') memoryLimit = o.spec.template.spec.containers[0].resources.limits.memory;
  }
  if (!toml || !memoryLimit) throw new Error('helm template rendered no config.toml or memory limit');
  return { toml, memoryLimitMiB: mebibytes(memoryLimit) };
}

function mebibytes(quantity) {
  const m = /^(\d+)(Mi|Gi|M|G)?$/.exec(quantity);
  if (!m) throw new Error(`memory limit ${quantity}: not a quantity the soak reads`);
  const factor = { Mi: 1, Gi: 1024, M: 1e6 / 1048576, G: 1e9 / 1048576 }[m[2] ?? 'Mi'];
  return Number(m[1]) * factor;
}

class AgentProcess {
  constructor(configFile, env) {
    this.lines = [];
    this.expectedExit = false;
    this.peakRssMiB = 0;
    this.child = spawn(process.execPath, [cli, 'run', '--config', configFile], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env,
    });
    let buffered = '';
    this.child.stdout.on('data', (d) => {
      buffered += d;
      const parts = buffered.split('\n');
      buffered = parts.pop();
      for (const line of parts) {
        try {
          this.lines.push(JSON.parse(line));
        } catch {
          this.lines.push({ msg: line });
        }
      }
    });
    this.exit = new Promise((resolve) =>
      this.child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    this.exited = false;
    void this.exit.then(() => (this.exited = true));
    this.rssTimer = setInterval(() => this.sampleRss(), 500);
  }

  sampleRss() {
    try {
      const kb = Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${this.child.pid}/status`, 'utf8'))[1]);
      this.peakRssMiB = Math.max(this.peakRssMiB, kb / 1024);
    } catch {
      // The process is gone: its last sample stands.
    }
  }

  async ready(monitoringPort, ms = 30_000) {
    const end = Date.now() + ms;
    while (Date.now() < end && !this.exited) {
      const ok = await fetch(`http://127.0.0.1:${monitoringPort}/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the agent did not come up');
  }

  /** SIGTERM, then the exit and the agent's own final account ("stopped" log line). */
  async stop() {
    this.sampleRss();
    this.expectedExit = true;
    this.child.kill('SIGTERM');
    const exit = await this.exit;
    clearInterval(this.rssTimer);
    const stopped = this.lines.find((l) => String(l.msg).startsWith('stopped'));
    return { exit, stopped };
  }

  kill() {
    clearInterval(this.rssTimer);
    if (!this.exited) this.child.kill('SIGKILL');
  }
}

function writeFile(dir, name, text) {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

module.exports = { AgentProcess, chartConfig, writeFile };
