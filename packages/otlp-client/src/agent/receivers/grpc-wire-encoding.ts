import * as grpc from '@grpc/grpc-js';

/** Metadata key under which the receiver learns how the request message travelled. */
export const wireEncodingKey = 'otlp-kit-wire-encoding';

/**
 * grpc-js decompresses a message before the handler sees it and removes `grpc-encoding` from the
 * metadata, so the handler cannot tell a 5 MiB identity message (above max_request_bytes) from a
 * 180 KiB gzip one that inflates to 5 MiB (within max_decompressed_bytes), as the HTTP receiver
 * can. This interceptor puts the call's incoming encoding back into the metadata under
 * `wireEncodingKey`. grpc-js keeps it on the call object it gives the first interceptor
 * (`incomingEncoding`, not part of its typed API): when a grpc-js upgrade loses it, the key says
 * "unknown" and the receiver applies the stricter identity limit, never a looser one.
 */
export const wireEncodingInterceptor: grpc.ServerInterceptor = (_method, call) => {
  const encoding = (call as unknown as { incomingEncoding?: unknown }).incomingEncoding;
  return new grpc.ServerInterceptingCall(call, {
    start: (next) =>
      next({
        onReceiveMetadata: (metadata, pass) => {
          metadata.set(wireEncodingKey, typeof encoding === 'string' ? encoding : 'unknown');
          pass(metadata);
        },
      }),
  });
};
