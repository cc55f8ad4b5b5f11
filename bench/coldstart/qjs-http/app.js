// QuickJS (componentize-qjs 0.4.5 --sync) HTTP guest for bench/coldstart, on the wasi:http 0.2 resources directly
// (the runtime has no fetch event). run.sh tries to build it on every run and reports why when it cannot.
import types from 'wasi:http/types@0.2.12';

const { Fields, OutgoingResponse, OutgoingBody, ResponseOutparam } = types;
const ascii = (s) => Uint8Array.from(s, (c) => c.charCodeAt(0));

export const incomingHandler = {
  handle(request, responseOut) {
    const response = new OutgoingResponse(Fields.fromList([['content-type', ascii('text/plain')]]));
    response.setStatusCode(200);
    const body = response.body();
    ResponseOutparam.set(responseOut, { tag: 'ok', val: response });
    const out = body.write();
    out.blockingWriteAndFlush(ascii('hello from QuickJS\n'));
    out[Symbol.dispose](); // the stream is a child of the body: drop it before finishing the body
    OutgoingBody.finish(body, null);
  },
};
