package virga.host.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import virga.component.Linker;
import virga.component.values.Value;
import virga.component.wit.HostBinder;
import virga.wasi.NetworkPolicy.Caller;
import virga.wasi.Wasi;
import virga.wasi.WasiContext;
import virga.wasi.host.Vals;
import virga.wasi.sockets.WasmCloudNetworkPolicy;

/**
 * The per-workload virtual loopback on real sockets with the real tcp-echo guest: two workloads'
 * services listen on the same 127.0.0.1 port, each workload's component reaches its own service
 * only, and nothing reaches a listener that is not the workload's.
 */
@Timeout(120)
class WorkloadLoopbackIT {
  private static final String ACCESS_DENIED = "1"; // wasi:sockets error-code access-denied

  private final LoopbackAllocator allocator = new LoopbackAllocator();
  private final List<AutoCloseable> cleanup = new ArrayList<>();
  private WorkloadNetworkPolicy a;
  private WorkloadNetworkPolicy b;

  @BeforeEach
  void workloads() {
    allocator.checkUsable();
    a = new WorkloadNetworkPolicy(allocator.allocate("wl-a"), WasmCloudNetworkPolicy.closed());
    b = new WorkloadNetworkPolicy(allocator.allocate("wl-b"), WasmCloudNetworkPolicy.closed());
  }

  @AfterEach
  void release() throws Exception {
    for (AutoCloseable c : cleanup) {
      c.close();
    }
    allocator.release("wl-a");
    allocator.release("wl-b");
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }

  @Test
  void twoWorkloadsListenOnTheSamePortAndEachComponentReachesItsOwnService() throws Exception {
    int port = freePort();
    EchoGuest serviceA = EchoGuest.serve(port, 1, a, Caller.service("wl-a", "echo"));
    EchoGuest serviceB = EchoGuest.serve(port, 1, b, Caller.service("wl-b", "echo"));
    String listening = "listening on 127.0.0.1:" + port;
    assertThat(serviceA.awaitOutput(listening, 60_000)).as(serviceA.out()).isTrue();
    assertThat(serviceB.awaitOutput(listening, 60_000)).as(serviceB.out()).isTrue();
    assertThat(a.tcpListeners()).containsExactly(port);
    assertThat(b.tcpListeners()).containsExactly(port);

    EchoGuest clientA = EchoGuest.connect(port, "from-a", a, Caller.component("wl-a", "api"));
    assertThat(clientA.awaitExit(60)).as(clientA.out()).isZero();
    assertThat(clientA.out())
        .isEqualTo("connected to 127.0.0.1:" + port + "\nreply 12 bytes: echo: from-a\n");
    assertThat(serviceA.awaitExit(60)).isZero();
    assertThat(serviceA.out()).isEqualTo(listening + "\nreceived 6 bytes: from-a\ndone\n");
    assertThat(serviceB.out())
        .as("B's service saw nothing of A's client")
        .isEqualTo(listening + "\n");

    EchoGuest clientB = EchoGuest.connect(port, "from-b", b, Caller.component("wl-b", "api"));
    assertThat(clientB.awaitExit(60)).as(clientB.out()).isZero();
    assertThat(clientB.out()).endsWith("reply 12 bytes: echo: from-b\n");
    assertThat(serviceB.awaitExit(60)).isZero();
    assertThat(serviceB.out()).isEqualTo(listening + "\nreceived 6 bytes: from-b\ndone\n");

    // both services are gone: their listeners were released when their sockets closed
    assertThat(a.tcpListeners()).isEmpty();
    assertThat(b.tcpListeners()).isEmpty();
    EchoGuest late = EchoGuest.connect(port, "late", a, Caller.component("wl-a", "api"));
    assertThat(late.awaitExit(60)).isEqualTo(1);
    assertThat(late.out()).isEqualTo("start-connect failed " + ACCESS_DENIED + "\n");
  }

  @Test
  void aComponentNeverReachesAListenerThatIsNotItsWorkloads() throws Exception {
    // a machine process where the workload's address leads (as a wildcard listener would be)
    ServerSocket machine = new ServerSocket();
    cleanup.add(machine);
    machine.bind(new InetSocketAddress(a.loopback(), 0));
    machine.setSoTimeout(200);
    int port = machine.getLocalPort();

    EchoGuest client = EchoGuest.connect(port, "hello", a, Caller.component("wl-a", "api"));
    assertThat(client.awaitExit(60)).isEqualTo(1);
    assertThat(client.out()).isEqualTo("start-connect failed " + ACCESS_DENIED + "\n");
    try {
      machine.accept().close();
      throw new AssertionError("the machine's listener was reached");
    } catch (SocketTimeoutException expected) {
      // nothing came
    }

    // B's service listens; A's component cannot reach it, not even by its address
    int bPort = freePort();
    EchoGuest serviceB = EchoGuest.serve(bPort, 1, b, Caller.service("wl-b", "echo"));
    assertThat(serviceB.awaitOutput("listening on", 60_000)).as(serviceB.out()).isTrue();
    EchoGuest fromA = EchoGuest.connect(bPort, "intruder", a, Caller.component("wl-a", "api"));
    assertThat(fromA.awaitExit(60)).isEqualTo(1);
    assertThat(fromA.out()).isEqualTo("start-connect failed " + ACCESS_DENIED + "\n");
    // B's own component is still its service's first and only client
    EchoGuest fromB = EchoGuest.connect(bPort, "owner", b, Caller.component("wl-b", "api"));
    assertThat(fromB.awaitExit(60)).isZero();
    assertThat(serviceB.awaitExit(60)).isZero();
    assertThat(serviceB.out()).contains("received 5 bytes: owner\n");
  }

  @Test
  void aComponentMayNotListen() throws Exception {
    EchoGuest component = EchoGuest.serve(freePort(), 1, a, Caller.component("wl-a", "api"));
    assertThat(component.awaitExit(60)).isEqualTo(1);
    assertThat(component.out()).isEqualTo("start-bind failed " + ACCESS_DENIED + "\n");
    assertThat(a.tcpListeners()).isEmpty();
  }

  @Test
  void aListenerIsReallyOnTheWorkloadsAddressWhileTheGuestSees127_0_0_1() throws Exception {
    WasiContext ctx =
        WasiContext.builder().networkPolicy(a).caller(Caller.service("wl-a", "svc")).build();
    cleanup.add(ctx);
    HostBinder wasi = Wasi.addToLinker(new Linker(), ctx);
    Value net = wasi.function("wasi:sockets/instance-network", "instance-network").call();
    Value tcp =
        ok(
            wasi.function("wasi:sockets/tcp-create-socket", "create-tcp-socket")
                .call(Value.enumCase("ipv4")));
    ok(tcpCall(wasi, "start-bind", tcp, net, v4(0, 0, 0, 0, 0)));
    ok(tcpCall(wasi, "finish-bind", tcp));
    Value local = ok(tcpCall(wasi, "local-address", tcp));
    assertThat(ip(local)).isEqualTo("127.0.0.1");
    int port = port(local);
    ok(tcpCall(wasi, "start-listen", tcp));
    ok(tcpCall(wasi, "finish-listen", tcp));
    assertThat(ip(ok(tcpCall(wasi, "local-address", tcp)))).isEqualTo("127.0.0.1");
    assertThat(a.tcpListeners()).containsExactly(port);

    // on the machine: there on A's address, not on 127.0.0.1 nor on B's address
    try (Socket s = new Socket(a.loopback(), port)) {
      assertThat(s.isConnected()).isTrue();
    }
    assertRefused(InetAddress.getByName("127.0.0.1"), port);
    assertRefused(b.loopback(), port);

    // UDP: an ephemeral bind is tracked too, and shown as 127.0.0.1
    Value udp =
        ok(
            wasi.function("wasi:sockets/udp-create-socket", "create-udp-socket")
                .call(Value.enumCase("ipv4")));
    ok(udpCall(wasi, "start-bind", udp, net, v4(0, 0, 0, 0, 0)));
    ok(udpCall(wasi, "finish-bind", udp));
    Value udpLocal = ok(udpCall(wasi, "local-address", udp));
    assertThat(ip(udpLocal)).isEqualTo("127.0.0.1");
    assertThat(a.udpBound()).containsExactly(port(udpLocal));

    ctx.close();
    assertThat(a.tcpListeners()).as("closing the instance releases its listener").isEmpty();
    assertThat(a.udpBound()).isEmpty();
  }

  @Test
  void udpWithinAWorkloadGoesThroughItsLoopbackBothWays() throws Exception {
    Instance svc = new Instance(a, Caller.service("wl-a", "svc"));
    Instance api = new Instance(a, Caller.component("wl-a", "api"));
    Instance other = new Instance(b, Caller.component("wl-b", "api"));

    Value svcSock = svc.udpSocket(v4(0, 127, 0, 0, 1));
    Value svcLocal = ok(svc.udp("local-address", svcSock));
    assertThat(ip(svcLocal)).isEqualTo("127.0.0.1");
    int servicePort = port(svcLocal);
    Value svcStreams = ok(svc.udp("stream", svcSock, Value.none()));

    Value apiSock = api.udpSocket(v4(0, 0, 0, 0, 0));
    int apiPort = port(ok(api.udp("local-address", apiSock)));
    Value toService = v4(servicePort, 127, 0, 0, 1);
    Value apiStreams = ok(api.udp("stream", apiSock, Value.some(toService)));
    assertThat(ok(api.udp("remote-address", apiSock))).isEqualTo(toService);
    // a connected stream accepts the address the guest connected to
    assertThat(api.send(apiStreams, "ping", toService)).isEqualTo(Value.u64(1));

    Value.RecordValue got = svc.receive(svcStreams);
    assertThat(new String(Vals.bytes(got.get("data")), StandardCharsets.UTF_8)).isEqualTo("ping");
    assertThat(got.get("remote-address")).isEqualTo(v4(apiPort, 127, 0, 0, 1));
    // the reply goes to the component's ephemeral port, which the policy learnt at its bind
    assertThat(svc.send(svcStreams, "pong", got.get("remote-address"))).isEqualTo(Value.u64(1));
    Value.RecordValue reply = api.receive(apiStreams);
    assertThat(new String(Vals.bytes(reply.get("data")), StandardCharsets.UTF_8)).isEqualTo("pong");
    assertThat(reply.get("remote-address")).isEqualTo(toService);

    // workload B sends to the same 127.0.0.1 port: it has nothing bound there
    Value otherSock = other.udpSocket(v4(0, 0, 0, 0, 0));
    Value otherStreams = ok(other.udp("stream", otherSock, Value.none()));
    Value.ResultValue denied =
        (Value.ResultValue) other.sendResult(otherStreams, "intruder", toService);
    assertThat(denied.isOk()).isFalse();
    assertThat(denied.payload()).isEqualTo(Value.enumCase("access-denied"));
  }

  /** One instance's wasi:sockets host functions, called directly. */
  private final class Instance {
    final HostBinder binder;
    final Value net;

    Instance(WorkloadNetworkPolicy policy, Caller who) {
      WasiContext ctx = WasiContext.builder().networkPolicy(policy).caller(who).build();
      cleanup.add(ctx);
      binder = Wasi.addToLinker(new Linker(), ctx);
      net = binder.function("wasi:sockets/instance-network", "instance-network").call();
    }

    Value udp(String method, Value... args) {
      return binder.function("wasi:sockets/udp", "[method]udp-socket." + method).call(args);
    }

    Value udpSocket(Value bindTo) {
      Value u =
          ok(
              binder
                  .function("wasi:sockets/udp-create-socket", "create-udp-socket")
                  .call(Value.enumCase("ipv4")));
      ok(udp("start-bind", u, net, bindTo));
      ok(udp("finish-bind", u));
      return u;
    }

    Value sendResult(Value streams, String text, Value to) {
      Value out = ((Value.TupleValue) streams).elements().get(1);
      String od = "[method]outgoing-datagram-stream.";
      ok(binder.function("wasi:sockets/udp", od + "check-send").call(out));
      Value datagram =
          Value.record(
              Value.field("data", Vals.bytes(text.getBytes(StandardCharsets.UTF_8))),
              Value.field("remote-address", Value.some(to)));
      return binder.function("wasi:sockets/udp", od + "send").call(out, Value.list(datagram));
    }

    Value send(Value streams, String text, Value to) {
      return ok(sendResult(streams, text, to));
    }

    Value.RecordValue receive(Value streams) {
      Value in = ((Value.TupleValue) streams).elements().get(0);
      String id = "[method]incoming-datagram-stream.";
      Value poll = binder.function("wasi:sockets/udp", id + "subscribe").call(in);
      binder.function("wasi:io/poll", "[method]pollable.block").call(poll);
      List<Value> got =
          ((Value.ListValue)
                  ok(binder.function("wasi:sockets/udp", id + "receive").call(in, Value.u64(10))))
              .elements();
      assertThat(got).hasSize(1);
      return (Value.RecordValue) got.get(0);
    }
  }

  private static void assertRefused(InetAddress ip, int port) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(ip, port), 5_000);
      throw new AssertionError("reached " + ip + ":" + port);
    } catch (ConnectException expected) {
      // nothing listens there
    }
  }

  private static Value tcpCall(HostBinder wasi, String method, Value... args) {
    return wasi.function("wasi:sockets/tcp", "[method]tcp-socket." + method).call(args);
  }

  private static Value udpCall(HostBinder wasi, String method, Value... args) {
    return wasi.function("wasi:sockets/udp", "[method]udp-socket." + method).call(args);
  }

  private static Value v4(int port, int x, int y, int z, int w) {
    return Value.variant(
        "ipv4",
        Value.record(
            Value.field("port", Value.u16(port)),
            Value.field(
                "address", Value.tuple(Value.u8(x), Value.u8(y), Value.u8(z), Value.u8(w)))));
  }

  private static Value ok(Value r) {
    Value.ResultValue rv = (Value.ResultValue) r;
    if (!rv.isOk()) {
      throw new AssertionError("expected ok, got err " + rv.payload());
    }
    return rv.payload();
  }

  private static int port(Value socketAddress) {
    Value.RecordValue r = (Value.RecordValue) ((Value.VariantValue) socketAddress).payload();
    return ((Value.U16) r.get("port")).value();
  }

  private static String ip(Value socketAddress) {
    Value.RecordValue r = (Value.RecordValue) ((Value.VariantValue) socketAddress).payload();
    List<Value> parts = ((Value.TupleValue) r.get("address")).elements();
    StringBuilder sb = new StringBuilder();
    for (Value p : parts) {
      sb.append(sb.length() == 0 ? "" : ".").append(((Value.U8) p).value());
    }
    return sb.toString();
  }
}
