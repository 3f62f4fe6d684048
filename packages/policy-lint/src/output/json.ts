import type { LintResult } from '../engine.js';

/** One JSON document: {"findings": [...], "summary": {...}}. */
export function formatJson(result: LintResult): string {
  return JSON.stringify({ findings: result.findings, summary: result.summary }, null, 2) + '\n';
}
