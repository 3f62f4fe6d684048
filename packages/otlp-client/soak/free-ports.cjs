// Ports free right now on 127.0.0.1, all different: each is held open until every one is taken
// (taking them one after another, the OS may hand out the same port twice).
const { createServer } = require('node:net');

async function freePorts(n) {
  const servers = [];
  try {
    for (let i = 0; i < n; i++) {
      const s = createServer();
      servers.push(s);
      await new Promise((resolve, reject) => {
        s.once('error', reject);
        s.listen(0, '127.0.0.1', resolve);
      });
    }
    return servers.map((s) => s.address().port);
  } finally {
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(() => resolve()))));
  }
}

module.exports = { freePorts };
