/**
 * Pod Security Standards policy versions. PSA accepts "latest" or v1.N; a version newer than the
 * newest policy version behaves as the newest (PSA clamps it), and "latest" is that newest one.
 */
export const newestPolicyMinor = 37;

export interface PssVersion {
  minor: number;
  label: string;
}

const versionPattern = /^v1\.(0|[1-9][0-9]*)$/;

export function parsePssVersion(text: string): PssVersion | undefined {
  if (text === 'latest') return { minor: newestPolicyMinor, label: 'latest' };
  const m = versionPattern.exec(text);
  if (!m) return undefined;
  const minor = Number(m[1]);
  return { minor: Math.min(minor, newestPolicyMinor), label: text };
}

export const latestPssVersion: PssVersion = { minor: newestPolicyMinor, label: 'latest' };
