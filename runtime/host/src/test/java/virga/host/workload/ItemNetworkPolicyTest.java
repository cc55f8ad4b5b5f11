package virga.host.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import virga.host.net.LoopbackAllocator;
import virga.protocol.v2.LocalResources;
import virga.wasi.NetworkPolicy;
import virga.wasi.NetworkPolicy.Use;

/** Outgoing wasi:http asks with an unresolved host name and no caller. */
class ItemNetworkPolicyTest {
  private final LoopbackAllocator loopbacks = new LoopbackAllocator();

  private NetworkPolicy policy(String... allowedHosts) {
    WorkloadNetwork n = WorkloadNetwork.open("w", loopbacks);
    return n.policy(
        "component 'c'",
        NetworkPolicy.Caller.component("w", "c"),
        LocalResources.newBuilder().addAllAllowedHosts(List.of(allowedHosts)).build());
  }

  private static InetSocketAddress to(String host, int port) {
    return InetSocketAddress.createUnresolved(host, port);
  }

  @Test
  void aHostNameMatchesTheItemsAllowedHosts() {
    NetworkPolicy p = policy("api.example.com", "*.svc.local:8080");
    assertThat(p.allows(Use.TCP_CONNECT, to("api.example.com", 443))).isTrue();
    assertThat(p.allows(Use.TCP_CONNECT, to("API.example.com", 80))).isTrue();
    assertThat(p.allows(Use.TCP_CONNECT, to("db.svc.local", 8080))).isTrue();
    assertThat(p.allows(Use.TCP_CONNECT, to("db.svc.local", 9090))).isFalse();
    assertThat(p.allows(Use.TCP_CONNECT, to("other.example.com", 443))).isFalse();
  }

  @Test
  void anIpLiteralMatchesByAddress() {
    NetworkPolicy p = policy("10.1.2.3");
    assertThat(p.allows(Use.TCP_CONNECT, to("10.1.2.3", 80))).isTrue();
    assertThat(p.allows(Use.TCP_CONNECT, to("10.1.2.4", 80))).isFalse();
  }

  @Test
  void emptyAllowedHostsDenyAllAndAStarAllowsAll() {
    assertThat(policy().allows(Use.TCP_CONNECT, to("example.com", 80))).isFalse();
    assertThat(policy("*").allows(Use.TCP_CONNECT, to("example.com", 80))).isTrue();
  }

  @Test
  void theMachinesLoopbackIsNeverReachedOverHttp() {
    NetworkPolicy p = policy("*");
    assertThat(p.allows(Use.TCP_CONNECT, to("localhost", 8080))).isFalse();
    assertThat(p.allows(Use.TCP_CONNECT, to("127.0.0.1", 8080))).isFalse();
    assertThat(p.allows(Use.TCP_CONNECT, to("[::1]", 8080))).isFalse();
    assertThat(p.allows(Use.TCP_CONNECT, to("0.0.0.0", 8080))).isFalse();
  }
}
