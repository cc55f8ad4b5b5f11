package virga.host.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static virga.host.net.LoopbackAllocator.address;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import virga.wasi.NetworkPolicy.Caller;
import virga.wasi.NetworkPolicy.Decision;
import virga.wasi.NetworkPolicy.Request;
import virga.wasi.NetworkPolicy.Use;
import virga.wasi.sockets.WasmCloudNetworkPolicy;

/** The per-workload loopback's decisions, on top of wasmCloud's socket rules. */
class WorkloadNetworkPolicyTest {
  private static final Caller SERVICE = Caller.service("wl-a", "svc");
  private static final Caller COMPONENT = Caller.component("wl-a", "api");

  private final WorkloadNetworkPolicy a =
      new WorkloadNetworkPolicy(
          address("127.1.0.7"), new WasmCloudNetworkPolicy(List.of("example.com:443"), List.of()));

  private static InetSocketAddress at(String ip, int port) {
    try {
      return new InetSocketAddress(InetAddress.getByName(ip), port);
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  private Decision decide(Caller who, Use use, String ip, int port) {
    return a.decide(new Request(who, use, at(ip, port), Set.of()));
  }

  private static String shown(Decision d) {
    return d.allowed()
        ? "allow " + d.address().getAddress().getHostAddress() + ":" + d.address().getPort()
        : "deny " + d.reason();
  }

  @Test
  void aServiceBindOn127_0_0_1OrTheUnspecifiedAddressLandsOnTheWorkloadsAddress() {
    assertThat(shown(decide(SERVICE, Use.TCP_BIND, "127.0.0.1", 7777)))
        .isEqualTo("allow 127.1.0.7:7777");
    assertThat(shown(decide(SERVICE, Use.TCP_BIND, "0.0.0.0", 7777)))
        .isEqualTo("allow 127.1.0.7:7777");
    assertThat(shown(decide(SERVICE, Use.TCP_BIND, "127.1.0.7", 0))).isEqualTo("allow 127.1.0.7:0");
    assertThat(shown(decide(COMPONENT, Use.UDP_BIND, "0.0.0.0", 0))).isEqualTo("allow 127.1.0.7:0");
    assertThat(shown(decide(COMPONENT, Use.UDP_BIND, "127.0.0.1", 5353)))
        .isEqualTo("allow 127.1.0.7:5353");
  }

  @Test
  void theRulesStillDecideWhoMayBind() {
    assertThat(shown(decide(COMPONENT, Use.TCP_BIND, "127.0.0.1", 7777)))
        .isEqualTo("deny components may not bind TCP sockets (only services may listen)");
    assertThat(shown(decide(SERVICE, Use.TCP_BIND, "10.1.2.3", 7777)))
        .isEqualTo("deny services may listen on loopback only, not 10.1.2.3");
  }

  @Test
  void anotherLoopbackAddressIsNeverThisWorkloads() {
    String msg =
        "deny loopback address 127.1.0.8 is not this workload's (use 127.0.0.1, the workload's own"
            + " loopback)";
    assertThat(shown(decide(SERVICE, Use.TCP_BIND, "127.1.0.8", 7777))).isEqualTo(msg);
    assertThat(shown(decide(COMPONENT, Use.TCP_CONNECT, "127.1.0.8", 7777))).isEqualTo(msg);
    assertThat(shown(decide(COMPONENT, Use.UDP_SEND, "127.1.0.8", 53))).isEqualTo(msg);
    assertThat(shown(decide(COMPONENT, Use.TCP_CONNECT, "127.255.255.253", 80)))
        .isEqualTo(
            "deny loopback address 127.255.255.253 is not this workload's (use 127.0.0.1, the"
                + " workload's own loopback)");
    // the host.wasmcloud.internal sentinel: closed unless the host allows it (HostLoopbackTest)
    assertThat(shown(decide(COMPONENT, Use.TCP_CONNECT, "127.255.255.254", 80)))
        .isEqualTo(
            "deny host.wasmcloud.internal is closed: the host runs without --allow-host-loopback");
  }

  @Test
  void aConnectTo127_0_0_1ReachesTheWorkloadsOwnListenerWithoutAllowedHosts() {
    assertThat(shown(decide(COMPONENT, Use.TCP_CONNECT, "127.0.0.1", 7777)))
        .isEqualTo(
            "deny no TCP socket of this workload listens on 127.0.0.1:7777 (the machine's loopback"
                + " is not reachable from a workload)");
    a.socketBound(SERVICE, Use.TCP_BIND, at("127.1.0.7", 7777));
    assertThat(a.tcpListeners()).containsExactly(7777);
    assertThat(shown(decide(COMPONENT, Use.TCP_CONNECT, "127.0.0.1", 7777)))
        .isEqualTo("allow 127.1.0.7:7777");
    assertThat(shown(decide(COMPONENT, Use.TCP_CONNECT, "127.1.0.7", 7777)))
        .as("its own address literally")
        .isEqualTo("allow 127.1.0.7:7777");
    assertThat(shown(decide(COMPONENT, Use.UDP_SEND, "127.0.0.1", 7777)))
        .as("a TCP listener is no UDP socket")
        .startsWith("deny no UDP socket of this workload is bound to 127.0.0.1:7777");
    a.socketReleased(SERVICE, Use.TCP_BIND, at("127.1.0.7", 7777));
    assertThat(a.tcpListeners()).isEmpty();
    assertThat(shown(decide(COMPONENT, Use.TCP_CONNECT, "127.0.0.1", 7777))).startsWith("deny");
  }

  @Test
  void udpPortsAreTrackedPerSocketWithEphemeralPortsIncluded() {
    a.socketBound(COMPONENT, Use.UDP_BIND, at("127.1.0.7", 40001));
    a.socketBound(SERVICE, Use.UDP_BIND, at("127.1.0.7", 40001));
    a.socketBound(SERVICE, Use.UDP_BIND, at("127.1.0.9", 40002)); // not ours: ignored
    assertThat(a.udpBound()).containsExactly(40001);
    assertThat(shown(decide(SERVICE, Use.UDP_SEND, "127.0.0.1", 40001)))
        .isEqualTo("allow 127.1.0.7:40001");
    assertThat(shown(decide(SERVICE, Use.UDP_CONNECT, "127.0.0.1", 40001)))
        .isEqualTo("allow 127.1.0.7:40001");
    a.socketReleased(COMPONENT, Use.UDP_BIND, at("127.1.0.7", 40001));
    assertThat(a.udpBound()).as("one of two sockets closed").containsExactly(40001);
    a.socketReleased(SERVICE, Use.UDP_BIND, at("127.1.0.7", 40001));
    assertThat(a.udpBound()).isEmpty();
  }

  @Test
  void ipv6LoopbackIsRefusedForBindsAndConnects() {
    String msg =
        " on the IPv6 loopback is not supported: each workload has a loopback of its own on IPv4"
            + " only; use 127.0.0.1";
    assertThat(shown(decide(SERVICE, Use.TCP_BIND, "::1", 7777))).isEqualTo("deny TCP_BIND" + msg);
    assertThat(shown(decide(SERVICE, Use.TCP_BIND, "::", 7777))).isEqualTo("deny TCP_BIND" + msg);
    assertThat(shown(decide(COMPONENT, Use.TCP_CONNECT, "::1", 7777)))
        .isEqualTo("deny TCP_CONNECT" + msg);
    assertThat(shown(decide(COMPONENT, Use.UDP_SEND, "::1", 53))).isEqualTo("deny UDP_SEND" + msg);
  }

  @Test
  void otherDestinationsAreTheRulesDecision() {
    assertThat(shown(decide(COMPONENT, Use.TCP_CONNECT, "93.184.215.14", 443)))
        .startsWith("deny TCP_CONNECT to /93.184.215.14:443 is not in allowedHosts");
    Request named =
        new Request(COMPONENT, Use.TCP_CONNECT, at("93.184.215.14", 443), Set.of("example.com"));
    assertThat(shown(a.decide(named))).isEqualTo("allow 93.184.215.14:443");
    assertThat(a.allowsNameLookup(COMPONENT, "example.com")).isFalse();
    assertThat(a.allows(Use.TCP_BIND, at("127.0.0.1", 80)))
        .as("an anonymous caller is a component")
        .isFalse();
  }

  @Test
  void theGuestSees127_0_0_1WhereTheOsReportsTheWorkloadsAddress() {
    assertThat(a.guestAddress(SERVICE, at("127.1.0.7", 7777))).isEqualTo(at("127.0.0.1", 7777));
    assertThat(a.guestAddress(SERVICE, at("127.0.0.1", 51000))).isEqualTo(at("127.0.0.1", 51000));
    assertThat(a.guestAddress(SERVICE, at("10.0.0.5", 443))).isEqualTo(at("10.0.0.5", 443));
  }

  @Test
  void theWorkloadAddressMustBeALoopbackAddressOtherThan127_0_0_1() {
    assertThatThrownBy(
            () -> new WorkloadNetworkPolicy(address("127.0.0.1"), WasmCloudNetworkPolicy.closed()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "a workload's loopback must be an address of 127.0.0.0/8 other than 127.0.0.1, not"
                + " 127.0.0.1");
    assertThatThrownBy(
            () -> new WorkloadNetworkPolicy(address("10.0.0.1"), WasmCloudNetworkPolicy.closed()))
        .hasMessageEndingWith("not 10.0.0.1");
  }
}
