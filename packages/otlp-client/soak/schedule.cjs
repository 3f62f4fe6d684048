// The soak's fault schedule: one cycle of every fault with healthy stretches between them, repeated
// until `seconds` have passed. Faults shorter than the retry budget (300 s): none may lose a span.
const cycle = [
  { fault: 'ok', seconds: 2 },
  { fault: 'unavailable', seconds: 2 }, // UNAVAILABLE / 503
  { fault: 'ok', seconds: 1.5 },
  { fault: 'throttle', seconds: 2 }, // RESOURCE_EXHAUSTED + RetryInfo / 429 + Retry-After
  { fault: 'ok', seconds: 1.5 },
  { fault: 'partial', seconds: 1.5 },
  { fault: 'undecodable', seconds: 1.5 },
  { fault: 'ok', seconds: 1.5 },
  { fault: 'refuse', seconds: 5 }, // the upstream down, longer than the breaker's 2 s cooldown
  { fault: 'ok', seconds: 2 },
  { fault: 'reset', seconds: 1.5 }, // connections reset mid-request
  { fault: 'ok', seconds: 1.5 },
  { fault: 'latency', seconds: 2 }, // 250 ms each way
  { fault: 'ok', seconds: 1.5 },
  { fault: 'blackhole', seconds: 2.5 },
  { fault: 'ok', seconds: 2 },
];

/** The steps for a soak of `seconds`: whole cycles, at least one. */
function soakSchedule(seconds) {
  const cycleSeconds = cycle.reduce((n, s) => n + s.seconds, 0);
  const cycles = Math.max(1, Math.round(seconds / cycleSeconds));
  return Array.from({ length: cycles }, () => cycle).flat();
}

module.exports = { soakSchedule };
