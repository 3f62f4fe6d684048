import { load, YAMLException } from 'js-yaml';
import { asArray, isObject } from '../model/path.js';
import type { FieldPath, JsonObject, K8sObject, SourceLocation } from '../model/types.js';
import { expandedSize, LineIndex, splitDocuments } from './documents.js';
import type { DocumentChunk } from './documents.js';
import { defaultInputLimits } from './limits.js';
import type { InputLimits } from './limits.js';
import { PositionIndex } from './positions.js';
import { lineTable, locateInLines } from './block-locator.js';
import type { Line } from './block-locator.js';

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

const sourceComment = /^#\s*Source:\s*(\S+)\s*$/m;
const aliasToken = /(?:^|[\s,[{:-])\*[^\s,\]}]+/;

/**
 * Parses one multi-document YAML (or JSON) text into Kubernetes objects, never throwing. Values
 * are parsed without positions (fast); a document is parsed again with positions only when a
 * finding asks where one of its fields is.
 */
export function parseManifests(text: string, file: string, options: ParseOptions = {}): ParsedInput {
  const limits = { ...defaultInputLimits, ...options.limits };
  const objects: K8sObject[] = [];
  const problems: InputProblem[] = [];
  const lines = new LineIndex(text);
  if (Buffer.byteLength(text) > limits.maxFileBytes) {
    problems.push({
      ruleId: 'input-too-large',
      message: `file is larger than ${limits.maxFileBytes} bytes; not read`,
      location: { file, line: 1, column: 1 },
    });
    return { objects, problems };
  }
  let chunks = splitDocuments(text);
  if (chunks.length > limits.maxDocuments) {
    problems.push({
      ruleId: 'input-too-large',
      message: `file holds ${chunks.length} documents, more than the limit of ${limits.maxDocuments}; only the first ${limits.maxDocuments} are read`,
      location: { file, line: 1, column: 1 },
    });
    chunks = chunks.slice(0, limits.maxDocuments);
  }
  for (const chunk of chunks) {
    parseChunk(chunk, file, lines, limits, options, objects, problems);
  }
  return { objects, problems };
}

function parseChunk(
  chunk: DocumentChunk,
  file: string,
  lines: LineIndex,
  limits: InputLimits,
  options: ParseOptions,
  objects: K8sObject[],
  problems: InputProblem[],
): void {
  let body: unknown;
  try {
    body = load(chunk.text, { filename: file });
  } catch (err) {
    if (!(err instanceof YAMLException)) throw err;
    const mark = (err as YAMLException & { mark?: { position: number } }).mark;
    problems.push({
      ruleId: 'input-parse-error',
      message: `YAML: ${err.reason}`,
      location: { file, ...lines.position(chunk.offset + (mark?.position ?? 0)) },
    });
    return;
  }
  if (body === undefined || body === null) return;
  if (
    chunk.text.includes('*') &&
    aliasToken.test(chunk.text) &&
    expandedSize(body, limits.maxExpandedNodes) > limits.maxExpandedNodes
  ) {
    problems.push({
      ruleId: 'input-parse-error',
      message: `YAML: document expands to more than ${limits.maxExpandedNodes} nodes through aliases (alias bomb); not read`,
      location: { file, ...lines.position(chunk.offset) },
    });
    return;
  }
  const source = sourceComment.exec(chunk.text.slice(0, 1024));
  let origin = { file, lineOffset: 0 };
  if (source) {
    const root = options.sourceRoot ? `${options.sourceRoot.replace(/\/$/, '')}/` : '';
    // Lines are counted from the comment, so the first line after it is line 1 of the template.
    origin = { file: root + source[1], lineOffset: lines.position(chunk.offset + source.index).line };
  }
  let index: PositionIndex | undefined;
  let table: readonly Line[] | undefined;
  const locate = (path: FieldPath): SourceLocation => {
    table ??= lineTable(chunk.text);
    let offset = locateInLines(table, path);
    if (offset === undefined) {
      index ??= new PositionIndex(chunk.text);
      offset = index.offsetOf(path);
    }
    const pos = lines.position(chunk.offset + offset);
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
  if (
    isObject(body) &&
    typeof body.kind === 'string' &&
    body.kind.endsWith('List') &&
    Array.isArray(body.items)
  ) {
    asArray(body.items).forEach((item, i) => push(item, ['items', i]));
  } else {
    push(body, []);
  }
}

function validateObject(value: unknown): JsonObject | string {
  if (!isObject(value)) return 'document is not a mapping, so not a Kubernetes object';
  if (typeof value.apiVersion !== 'string' || value.apiVersion === '') return 'object has no apiVersion';
  if (typeof value.kind !== 'string' || value.kind === '') return 'object has no kind';
  return value;
}
