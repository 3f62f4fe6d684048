import type { Rule } from '../types.js';

/** The tag of an image reference, '' when untagged; digests are handled by the caller. */
export function imageTag(image: string): string {
  const lastSlash = image.lastIndexOf('/');
  const name = image.slice(lastSlash + 1);
  const colon = name.lastIndexOf(':');
  return colon >= 0 ? name.slice(colon + 1) : '';
}

export const hardeningImageTag: Rule = {
  id: 'hardening-image-tag',
  family: 'hardening',
  defaultSeverity: 'warning',
  description: 'A container image is untagged or tagged latest.',
  remediation: 'Pin the image by an immutable version tag, or better by digest (@sha256:...).',
  check(ctx, report) {
    for (const pod of ctx.pods) {
      for (const c of pod.containers) {
        const image = c.container.image;
        if (typeof image !== 'string' || image.includes('@sha256:')) continue;
        const tag = imageTag(image);
        if (tag === '' || tag === 'latest') {
          report({
            object: pod.object,
            path: [...c.path, 'image'],
            message: `container "${c.name}" uses image "${image}" ${tag ? 'tagged latest' : 'without a tag'}`,
          });
        }
      }
    }
  },
};
