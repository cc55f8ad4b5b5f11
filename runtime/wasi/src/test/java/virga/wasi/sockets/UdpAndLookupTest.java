package virga.wasi.sockets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static virga.wasi.sockets.Sock.code;
import static virga.wasi.sockets.Sock.loop4;
import static virga.wasi.sockets.Sock.ok;
import static virga.wasi.sockets.Sock.part;
import static virga.wasi.sockets.Sock.port;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import virga.component.TrapException;
import virga.component.values.Value;
import virga.wasi.NetworkPolicy.Caller;
import virga.wasi.host.Vals;

/** UDP state machine and datagrams on real loopback sockets; ip-name-lookup with its policy. */
@Timeout(30)
class UdpAndLookupTest {
  static Value datagram(byte[] data, Value to) {
    return Value.record(
        Value.field("data", Vals.bytes(data)),
        Value.field("remote-address", to == null ? Value.none() : Value.some(to)));
  }

  @Test
  void udpRoundTripWithAJavaPeer() throws Exception {
    try (Sock s = new Sock();
        DatagramSocket peer = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
      peer.setSoTimeout(5000);
      Value u = s.newUdp("ipv4");
      assertThat(code(s.udp("stream", u, Value.none()))).isEqualTo("invalid-state");
      assertThat(code(s.udp("finish-bind", u))).isEqualTo("not-in-progress");
      ok(s.udp("start-bind", u, s.net, loop4(0)));
      assertThat(code(s.udp("start-bind", u, s.net, loop4(0)))).isEqualTo("invalid-state");
      ok(s.udp("finish-bind", u));
      int myPort = port(ok(s.udp("local-address", u)));
      assertThat(code(s.udp("remote-address", u))).isEqualTo("invalid-state");
      Value streams = ok(s.udp("stream", u, Value.none()));
      Value in = part(streams, 0);
      Value out = part(streams, 1);
      String od = "[method]outgoing-datagram-stream.";
      assertThat(ok(s.w.call("wasi:sockets/udp", od + "check-send", out))).isEqualTo(Value.u64(64));
      Value sent =
          s.w.call(
              "wasi:sockets/udp",
              od + "send",
              out,
              Value.list(datagram("hello".getBytes(), loop4(peer.getLocalPort()))));
      assertThat(ok(sent)).isEqualTo(Value.u64(1));
      DatagramPacket p = new DatagramPacket(new byte[100], 100);
      peer.receive(p);
      assertThat(new String(p.getData(), 0, p.getLength())).isEqualTo("hello");
      assertThat(p.getPort()).isEqualTo(myPort);
      // a datagram without address on an unconnected stream is invalid-argument
      assertThat(
              code(
                  s.w.call(
                      "wasi:sockets/udp",
                      od + "send",
                      out,
                      Value.list(datagram(new byte[1], null)))))
          .isEqualTo("invalid-argument");
      // reply from the peer: wait on the incoming stream's pollable, then receive
      peer.send(
          new DatagramPacket("world".getBytes(), 5, InetAddress.getByName("127.0.0.1"), myPort));
      String id = "[method]incoming-datagram-stream.";
      Value poll = s.w.call("wasi:sockets/udp", id + "subscribe", in);
      s.w.call("wasi:io/poll", "[method]pollable.block", poll);
      List<Value> got =
          ((Value.ListValue) ok(s.w.call("wasi:sockets/udp", id + "receive", in, Value.u64(10))))
              .elements();
      assertThat(got).hasSize(1);
      Value.RecordValue d = (Value.RecordValue) got.get(0);
      assertThat(new String(Vals.bytes(d.get("data")))).isEqualTo("world");
      assertThat(port(d.get("remote-address"))).isEqualTo(peer.getLocalPort());
      // connected stream: remote-address set, old streams replaced
      Value streams2 = ok(s.udp("stream", u, Value.some(loop4(peer.getLocalPort()))));
      assertThat(port(ok(s.udp("remote-address", u)))).isEqualTo(peer.getLocalPort());
      assertThat(code(s.w.call("wasi:sockets/udp", od + "check-send", out)))
          .isEqualTo("invalid-state");
      Value out2 = part(streams2, 1);
      // more datagrams than check-send permitted traps, as the WIT says
      assertThatThrownBy(
              () ->
                  s.w.call(
                      "wasi:sockets/udp",
                      od + "send",
                      out2,
                      Value.list(datagram(new byte[1], null))))
          .isInstanceOf(TrapException.class);
      ok(s.w.call("wasi:sockets/udp", od + "check-send", out2));
      assertThat(
              code(
                  s.w.call(
                      "wasi:sockets/udp",
                      od + "send",
                      out2,
                      Value.list(datagram(new byte[70_000], null)))))
          .isEqualTo("datagram-too-large");
      assertThat(code(s.udp("set-unicast-hop-limit", u, Value.u8(0))))
          .isEqualTo("invalid-argument");
    }
  }

  @Test
  void udpBindAndSendFollowTheWasmCloudPolicy() {
    try (Sock s = new Sock(WasmCloudNetworkPolicy.closed(), Caller.component("w", "c"))) {
      Value u = s.newUdp("ipv4");
      ok(s.udp("start-bind", u, s.net, Sock.v4(0, 0, 0, 0, 0))); // unspecified → loopback
      ok(s.udp("finish-bind", u));
      Value local = ok(s.udp("local-address", u));
      assertThat(local).isEqualTo(loop4(port(local)));
      assertThat(code(s.udp("stream", u, Value.some(loop4(9))))).isEqualTo("access-denied");
      Value out = part(ok(s.udp("stream", u, Value.none())), 1);
      String od = "[method]outgoing-datagram-stream.";
      ok(s.w.call("wasi:sockets/udp", od + "check-send", out));
      assertThat(
              code(
                  s.w.call(
                      "wasi:sockets/udp",
                      od + "send",
                      out,
                      Value.list(datagram(new byte[1], loop4(9))))))
          .isEqualTo("access-denied");
    }
  }

  static Value lookup(Sock s, String name) {
    return s.w.call("wasi:sockets/ip-name-lookup", "resolve-addresses", s.net, Value.string(name));
  }

  static List<Value> drain(Sock s, Value stream) {
    String m = "[method]resolve-address-stream.";
    s.w.call(
        "wasi:io/poll",
        "[method]pollable.block",
        s.w.call("wasi:sockets/ip-name-lookup", m + "subscribe", stream));
    List<Value> out = new java.util.ArrayList<>();
    for (int i = 0; i < 100; i++) {
      Value.OptionValue o =
          (Value.OptionValue)
              ok(s.w.call("wasi:sockets/ip-name-lookup", m + "resolve-next-address", stream));
      if (!o.isSome()) {
        return out;
      }
      out.add(o.value());
    }
    throw new AssertionError("endless address stream");
  }

  @Test
  void nameLookupsFollowAllowedIpNameLookups() {
    WasmCloudNetworkPolicy p =
        new WasmCloudNetworkPolicy(List.of(), List.of("localhost", "127.0.0.1"));
    try (Sock s = new Sock(p, Caller.component("w", "c"))) {
      assertThat(code(lookup(s, "example.org"))).isEqualTo("permanent-resolver-failure");
      assertThat(code(lookup(s, ""))).isEqualTo("invalid-argument");
      assertThat(code(lookup(s, "a b"))).isEqualTo("invalid-argument");
      assertThat(code(lookup(s, "host:80"))).isEqualTo("invalid-argument");
      List<Value> lit = drain(s, ok(lookup(s, "127.0.0.1")));
      assertThat(lit)
          .containsExactly(
              Value.variant(
                  "ipv4", Value.tuple(Value.u8(127), Value.u8(0), Value.u8(0), Value.u8(1))));
      List<Value> lo = drain(s, ok(lookup(s, "localhost")));
      assertThat(lo).isNotEmpty();
    }
    try (Sock none = new Sock(WasmCloudNetworkPolicy.closed(), Caller.service("w", "s"))) {
      assertThat(code(lookup(none, "localhost"))).isEqualTo("permanent-resolver-failure");
    }
  }
}
