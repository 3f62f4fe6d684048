import { LineCounter, parseAllDocuments, isNode } from 'yaml';
import type { Document, Node } from 'yaml';
import { asArray, isObject } from '../model/path.js';
import type { FieldPath, JsonObject, K8sObject, SourceLocation } from '../model/types.js';
import { defaultInputLimits } from './limits.js';
import type { InputLimits } from './limits.js';

/** A problem with the input itself, reported as a finding of the `input` family. */
export interface InputProblem {
  ruleId: 'input-parse-error' | 'input-invalid-object' | 'input-too-large';
  message: string;
  location: SourceLocation;
}

export interface ParsedInput {
  objects: K8sObject[];
  problems: InputProblem[];
}

export interface ParseOptions {
  limits?: Partial<InputLimits>;
  /** Prefix for paths named by Helm's `# Source:` comments, to make them repository-relative. */
  sourceRoot?: string;
}

const sourceComment = /^\s*Source:\s*(\S+)\s*$/m;

/** Parses one multi-document YAML (or JSON) text into Kubernetes objects, never throwing. */
export function parseManifests(text: string, file: string, options: ParseOptions = {}): ParsedInput {
  const limits = { ...defaultInputLimits, ...options.limits };
  const objects: K8sObject[] = [];
  const problems: InputProblem[] = [];
  const lineCounter = new LineCounter();
  const at = (offset: number): { line: number; column: number } => {
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  if (Buffer.byteLength(text) > limits.maxFileBytes) {
    problems.push({
      ruleId: 'input-too-large',
      message: `file is larger than ${limits.maxFileBytes} bytes; not read`,
      location: { file, line: 1, column: 1 },
    });
    return { objects, problems };
  }
  const docs = parseAllDocuments(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const list = Array.isArray(docs) ? docs : [docs];
  if (list.length > limits.maxDocuments) {
    problems.push({
      ruleId: 'input-too-large',
      message: `file holds ${list.length} documents, more than the limit of ${limits.maxDocuments}; only the first ${limits.maxDocuments} are read`,
      location: { file, line: 1, column: 1 },
    });
  }
  for (const doc of list.slice(0, limits.maxDocuments)) {
    const docStart = doc.range?.[0] ?? 0;
    if (doc.errors.length > 0) {
      for (const err of doc.errors) {
        const pos = at(err.pos[0]);
        problems.push({
          ruleId: 'input-parse-error',
          message: `YAML: ${err.message.split('\n')[0]}`,
          location: { file, ...pos },
        });
      }
      continue;
    }
    if (doc.contents === null) continue;
    let body: unknown;
    try {
      body = doc.toJS({ maxAliasCount: limits.maxAliasCount });
    } catch (err) {
      problems.push({
        ruleId: 'input-parse-error',
        message: `YAML: ${(err as Error).message.split('\n')[0]}`,
        location: { file, ...at(docStart) },
      });
      continue;
    }
    const helmSource = sourceOf(doc, text);
    const origin = helmSource
      ? { file: options.sourceRoot ? `${options.sourceRoot.replace(/\/$/, '')}/${helmSource.path}` : helmSource.path, lineOffset: at(helmSource.offset).line }
      : { file, lineOffset: 0 };
    const locate = (path: FieldPath): SourceLocation => {
      const node = nearestNode(doc, path);
      const offset = node?.range?.[0] ?? docStart;
      const pos = at(offset);
      return { file: origin.file, line: Math.max(1, pos.line - origin.lineOffset), column: pos.column };
    };
    const push = (value: unknown, basePath: FieldPath): void => {
      const check = validateObject(value);
      if (typeof check === 'string') {
        problems.push({ ruleId: 'input-invalid-object', message: check, location: locate(basePath) });
        return;
      }
      const meta = isObject(check.metadata) ? check.metadata : {};
      objects.push({
        apiVersion: check.apiVersion as string,
        kind: check.kind as string,
        name: typeof meta.name === 'string' ? meta.name : '',
        namespace: typeof meta.namespace === 'string' && meta.namespace !== '' ? meta.namespace : undefined,
        body: check,
        basePath,
        locate: (path) => locate([...basePath, ...path]),
      });
    };
    if (isObject(body) && typeof body.kind === 'string' && body.kind.endsWith('List') && Array.isArray(body.items)) {
      asArray(body.items).forEach((item, i) => push(item, ['items', i]));
    } else {
      push(body, []);
    }
  }
  return { objects, problems };
}

function validateObject(value: unknown): JsonObject | string {
  if (!isObject(value)) return 'document is not a mapping, so not a Kubernetes object';
  if (typeof value.apiVersion !== 'string' || value.apiVersion === '') return 'object has no apiVersion';
  if (typeof value.kind !== 'string' || value.kind === '') return 'object has no kind';
  return value;
}

/** The `# Source: chart/templates/x.yaml` comment Helm writes above each rendered document. */
function sourceOf(doc: Document, text: string): { path: string; offset: number } | undefined {
  const match = doc.commentBefore ? sourceComment.exec(doc.commentBefore) : null;
  if (!match) return undefined;
  const start = doc.range?.[0] ?? 0;
  const idx = text.indexOf(`Source: ${match[1]}`, Math.max(0, start - 4096));
  return { path: match[1], offset: idx >= 0 ? idx : start };
}

/** The node at `path`, or its closest existing ancestor, so a missing field points at its parent. */
function nearestNode(doc: Document, path: FieldPath): Node | undefined {
  for (let len = path.length; len >= 0; len--) {
    const node: unknown = len === 0 ? doc.contents : doc.getIn(path.slice(0, len), true);
    if (isNode(node) && node.range) return node;
  }
  return undefined;
}
