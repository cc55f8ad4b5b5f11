package virga.wasi.sockets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import virga.wasi.NetworkPolicy;
import virga.wasi.NetworkPolicy.Caller;
import virga.wasi.NetworkPolicy.Decision;
import virga.wasi.NetworkPolicy.Request;
import virga.wasi.NetworkPolicy.Use;

class WasmCloudNetworkPolicyTest {
  static final Caller SERVICE = Caller.service("w1", "svc");
  static final Caller COMPONENT = Caller.component("w1", "comp");

  static InetSocketAddress at(String ip, int port) throws Exception {
    return new InetSocketAddress(InetAddress.getByName(ip), port);
  }

  static Decision decide(NetworkPolicy p, Caller c, Use u, String ip, int port, String... names)
      throws Exception {
    return p.decide(new Request(c, u, at(ip, port), Set.of(names)));
  }

  @Test
  void onlyServicesMayBindTcpAndOnlyOnLoopback() throws Exception {
    var p = WasmCloudNetworkPolicy.closed();
    assertThat(decide(p, SERVICE, Use.TCP_BIND, "127.0.0.1", 8080).allowed()).isTrue();
    assertThat(decide(p, SERVICE, Use.TCP_BIND, "::1", 8080).allowed()).isTrue();
    assertThat(decide(p, SERVICE, Use.TCP_BIND, "10.1.2.3", 8080).allowed()).isFalse();
    Decision c = decide(p, COMPONENT, Use.TCP_BIND, "127.0.0.1", 8080);
    assertThat(c.allowed()).isFalse();
    assertThat(c.reason()).contains("components may not bind");
    assertThat(decide(p, COMPONENT, Use.TCP_BIND, "0.0.0.0", 0).allowed()).isFalse();
  }

  @Test
  void unspecifiedBindIsRewrittenToLoopbackOfItsFamily() throws Exception {
    var p = WasmCloudNetworkPolicy.closed();
    Decision v4 = decide(p, SERVICE, Use.TCP_BIND, "0.0.0.0", 9000);
    assertThat(v4.allowed()).isTrue();
    assertThat(v4.address()).isEqualTo(at("127.0.0.1", 9000));
    Decision v6 = decide(p, SERVICE, Use.TCP_BIND, "::", 9001);
    assertThat(v6.address()).isEqualTo(at("::1", 9001));
    Decision udp = decide(p, COMPONENT, Use.UDP_BIND, "0.0.0.0", 0);
    assertThat(udp.allowed()).isTrue();
    assertThat(udp.address().getAddress().isLoopbackAddress()).isTrue();
  }

  @Test
  void udpBindOnlyLoopbackOrUnspecifiedForEveryone() throws Exception {
    var p = WasmCloudNetworkPolicy.closed();
    assertThat(decide(p, COMPONENT, Use.UDP_BIND, "127.0.0.1", 5000).allowed()).isTrue();
    assertThat(decide(p, SERVICE, Use.UDP_BIND, "::1", 5000).allowed()).isTrue();
    assertThat(decide(p, COMPONENT, Use.UDP_BIND, "192.168.1.1", 5000).allowed()).isFalse();
  }

  @Test
  void emptyAllowedHostsDeniesAllEgressAndStarAllowsAll() throws Exception {
    var closed = WasmCloudNetworkPolicy.closed();
    for (Use u : List.of(Use.TCP_CONNECT, Use.UDP_CONNECT, Use.UDP_SEND)) {
      assertThat(decide(closed, COMPONENT, u, "127.0.0.1", 80).allowed()).isFalse();
    }
    var open = new WasmCloudNetworkPolicy(List.of("*"), List.of());
    assertThat(decide(open, COMPONENT, Use.TCP_CONNECT, "93.184.216.34", 443).allowed()).isTrue();
    assertThat(decide(open, SERVICE, Use.UDP_SEND, "::1", 53).allowed()).isTrue();
  }

  @Test
  void hostPortSchemeAndWildcardPatterns() throws Exception {
    var p =
        new WasmCloudNetworkPolicy(
            List.of("127.0.0.1:7000", "https://api.example.com", "*.svc.local:8443", "[::1]:7001"),
            List.of());
    assertThat(decide(p, COMPONENT, Use.TCP_CONNECT, "127.0.0.1", 7000).allowed()).isTrue();
    assertThat(decide(p, COMPONENT, Use.TCP_CONNECT, "127.0.0.1", 7002).allowed()).isFalse();
    assertThat(decide(p, COMPONENT, Use.TCP_CONNECT, "::1", 7001).allowed()).isTrue();
    assertThat(decide(p, COMPONENT, Use.TCP_CONNECT, "::1", 7000).allowed()).isFalse();
    // names the guest resolved to the address count; any port without a port in the pattern
    assertThat(decide(p, COMPONENT, Use.TCP_CONNECT, "10.0.0.9", 443, "api.example.com").allowed())
        .isTrue();
    assertThat(decide(p, COMPONENT, Use.TCP_CONNECT, "10.0.0.9", 443, "example.com").allowed())
        .isFalse();
    assertThat(decide(p, COMPONENT, Use.TCP_CONNECT, "10.0.0.9", 443).allowed()).isFalse();
    assertThat(decide(p, COMPONENT, Use.UDP_SEND, "10.0.0.7", 8443, "a.svc.local").allowed())
        .isTrue();
    assertThat(decide(p, COMPONENT, Use.UDP_SEND, "10.0.0.7", 8443, "svc.local").allowed())
        .isFalse();
    assertThat(decide(p, COMPONENT, Use.UDP_SEND, "10.0.0.7", 80, "a.svc.local").allowed())
        .isFalse();
  }

  @Test
  void nameLookups() {
    var none = WasmCloudNetworkPolicy.closed();
    assertThat(none.allowsNameLookup(COMPONENT, "localhost")).isFalse();
    assertThat(none.allowsNameLookup()).isFalse();
    var p = new WasmCloudNetworkPolicy(List.of(), List.of("localhost", "*.example.com", "::1"));
    assertThat(p.allowsNameLookup(COMPONENT, "localhost")).isTrue();
    assertThat(p.allowsNameLookup(COMPONENT, "LOCALHOST.")).isTrue();
    assertThat(p.allowsNameLookup(COMPONENT, "a.example.com")).isTrue();
    assertThat(p.allowsNameLookup(COMPONENT, "example.com")).isFalse();
    assertThat(p.allowsNameLookup(COMPONENT, "0:0:0:0:0:0:0:1")).isTrue();
    assertThat(p.allowsNameLookup(COMPONENT, "evil.com")).isFalse();
    assertThat(new WasmCloudNetworkPolicy(List.of(), List.of("*")).allowsNameLookup(SERVICE, "x"))
        .isTrue();
  }

  @Test
  void badPatternsAreRejected() {
    assertThatThrownBy(() -> new WasmCloudNetworkPolicy(List.of("a:99999"), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new WasmCloudNetworkPolicy(List.of("a.*.b"), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new WasmCloudNetworkPolicy(List.of(), List.of(" ")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void simplePoliciesKeepWorkingThroughDecide() throws Exception {
    assertThat(decide(NetworkPolicy.ALLOW_ALL, COMPONENT, Use.TCP_BIND, "127.0.0.1", 1).allowed())
        .isTrue();
    assertThat(decide(NetworkPolicy.DENY_ALL, SERVICE, Use.TCP_BIND, "127.0.0.1", 1).allowed())
        .isFalse();
    assertThat(NetworkPolicy.ALLOW_ALL.allowsNameLookup(COMPONENT, "x")).isTrue();
    assertThat(NetworkPolicy.DENY_ALL.allowsNameLookup(COMPONENT, "x")).isFalse();
  }
}
