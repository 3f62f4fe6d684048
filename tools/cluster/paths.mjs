import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The build cache lives outside the repository (a fresh clone, and CI on the same machine, reuse
 * it): OTLP_KIT_CLUSTER_CACHE, else $XDG_CACHE_HOME/otlp-kit-cluster, else ~/.cache/otlp-kit-cluster.
 */
export function cacheDir(env = process.env) {
  if (env.OTLP_KIT_CLUSTER_CACHE) return env.OTLP_KIT_CLUSTER_CACHE;
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'otlp-kit-cluster');
}

export const binDir = (cache = cacheDir()) => join(cache, 'bin');
export const goPath = (cache = cacheDir()) => join(cache, 'gopath');
export const goCache = (cache = cacheDir()) => join(cache, 'gocache');
export const moduleDir = (cache, name) => join(cache, 'src', name);
