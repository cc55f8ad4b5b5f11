package virga.host.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static virga.host.net.LoopbackAllocator.address;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoopbackAllocatorTest {
  private static String ip(java.net.InetAddress a) {
    return a.getHostAddress();
  }

  @Test
  void handsOutAddressesInOrderStartingAt127_1_0_1() {
    LoopbackAllocator a = new LoopbackAllocator();
    assertThat(ip(a.allocate("w1"))).isEqualTo("127.1.0.1");
    assertThat(ip(a.allocate("w2"))).isEqualTo("127.1.0.2");
    assertThat(ip(a.allocate("w1")))
        .as("the same workload keeps its address")
        .isEqualTo("127.1.0.1");
    assertThat(a.inUse()).isEqualTo(2);
    assertThat(a.addressOf("w2").map(LoopbackAllocatorTest::ip)).contains("127.1.0.2");
    assertThat(a.addressOf("nope")).isEmpty();
  }

  @Test
  void aReleasedAddressIsReusedOnlyAfterTheRestOfTheRange() {
    LoopbackAllocator a = new LoopbackAllocator(address("127.9.0.1"), address("127.9.0.3"));
    a.allocate("w1");
    a.allocate("w2");
    a.release("w1");
    a.release("w1"); // idempotent
    assertThat(ip(a.allocate("w3"))).isEqualTo("127.9.0.3");
    assertThat(ip(a.allocate("w4"))).isEqualTo("127.9.0.1");
    assertThatThrownBy(() -> a.allocate("w5"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "no free loopback address left in 127.9.0.1-127.9.0.3: 3 workloads hold one each;"
                + " stop a workload first");
    a.release("w2");
    assertThat(ip(a.allocate("w5"))).isEqualTo("127.9.0.2");
  }

  @Test
  void neverHandsOut127_0_0_0Or127_0_0_1OrTheSentinelNetwork() {
    LoopbackAllocator low = new LoopbackAllocator(address("127.0.0.0"), address("127.0.0.3"));
    List<String> got = new ArrayList<>();
    got.add(ip(low.allocate("a")));
    got.add(ip(low.allocate("b")));
    assertThat(got).containsExactly("127.0.0.2", "127.0.0.3");
    assertThatThrownBy(() -> low.allocate("c")).isInstanceOf(IllegalStateException.class);

    LoopbackAllocator high =
        new LoopbackAllocator(address("127.255.254.254"), address("127.255.255.255"));
    assertThat(ip(high.allocate("a"))).isEqualTo("127.255.254.254");
    assertThat(ip(high.allocate("b"))).isEqualTo("127.255.254.255");
    assertThatThrownBy(() -> high.allocate("c"))
        .hasMessageStartingWith(
            "no free loopback address left in 127.255.254.254-127.255.255.255: 2 workloads");
  }

  @Test
  void badRangesAreRefused() {
    assertThatThrownBy(() -> new LoopbackAllocator(address("10.0.0.1"), address("10.0.0.9")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the range 10.0.0.1-10.0.0.9 is not inside 127.0.0.0/8");
    assertThatThrownBy(() -> new LoopbackAllocator(address("127.0.0.9"), address("127.0.0.2")))
        .hasMessage("the range 127.0.0.9-127.0.0.2 is empty");
    assertThatThrownBy(() -> new LoopbackAllocator(address("127.0.0.0"), address("127.0.0.1")))
        .hasMessage("the range 127.0.0.0-127.0.0.1 holds only reserved addresses");
    assertThatThrownBy(
            () -> new LoopbackAllocator(address("127.255.255.0"), address("127.255.255.255")))
        .hasMessage("the range 127.255.255.0-127.255.255.255 holds only reserved addresses");
  }
}
