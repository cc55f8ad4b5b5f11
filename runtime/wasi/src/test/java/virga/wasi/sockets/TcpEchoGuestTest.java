package virga.wasi.sockets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import virga.wasi.NetworkPolicy.Caller;

/**
 * The real tcp-echo guest (C, wasi:sockets imported directly) on the JVM host under the wasmCloud
 * policy: as a service it listens on 127.0.0.1 and echoes to several Java clients; as a component
 * its bind is refused; its connect mode reaches a Java server only when allowedHosts allows it.
 */
@Timeout(60)
class TcpEchoGuestTest {
  static final Caller SERVICE = Caller.service("wl-1", "echo");
  static final Caller COMPONENT = Caller.component("wl-1", "echo");

  @Test
  void serviceListensOnLoopbackAndEchoesToSeveralClients() throws Exception {
    int port = TcpEchoGuest.freePort();
    TcpEchoGuest g =
        TcpEchoGuest.start(
            Map.of("port", "" + port, "count", "3"), WasmCloudNetworkPolicy.closed(), SERVICE);
    assertThat(g.awaitOutput("listening on 127.0.0.1:" + port, 20_000)).as(g.out()).isTrue();
    // three clients connect at once; the guest serves them one after another from the backlog
    List<Socket> clients = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        Socket c = new Socket(InetAddress.getByName("127.0.0.1"), port);
        c.setSoTimeout(10_000);
        clients.add(c);
      }
      for (int i = 0; i < 3; i++) {
        clients.get(i).getOutputStream().write(("client " + i).getBytes(StandardCharsets.UTF_8));
      }
      for (int i = 0; i < 3; i++) {
        assertThat(readAll(clients.get(i).getInputStream())).isEqualTo("echo: client " + i);
      }
    } finally {
      for (Socket c : clients) {
        c.close();
      }
    }
    assertThat(g.awaitExit(20)).isZero();
    assertThat(g.out())
        .isEqualTo(
            "listening on 127.0.0.1:"
                + port
                + "\nreceived 8 bytes: client 0\nreceived 8 bytes: client 1\n"
                + "received 8 bytes: client 2\ndone\n");
    // the listener is gone once the guest dropped it
    assertThat(refused(port)).isTrue();
  }

  @Test
  void componentIsRefusedTheBindAndReportsAccessDenied() throws Exception {
    int port = TcpEchoGuest.freePort();
    TcpEchoGuest g =
        TcpEchoGuest.start(Map.of("port", "" + port), WasmCloudNetworkPolicy.closed(), COMPONENT);
    assertThat(g.awaitExit(30)).isEqualTo(1);
    assertThat(g.out()).isEqualTo("start-bind failed 1\n"); // 1 = access-denied
    assertThat(refused(port)).isTrue();
  }

  @Test
  void egressToAnAllowedHostReachesAJavaServer() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
      server.setSoTimeout(20_000);
      int port = server.getLocalPort();
      CompletableFuture<String> seen = ackServer(server);
      TcpEchoGuest g =
          TcpEchoGuest.start(
              Map.of("mode", "connect", "port", "" + port, "message", "hi there"),
              new WasmCloudNetworkPolicy(List.of("127.0.0.1:" + port), List.of()),
              COMPONENT);
      assertThat(g.awaitExit(30)).as(g.out()).isZero();
      assertThat(seen.get(10, TimeUnit.SECONDS)).isEqualTo("hi there");
      assertThat(g.out())
          .isEqualTo("connected to 127.0.0.1:" + port + "\nreply 13 bytes: ack: hi there\n");
    }
  }

  @Test
  void egressToAHostNotInAllowedHostsIsDenied() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
      int port = server.getLocalPort();
      TcpEchoGuest g =
          TcpEchoGuest.start(
              Map.of("mode", "connect", "port", "" + port),
              new WasmCloudNetworkPolicy(
                  List.of("127.0.0.1:" + (port == 65535 ? 1 : port + 1)), List.of()),
              COMPONENT);
      assertThat(g.awaitExit(30)).isEqualTo(1);
      assertThat(g.out()).isEqualTo("start-connect failed 1\n");
      server.setSoTimeout(300);
      assertThatThrownBy(server::accept).isInstanceOf(SocketTimeoutException.class);
    }
  }

  static CompletableFuture<String> ackServer(ServerSocket server) {
    CompletableFuture<String> seen = new CompletableFuture<>();
    Thread t =
        new Thread(
            () -> {
              try (Socket s = server.accept()) {
                s.setSoTimeout(10_000);
                byte[] buf = new byte[256];
                int n = s.getInputStream().read(buf);
                String msg = new String(buf, 0, Math.max(n, 0), StandardCharsets.UTF_8);
                s.getOutputStream().write(("ack: " + msg).getBytes(StandardCharsets.UTF_8));
                s.getOutputStream().flush();
                seen.complete(msg);
                s.getInputStream().read(); // until the guest closes
              } catch (IOException e) {
                seen.completeExceptionally(e);
              }
            },
            "ack-server");
    t.setDaemon(true);
    t.start();
    return seen;
  }

  /** Whether connecting to {@code port} is refused (within 2 s: closing is asynchronous). */
  static boolean refused(int port) throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      try (Socket s = new Socket(InetAddress.getByName("127.0.0.1"), port)) {
        Thread.sleep(10);
      } catch (IOException e) {
        return true;
      }
    }
    return false;
  }

  static String readAll(InputStream in) throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
  }
}
