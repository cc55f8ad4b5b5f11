package virga.wasi.sockets;

import java.util.ArrayList;
import java.util.List;
import virga.component.values.Value;
import virga.wasi.NetworkPolicy;
import virga.wasi.TestWasi;
import virga.wasi.WasiContext;

/** wasi:sockets host functions called directly (no guest), with small value helpers. */
final class Sock implements AutoCloseable {
  final TestWasi w;
  final Value net;

  Sock(NetworkPolicy policy, NetworkPolicy.Caller caller) {
    w = new TestWasi(WasiContext.builder().networkPolicy(policy).caller(caller).build());
    net = w.call("wasi:sockets/instance-network", "instance-network");
  }

  Sock() {
    this(NetworkPolicy.ALLOW_ALL, NetworkPolicy.Caller.service("w", "svc"));
  }

  Value tcp(String m, Value... args) {
    return w.call("wasi:sockets/tcp", "[method]tcp-socket." + m, args);
  }

  Value udp(String m, Value... args) {
    return w.call("wasi:sockets/udp", "[method]udp-socket." + m, args);
  }

  Value newTcp(String family) {
    return ok(
        w.call("wasi:sockets/tcp-create-socket", "create-tcp-socket", Value.enumCase(family)));
  }

  Value newUdp(String family) {
    return ok(
        w.call("wasi:sockets/udp-create-socket", "create-udp-socket", Value.enumCase(family)));
  }

  static Value v4(int port, int a, int b, int c, int d) {
    return Value.variant(
        "ipv4",
        Value.record(
            Value.field("port", Value.u16(port)),
            Value.field(
                "address", Value.tuple(Value.u8(a), Value.u8(b), Value.u8(c), Value.u8(d)))));
  }

  static Value loop4(int port) {
    return v4(port, 127, 0, 0, 1);
  }

  static Value v6(int port, int... words) {
    List<Value> ws = new ArrayList<>();
    for (int x : words) {
      ws.add(Value.u16(x));
    }
    return Value.variant(
        "ipv6",
        Value.record(
            Value.field("port", Value.u16(port)),
            Value.field("flow-info", Value.u32(0)),
            Value.field("address", new Value.TupleValue(ws)),
            Value.field("scope-id", Value.u32(0))));
  }

  static Value loop6(int port) {
    return v6(port, 0, 0, 0, 0, 0, 0, 0, 1);
  }

  static Value ok(Value r) {
    Value.ResultValue rv = (Value.ResultValue) r;
    if (!rv.isOk()) {
      throw new AssertionError("expected ok, got err " + rv.payload());
    }
    return rv.payload();
  }

  /** The error-code label of an err result, or "ok". */
  static String code(Value r) {
    Value.ResultValue rv = (Value.ResultValue) r;
    return rv.isOk() ? "ok" : ((Value.EnumValue) rv.payload()).label();
  }

  static int port(Value socketAddress) {
    Value.RecordValue r = (Value.RecordValue) ((Value.VariantValue) socketAddress).payload();
    return ((Value.U16) r.get("port")).value();
  }

  static Value part(Value tuple, int i) {
    return ((Value.TupleValue) tuple).elements().get(i);
  }

  @Override
  public void close() {
    w.ctx.close();
  }
}
