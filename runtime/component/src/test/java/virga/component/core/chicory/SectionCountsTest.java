package virga.component.core.chicory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import virga.component.MalformedComponentException;

class SectionCountsTest {
  private static final byte[] HEADER = {0, 'a', 's', 'm', 1, 0, 0, 0};

  private static byte[] module(int... sectionBytes) {
    byte[] out = new byte[HEADER.length + sectionBytes.length];
    System.arraycopy(HEADER, 0, out, 0, HEADER.length);
    for (int i = 0; i < sectionBytes.length; i++) {
      out[HEADER.length + i] = (byte) sectionBytes[i];
    }
    return out;
  }

  @Test
  void aTypeSectionClaimingBillionsOfEntriesIsRefusedBeforeAnythingIsAllocated() {
    // type section (1), 5 bytes: count 0x7fffffff
    byte[] wasm = module(0x01, 0x05, 0xff, 0xff, 0xff, 0xff, 0x07);
    assertThatThrownBy(() -> new ChicoryEngine().compile(wasm))
        .isInstanceOf(MalformedComponentException.class)
        .hasMessageContaining("declares 2147483647 entries in 0 bytes");
  }

  @Test
  void aSectionLongerThanTheModuleIsRefused() {
    byte[] wasm = module(0x03, 0x7f, 0x01);
    assertThatThrownBy(() -> new ChicoryEngine().compile(wasm))
        .isInstanceOf(MalformedComponentException.class)
        .hasMessageContaining("declares 127 bytes");
  }

  @Test
  void wellFormedCountsPass() {
    // type section: one (func) type; function section: one function of type 0; code: empty body
    byte[] wasm =
        module(
            0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x03, 0x02, 0x01, 0x00, 0x0a, 0x04, 0x01, 0x02,
            0x00, 0x0b);
    assertThat(new ChicoryEngine().compile(wasm).exports()).isEmpty();
  }
}
