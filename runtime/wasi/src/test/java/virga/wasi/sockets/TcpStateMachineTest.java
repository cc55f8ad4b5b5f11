package virga.wasi.sockets;

import static org.assertj.core.api.Assertions.assertThat;
import static virga.wasi.sockets.Sock.code;
import static virga.wasi.sockets.Sock.loop4;
import static virga.wasi.sockets.Sock.loop6;
import static virga.wasi.sockets.Sock.ok;
import static virga.wasi.sockets.Sock.part;
import static virga.wasi.sockets.Sock.port;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import virga.component.values.Value;
import virga.wasi.NetworkPolicy;
import virga.wasi.io.Poller;

/** The TCP state machine and error codes, on real loopback sockets, without a guest. */
@Timeout(30)
class TcpStateMachineTest {

  @Test
  void finishWithoutStartIsNotInProgress() {
    try (Sock s = new Sock()) {
      Value t = s.newTcp("ipv4");
      assertThat(code(s.tcp("finish-bind", t))).isEqualTo("not-in-progress");
      assertThat(code(s.tcp("finish-connect", t))).isEqualTo("not-in-progress");
      assertThat(code(s.tcp("finish-listen", t))).isEqualTo("not-in-progress");
      assertThat(code(s.tcp("start-listen", t))).isEqualTo("invalid-state"); // not bound
      assertThat(code(s.tcp("accept", t))).isEqualTo("invalid-state");
      assertThat(code(s.tcp("local-address", t))).isEqualTo("invalid-state");
      assertThat(code(s.tcp("remote-address", t))).isEqualTo("invalid-state");
      assertThat(code(s.tcp("shutdown", t, Value.enumCase("both")))).isEqualTo("invalid-state");
      assertThat(s.tcp("is-listening", t)).isEqualTo(Value.bool(false));
      assertThat(s.tcp("address-family", t)).isEqualTo(Value.enumCase("ipv4"));
    }
  }

  @Test
  void bindTwiceListenAcceptWouldBlockAndConnectWhileListening() {
    try (Sock s = new Sock()) {
      Value t = s.newTcp("ipv4");
      assertThat(code(s.tcp("start-bind", t, s.net, loop4(0)))).isEqualTo("ok");
      assertThat(code(s.tcp("start-bind", t, s.net, loop4(0)))).isEqualTo("invalid-state");
      assertThat(code(s.tcp("start-listen", t))).isEqualTo("concurrency-conflict");
      assertThat(code(s.tcp("finish-bind", t))).isEqualTo("ok");
      assertThat(code(s.tcp("finish-bind", t))).isEqualTo("not-in-progress");
      int p = port(ok(s.tcp("local-address", t)));
      assertThat(p).isPositive();
      assertThat(code(s.tcp("start-listen", t))).isEqualTo("ok");
      assertThat(code(s.tcp("start-listen", t))).isEqualTo("concurrency-conflict");
      assertThat(code(s.tcp("finish-listen", t))).isEqualTo("ok");
      assertThat(s.tcp("is-listening", t)).isEqualTo(Value.bool(true));
      assertThat(port(ok(s.tcp("local-address", t)))).isEqualTo(p); // same port after listen
      assertThat(code(s.tcp("accept", t))).isEqualTo("would-block");
      assertThat(code(s.tcp("start-connect", t, s.net, loop4(p)))).isEqualTo("invalid-state");
      assertThat(code(s.tcp("start-bind", t, s.net, loop4(0)))).isEqualTo("invalid-state");
      assertThat(code(s.tcp("set-listen-backlog-size", t, Value.u64(10))))
          .isEqualTo("not-supported");
      assertThat(code(s.tcp("set-listen-backlog-size", t, Value.u64(0))))
          .isEqualTo("invalid-argument");
    }
  }

  @Test
  void listenerAcceptsAJavaClientAndStreamsCarryBytesBothWays() throws Exception {
    try (Sock s = new Sock()) {
      Value t = s.newTcp("ipv4");
      ok(s.tcp("start-bind", t, s.net, loop4(0)));
      ok(s.tcp("finish-bind", t));
      ok(s.tcp("start-listen", t));
      ok(s.tcp("finish-listen", t));
      int p = port(ok(s.tcp("local-address", t)));
      Value pollable = s.tcp("subscribe", t);
      assertThat(ready(s, pollable)).isFalse();
      try (Socket c = new Socket(InetAddress.getLoopbackAddress(), p)) {
        // poll really waits for the connection (the selector wakes it)
        assertThat(
                Poller.poll(
                    List.of(((virga.wasi.io.Pollable) ((Value.Own) pollable).rep()).readiness()),
                    System::nanoTime))
            .containsExactly(0);
        Value acc = ok(s.tcp("accept", t));
        Value conn = part(acc, 0);
        Value in = part(acc, 1);
        Value out = part(acc, 2);
        assertThat(port(ok(s.tcp("remote-address", conn)))).isEqualTo(c.getLocalPort());
        c.getOutputStream().write("ping".getBytes(StandardCharsets.UTF_8));
        Value got =
            ok(
                s.w.call(
                    "wasi:io/streams", "[method]input-stream.blocking-read", in, Value.u64(100)));
        assertThat(new String(virga.wasi.host.Vals.bytes(got), StandardCharsets.UTF_8))
            .isEqualTo("ping");
        ok(
            s.w.call(
                "wasi:io/streams",
                "[method]output-stream.blocking-write-and-flush",
                out,
                virga.wasi.host.Vals.bytes("pong".getBytes(StandardCharsets.UTF_8))));
        c.setSoTimeout(5000);
        byte[] b = c.getInputStream().readNBytes(4);
        assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo("pong");
        // shutdown(send): the client sees end of stream
        ok(s.tcp("shutdown", conn, Value.enumCase("send")));
        assertThat(c.getInputStream().read()).isEqualTo(-1);
        // the client closes: the guest's read ends with closed
        c.close();
        Value end =
            s.w.call("wasi:io/streams", "[method]input-stream.blocking-read", in, Value.u64(10));
        assertThat(((Value.ResultValue) end).isOk()).isFalse();
        assertThat(((Value.VariantValue) ((Value.ResultValue) end).payload()).caseName())
            .isEqualTo("closed");
      }
    }
  }

  @Test
  void connectToAJavaServerOnIpv4AndIpv6Loopback() throws Exception {
    for (String family : List.of("ipv4", "ipv6")) {
      InetAddress lo = InetAddress.getByName(family.equals("ipv4") ? "127.0.0.1" : "::1");
      try (Sock s = new Sock();
          ServerSocket server = new ServerSocket(0, 5, lo)) {
        Value t = s.newTcp(family);
        Value addr =
            family.equals("ipv4") ? loop4(server.getLocalPort()) : loop6(server.getLocalPort());
        assertThat(code(s.tcp("start-connect", t, s.net, addr))).isEqualTo("ok");
        assertThat(code(s.tcp("start-connect", t, s.net, addr))).isEqualTo("concurrency-conflict");
        Value streams = finishConnect(s, t);
        try (Socket peer = server.accept()) {
          assertThat(port(ok(s.tcp("remote-address", t)))).isEqualTo(server.getLocalPort());
          assertThat(port(ok(s.tcp("local-address", t)))).isEqualTo(peer.getPort());
          assertThat(code(s.tcp("finish-connect", t))).isEqualTo("not-in-progress");
          assertThat(code(s.tcp("start-connect", t, s.net, addr))).isEqualTo("invalid-state");
          ok(
              s.w.call(
                  "wasi:io/streams",
                  "[method]output-stream.blocking-write-and-flush",
                  part(streams, 1),
                  virga.wasi.host.Vals.bytes(new byte[] {1, 2, 3})));
          peer.setSoTimeout(5000);
          assertThat(peer.getInputStream().readNBytes(3)).containsExactly(1, 2, 3);
        }
      }
    }
  }

  @Test
  void connectionRefusedIsReportedByFinishConnect() throws Exception {
    int closedPort;
    try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      closedPort = ss.getLocalPort();
    }
    try (Sock s = new Sock()) {
      Value t = s.newTcp("ipv4");
      Value r = s.tcp("start-connect", t, s.net, loop4(closedPort));
      String c = code(r);
      if (c.equals("ok")) {
        Value p = s.tcp("subscribe", t);
        s.w.call("wasi:io/poll", "[method]pollable.block", p);
        c = code(s.tcp("finish-connect", t));
      }
      assertThat(c).isEqualTo("connection-refused");
      assertThat(code(s.tcp("start-connect", t, s.net, loop4(closedPort))))
          .isEqualTo("invalid-state");
    }
  }

  @Test
  void invalidArgumentsAreRejectedBeforeTouchingTheNetwork() {
    try (Sock s = new Sock()) {
      Value t4 = s.newTcp("ipv4");
      assertThat(code(s.tcp("start-bind", t4, s.net, loop6(0)))).isEqualTo("invalid-argument");
      assertThat(code(s.tcp("start-connect", t4, s.net, loop4(0)))).isEqualTo("invalid-argument");
      assertThat(code(s.tcp("start-connect", t4, s.net, Sock.v4(80, 0, 0, 0, 0))))
          .isEqualTo("invalid-argument");
      Value t6 = s.newTcp("ipv6");
      // ::ffff:127.0.0.1 on an IPv6 socket
      assertThat(
              code(
                  s.tcp("start-connect", t6, s.net, Sock.v6(80, 0, 0, 0, 0, 0, 0xffff, 0x7f00, 1))))
          .isEqualTo("invalid-argument");
      assertThat(code(s.tcp("set-keep-alive-idle-time", t4, Value.u64(0))))
          .isEqualTo("invalid-argument");
      assertThat(code(s.tcp("set-hop-limit", t4, Value.u8(0)))).isEqualTo("invalid-argument");
      assertThat(code(s.tcp("set-receive-buffer-size", t4, Value.u64(0))))
          .isEqualTo("invalid-argument");
      assertThat(code(s.tcp("set-keep-alive-count", t4, Value.u32(0))))
          .isEqualTo("invalid-argument");
    }
  }

  @Test
  void socketOptionsRoundTrip() {
    try (Sock s = new Sock()) {
      Value t = s.newTcp("ipv4");
      ok(s.tcp("set-keep-alive-enabled", t, Value.bool(true)));
      assertThat(ok(s.tcp("keep-alive-enabled", t))).isEqualTo(Value.bool(true));
      ok(s.tcp("set-keep-alive-enabled", t, Value.bool(false)));
      assertThat(ok(s.tcp("keep-alive-enabled", t))).isEqualTo(Value.bool(false));
      ok(s.tcp("set-keep-alive-idle-time", t, Value.u64(30_000_000_000L)));
      assertThat(ok(s.tcp("keep-alive-idle-time", t))).isEqualTo(Value.u64(30_000_000_000L));
      ok(s.tcp("set-keep-alive-interval", t, Value.u64(1_500_000_000L))); // rounds up to 2 s
      assertThat(ok(s.tcp("keep-alive-interval", t))).isEqualTo(Value.u64(2_000_000_000L));
      ok(s.tcp("set-keep-alive-count", t, Value.u32(5)));
      assertThat(ok(s.tcp("keep-alive-count", t))).isEqualTo(Value.u32(5));
      ok(s.tcp("set-hop-limit", t, Value.u8(12)));
      assertThat(ok(s.tcp("hop-limit", t))).isEqualTo(Value.u8(12));
      ok(s.tcp("set-receive-buffer-size", t, Value.u64(64 * 1024)));
      assertThat(((Value.U64) ok(s.tcp("receive-buffer-size", t))).value())
          .isGreaterThanOrEqualTo(64 * 1024);
      ok(s.tcp("set-send-buffer-size", t, Value.u64(32 * 1024)));
      assertThat(((Value.U64) ok(s.tcp("send-buffer-size", t))).value())
          .isGreaterThanOrEqualTo(32 * 1024);
      ok(s.tcp("set-listen-backlog-size", t, Value.u64(3)));
      // a huge buffer request is clamped, never an exception
      assertThat(code(s.tcp("set-receive-buffer-size", t, Value.u64(-1L)))).isEqualTo("ok");
    }
  }

  @Test
  void policyIsAskedWithTheCallerAndDenialIsAccessDenied() throws Exception {
    WasmCloudNetworkPolicy p = new WasmCloudNetworkPolicy(List.of("127.0.0.1:1"), List.of());
    try (Sock comp = new Sock(p, NetworkPolicy.Caller.component("w", "c"));
        Sock svc = new Sock(p, NetworkPolicy.Caller.service("w", "s"))) {
      Value t = comp.newTcp("ipv4");
      assertThat(code(comp.tcp("start-bind", t, comp.net, loop4(0)))).isEqualTo("access-denied");
      assertThat(code(comp.tcp("start-bind", t, comp.net, loop4(0)))).isEqualTo("access-denied");
      Value st = svc.newTcp("ipv4");
      assertThat(code(svc.tcp("start-bind", st, svc.net, Sock.v4(0, 0, 0, 0, 0)))).isEqualTo("ok");
      ok(svc.tcp("finish-bind", st));
      // 0.0.0.0 was rewritten to loopback
      Value local = ok(svc.tcp("local-address", st));
      assertThat(local).isEqualTo(Sock.loop4(port(local)));
      try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
        Value c = comp.newTcp("ipv4");
        assertThat(code(comp.tcp("start-connect", c, comp.net, loop4(server.getLocalPort()))))
            .isEqualTo("access-denied");
      }
    }
  }

  @Test
  void socketLimitIsNewSocketLimit() {
    try (Sock s = new Sock()) {
      var ctx = s.w.ctx;
      var binder =
          virga.wasi.Wasi.addToLinker(
              new virga.component.Linker(),
              ctx,
              List.of(new virga.wasi.io.WasiIo(), new WasiSockets(2, 1_000_000_000L)));
      var create = binder.function("wasi:sockets/tcp-create-socket", "create-tcp-socket");
      Value a = create.call(Value.enumCase("ipv4"));
      Value b = create.call(Value.enumCase("ipv4"));
      assertThat(code(a)).isEqualTo("ok");
      assertThat(code(b)).isEqualTo("ok");
      assertThat(code(create.call(Value.enumCase("ipv4")))).isEqualTo("new-socket-limit");
      ((virga.wasi.host.HostResource) ((Value.Own) ok(a)).rep()).close();
      assertThat(code(create.call(Value.enumCase("ipv4")))).isEqualTo("ok");
    }
  }

  static boolean ready(Sock s, Value pollable) {
    return ((Value.Bool) s.w.call("wasi:io/poll", "[method]pollable.ready", pollable)).value();
  }

  static Value finishConnect(Sock s, Value t) {
    for (int i = 0; i < 1000; i++) {
      Value r = s.tcp("finish-connect", t);
      if (code(r).equals("ok")) {
        return ok(r);
      }
      assertThat(code(r)).isEqualTo("would-block");
      s.w.call("wasi:io/poll", "[method]pollable.block", s.tcp("subscribe", t));
    }
    throw new AssertionError("never connected");
  }

  @SuppressWarnings("unused")
  private static void unused(InputStream i, OutputStream o) {}
}
