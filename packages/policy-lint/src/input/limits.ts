/** Bounds that keep hostile input (alias bombs, huge files) from exhausting memory or time. */
export interface InputLimits {
  /** Largest file read, in bytes. */
  maxFileBytes: number;
  /**
   * Most nodes a document may expand to through aliases (billion-laughs protection). Aliases are
   * shared, not copied, when parsed, but anything that walks the value would see every expansion.
   */
  maxExpandedNodes: number;
  /** Most documents read from one file. */
  maxDocuments: number;
}

export const defaultInputLimits: InputLimits = {
  maxFileBytes: 64 * 1024 * 1024,
  maxExpandedNodes: 1_000_000,
  maxDocuments: 200_000,
};
