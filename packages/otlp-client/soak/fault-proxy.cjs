// The soak's network faults: a TCP proxy on 127.0.0.1 between the agent and its upstream. Modes:
//   pass       forward both ways
//   refuse     nothing listens: new connections are refused, open ones are reset (upstream down)
//   reset      a connection is reset once its client has sent `resetAfterBytes` more (mid-request)
//   latency    every chunk is delayed by `latencyMs`, in order, both ways (a slow network)
//   blackhole  bytes are swallowed both ways; when the mode ends the connections are reset (a
//              partition that outlives the connections)
const { connect, createServer } = require('node:net');

class FaultProxy {
  constructor(targetPort) {
    this.targetPort = targetPort;
    this.port = 0;
    this.mode = 'pass';
    this.latencyMs = 250;
    this.resetAfterBytes = 1024;
    this.counts = { connections: 0, resets: 0, delayedChunks: 0, swallowedChunks: 0, refusedWhileDown: 0 };
    this.pairs = new Set();
    this.server = undefined;
  }

  async start(port = 0) {
    await this.listen(port);
    return this;
  }

  listen(port) {
    this.server = createServer((client) => this.accept(client));
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => {
        this.port = this.server.address().port;
        resolve();
      });
    });
  }

  /** Switches the fault; leaving refuse listens again on the same port, leaving blackhole resets. */
  async setMode(mode) {
    const previous = this.mode;
    if (previous === mode) return;
    this.mode = mode;
    if (previous === 'blackhole') this.resetAll();
    if (mode === 'refuse') {
      const server = this.server;
      this.resetAll();
      await new Promise((resolve) => server.close(() => resolve()));
    }
    if (previous === 'refuse') await this.listen(this.port);
    if (mode === 'reset') for (const pair of this.pairs) pair.budget = this.resetAfterBytes;
  }

  resetAll() {
    for (const pair of [...this.pairs]) this.reset(pair);
  }

  stop() {
    this.resetAll();
    return new Promise((resolve) => (this.server.listening ? this.server.close(() => resolve()) : resolve()));
  }

  accept(client) {
    if (this.mode === 'refuse') {
      this.counts.refusedWhileDown++;
      client.resetAndDestroy();
      return;
    }
    this.counts.connections++;
    const upstream = connect(this.targetPort, '127.0.0.1');
    const pair = { client, upstream, budget: this.resetAfterBytes, queues: [[], []] };
    this.pairs.add(pair);
    this.pipe(pair, client, upstream, 0, true);
    this.pipe(pair, upstream, client, 1, false);
    for (const s of [client, upstream]) {
      s.on('error', () => this.end(pair));
      s.on('close', () => this.end(pair));
    }
  }

  pipe(pair, from, to, direction, fromClient) {
    const queue = pair.queues[direction];
    // Delayed chunks leave in order, and a chunk that comes after them (even once the latency
    // fault is over) waits behind them: the byte stream is never reordered.
    let timer;
    const drain = () => {
      timer = undefined;
      const now = Date.now();
      while (queue.length > 0 && queue[0].due <= now) if (!to.destroyed) to.write(queue.shift().data);
      if (queue.length > 0) timer = setTimeout(drain, queue[0].due - now);
    };
    const send = (data, delayMs) => {
      if (delayMs === 0 && queue.length === 0) return void to.write(data);
      queue.push({ data, due: Date.now() + delayMs });
      if (!timer) timer = setTimeout(drain, delayMs);
    };
    from.on('data', (data) => {
      switch (this.mode) {
        case 'blackhole':
          this.counts.swallowedChunks++;
          return;
        case 'reset':
          if (fromClient) {
            pair.budget -= data.length;
            if (pair.budget < 0) {
              to.write(data.subarray(0, data.length + pair.budget));
              this.reset(pair);
              return;
            }
          }
          return send(data, 0);
        case 'latency':
          this.counts.delayedChunks++;
          return send(data, this.latencyMs);
        default:
          send(data, 0);
      }
    });
  }

  reset(pair) {
    if (!this.pairs.delete(pair)) return;
    this.counts.resets++;
    for (const s of [pair.client, pair.upstream]) if (!s.destroyed) s.resetAndDestroy();
  }

  end(pair) {
    if (!this.pairs.delete(pair)) return;
    for (const s of [pair.client, pair.upstream]) s.destroy();
  }
}

module.exports = { FaultProxy };
