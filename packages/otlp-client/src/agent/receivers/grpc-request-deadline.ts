import * as grpc from '@grpc/grpc-js';

/**
 * A server-side deadline for receiving a call's request message: a client that opens a call and
 * trickles its message (or never sends it) holds a stream and its buffers; after `timeoutMs` it
 * gets DEADLINE_EXCEEDED and the stream is closed. The HTTP/2 equivalent of node:http's
 * requestTimeout on the OTLP/HTTP receiver.
 */
export function requestDeadlineInterceptor(timeoutMs: number, setting: string): grpc.ServerInterceptor {
  return (_method, call) => {
    let timer: NodeJS.Timeout | undefined;
    const clear = () => {
      clearTimeout(timer);
      timer = undefined;
    };
    return new grpc.ServerInterceptingCall(call, {
      start: (next) => {
        timer = setTimeout(() => {
          timer = undefined;
          call.sendStatus({
            code: grpc.status.DEADLINE_EXCEEDED,
            details: `the request message did not arrive within ${setting} (${timeoutMs} ms)`,
          });
        }, timeoutMs);
        timer.unref();
        next({
          onReceiveMessage: (message, pass) => {
            clear();
            pass(message);
          },
          onCancel: clear,
        });
      },
      sendStatus: (status, pass) => {
        clear();
        pass(status);
      },
    });
  };
}
