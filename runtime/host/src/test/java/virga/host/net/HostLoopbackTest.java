package virga.host.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import virga.wasi.NetworkPolicy.Caller;
import virga.wasi.NetworkPolicy.Decision;
import virga.wasi.NetworkPolicy.Request;
import virga.wasi.NetworkPolicy.Use;
import virga.wasi.sockets.WasmCloudNetworkPolicy;

class HostLoopbackTest {
  static final Caller SERVICE = Caller.service("w1", "service");

  static WorkloadNetworkPolicy policy(HostLoopback h) {
    return new WorkloadNetworkPolicy(
        LoopbackAllocator.address("127.9.0.1"), WasmCloudNetworkPolicy.closed(), h);
  }

  static Decision connect(WorkloadNetworkPolicy p, int port) {
    return p.decide(
        new Request(
            SERVICE,
            Use.TCP_CONNECT,
            new InetSocketAddress(HostLoopback.SENTINEL, port),
            Set.of()));
  }

  @Test
  void reservedNamesResolveWithoutDns() {
    WorkloadNetworkPolicy p = policy(HostLoopback.DENIED);
    assertThat(p.reservedName(SERVICE, "host.wasmcloud.internal"))
        .containsExactly(HostLoopback.SENTINEL);
    assertThat(p.reservedName(SERVICE, "SERVICE.wasmcloud.internal."))
        .containsExactly(LoopbackAllocator.address("127.0.0.1"));
    assertThat(p.reservedName(SERVICE, "other.wasmcloud.internal")).isEmpty();
    assertThat(p.reservedName(SERVICE, "example.com")).isNull();
  }

  @Test
  void sentinelReachesTheMachineLoopbackOnlyWhenAllowed() {
    assertThat(connect(policy(HostLoopback.DENIED), 6379).reason())
        .isEqualTo(
            "host.wasmcloud.internal is closed: the host runs without --allow-host-loopback");
    WorkloadNetworkPolicy open = policy(HostLoopback.of(true, List.of("6379/tcp")));
    Decision d = connect(open, 6379);
    assertThat(d.allowed()).isTrue();
    assertThat(d.address()).isEqualTo(new InetSocketAddress("127.0.0.1", 6379));
    assertThat(connect(open, 6380).reason())
        .isEqualTo(
            "port 6380 of host.wasmcloud.internal is not in allowedHostLoopbackPorts [6379]");
  }

  @Test
  void badPortEntriesAreNamed() {
    assertThatThrownBy(() -> HostLoopback.of(true, List.of("redis")))
        .hasMessage(
            "allowedHostLoopbackPorts entry 'redis' is not a port (1-65535, optionally /tcp or /udp)");
  }
}
