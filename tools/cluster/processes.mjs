// Child processes of a cluster: each logs to its own file in the cluster directory, runs in its
// own process group (so a stop reaches whatever it spawned) and is stopped TERM-then-KILL.
import { spawn } from 'node:child_process';
import { openSync, closeSync, readFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** A port the OS says is free on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts bin with args, output to dir/<name>.log; detached so it can outlive `cluster up`. */
export function startProcess(dir, name, bin, args) {
  const logFile = join(dir, `${name}.log`);
  const fd = openSync(logFile, 'a');
  const child = spawn(bin, args, { cwd: dir, stdio: ['ignore', fd, fd], detached: true });
  closeSync(fd);
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return { name, pid: child.pid, logFile, child, exited };
}

/** The last lines a process logged, for error messages. */
export function logTail(logFile, lines = 20) {
  if (!existsSync(logFile)) return '';
  return readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Stops a process group: SIGTERM, then SIGKILL after graceMs. Resolves when it is gone. */
export async function stopProcess(pid, graceMs = 5000) {
  const signal = (sig) => {
    try {
      process.kill(-pid, sig);
    } catch {
      try {
        process.kill(pid, sig);
      } catch {
        /* already gone */
      }
    }
  };
  if (!alive(pid)) return;
  signal('SIGTERM');
  const deadline = Date.now() + graceMs;
  while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (alive(pid)) signal('SIGKILL');
  const killDeadline = Date.now() + 5000;
  while (alive(pid) && Date.now() < killDeadline) await new Promise((r) => setTimeout(r, 100));
}

/** Polls check() until it returns a truthy value, or fails with describe() after timeoutMs. */
export async function waitFor(what, check, { timeoutMs = 60000, intervalMs = 250, describe } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline)
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${last.message}` : ''}${describe ? `\n${describe()}` : ''}`,
      );
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
