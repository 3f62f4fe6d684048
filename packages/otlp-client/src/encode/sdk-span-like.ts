/*
 * The shape of the OpenTelemetry JS SDK's ReadableSpan (sdk-trace-base 2.x), described here so
 * that this package has no SDK inside: anything of this shape encodes.
 */
export type Attributes = Record<string, unknown>;
export type HrTime = readonly [number, number];
interface SpanContextLike {
  traceId: string;
  spanId: string;
  traceFlags: number;
  isRemote?: boolean;
  traceState?: { serialize(): string };
}
export interface SdkSpanLike {
  name: string;
  kind: number;
  spanContext(): SpanContextLike;
  parentSpanContext?: SpanContextLike;
  startTime: HrTime;
  endTime: HrTime;
  attributes: Attributes;
  droppedAttributesCount: number;
  events: readonly { name: string; time: HrTime; attributes?: Attributes; droppedAttributesCount?: number }[];
  droppedEventsCount: number;
  links: readonly { context: SpanContextLike; attributes?: Attributes; droppedAttributesCount?: number }[];
  droppedLinksCount: number;
  status: { code: number; message?: string };
  resource: { attributes: Attributes; schemaUrl?: string };
  instrumentationScope: { name: string; version?: string; schemaUrl?: string };
}
