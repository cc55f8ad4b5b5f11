package virga.plugins.keyvalue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import virga.plugins.keyvalue.backend.Counters;
import virga.plugins.keyvalue.backend.Names;

/** The counter encoding and the key escaping every backend shares. */
class CountersTest {
  static byte[] be(long v) {
    return ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN).putLong(v).array();
  }

  static byte[] le(long v) {
    return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array();
  }

  @Test
  void writesDecimalTextAndReadsDecimalBigAndLittleEndian() throws Exception {
    assertThat(new String(Counters.encode(42), StandardCharsets.US_ASCII)).isEqualTo("42");
    assertThat(new String(Counters.encode(-1), StandardCharsets.US_ASCII))
        .isEqualTo("18446744073709551615");
    assertThat(Counters.decode("k", null)).isZero();
    assertThat(Counters.decode("k", "0".getBytes(StandardCharsets.US_ASCII))).isZero();
    assertThat(Counters.decode("k", "99999999".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo(99_999_999L);
    for (long v : new long[] {0, 1, 255, 256, 65_536, 4_294_967_295L}) {
      assertThat(Counters.decode("k", be(v))).as("BE %d", v).isEqualTo(v);
      assertThat(Counters.decode("k", le(v))).as("LE %d", v).isEqualTo(v);
    }
  }

  @Test
  void refusesWhatIsNoCounter() {
    assertThatThrownBy(() -> Counters.decode("k", new byte[] {1, 2, 3}))
        .hasMessage(
            "value of key 'k' is not a counter (3 bytes; counters are decimal text or 8-byte u64)");
    assertThatThrownBy(() -> Counters.decode("k", "99999999999999999999".getBytes()))
        .hasMessage("counter 'k' is larger than u64");
    assertThatThrownBy(() -> Counters.add("k", -2, 5))
        .hasMessage("counter 'k' would overflow u64 (18446744073709551614 + 5)");
  }

  @Test
  void keysEscapeOnlyWhatTheStoreRefusesAndComeBackAsWritten() {
    assertThat(Names.escapeKey("plain-key_1", "./")).isEqualTo("plain-key_1");
    assertThat(Names.escapeKey("a.b/c", "./")).isEqualTo("a.b/c");
    assertThat(Names.escapeKey("user:1", "./")).isEqualTo("user=3A1");
    assertThat(Names.escapeKey("a=b", "./")).isEqualTo("a=3Db");
    assertThat(Names.escapeKey(".x.", "./")).isEqualTo("=2Ex=2E");
    assertThat(Names.escapeKey("a/b", ".")).isEqualTo("a=2Fb");
    assertThat(Names.escapeKey("ü", "")).isEqualTo("=C3=BC");
    for (String k : new String[] {"user:1", "a=b", ".x.", "ü €", "=", "=4"}) {
      assertThat(Names.unescapeKey(Names.escapeKey(k, "./"))).isEqualTo(k);
    }
  }
}
