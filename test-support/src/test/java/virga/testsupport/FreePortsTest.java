package virga.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class FreePortsTest {

  @Test
  void foundPortIsFreeUntilSomethingListensOnIt() throws Exception {
    int port = FreePorts.find();

    assertThat(port).isBetween(1024, 65535);
    assertThat(FreePorts.isListening(port)).isFalse();
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      assertThat(FreePorts.isListening(port)).isTrue();
    }
  }
}
