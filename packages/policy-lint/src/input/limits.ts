/** Bounds that keep hostile input (alias bombs, huge files) from exhausting memory or time. */
export interface InputLimits {
  /** Largest file read, in bytes. */
  maxFileBytes: number;
  /** Most alias dereferences per document before it is refused (the yaml library's guard). */
  maxAliasCount: number;
  /** Most documents read from one file. */
  maxDocuments: number;
}

export const defaultInputLimits: InputLimits = {
  maxFileBytes: 64 * 1024 * 1024,
  maxAliasCount: 100,
  maxDocuments: 200_000,
};
