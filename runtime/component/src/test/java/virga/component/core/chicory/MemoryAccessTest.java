package virga.component.core.chicory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.WasmRuntimeException;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryAccessTest {
  private static final int PAGE = Memory.PAGE_SIZE;

  @Test
  void loadsAndStoresAddTheOffsetOnEitherKindOfMemory() {
    for (Memory m :
        List.of(new FlatMemory(new MemoryLimits(1, 1)), new ByteArrayMemory(new MemoryLimits(1)))) {
      MemoryAccess.memoryWriteInt(100, 0x0A0B0C0D, 4, m);
      assertThat(m.readInt(104)).isEqualTo(0x0A0B0C0D);
      assertThat(MemoryAccess.memoryReadInt(104, 0, m)).isEqualTo(0x0A0B0C0D);
      assertThat(MemoryAccess.memoryReadByte(0, 104, m)).isEqualTo((byte) 0x0D);
      MemoryAccess.memoryWriteDouble(8, 2.5, 8, m);
      assertThat(MemoryAccess.memoryReadDouble(16, 0, m)).isEqualTo(2.5);
      MemoryAccess.memoryWriteLong(PAGE - 8, -1L, 0, m);
      assertThat(MemoryAccess.memoryReadLong(PAGE - 16, 8, m)).isEqualTo(-1L);
    }
  }

  @Test
  void addressesAtOrAbove2GiBAndSumsPastTheEndTrapWithOrWithoutAnOffset() {
    var m = new FlatMemory(new MemoryLimits(1, 1));
    assertOob(() -> MemoryAccess.memoryReadByte(Integer.MIN_VALUE, 0, m));
    assertOob(() -> MemoryAccess.memoryReadByte(-1, 0, m)); // 4 GiB - 1
    assertOob(() -> MemoryAccess.memoryReadByte(-1, 16, m)); // would wrap to 15
    assertOob(() -> MemoryAccess.memoryWriteInt(Integer.MAX_VALUE, 1, 8, m)); // the sum overflows
    assertOob(() -> MemoryAccess.memoryReadInt(PAGE - 4, 1, m));
    assertOob(() -> MemoryAccess.memoryWriteShort(PAGE, (short) 1, 0, m));
  }

  private static void assertOob(Runnable access) {
    assertThatThrownBy(access::run)
        .isInstanceOf(WasmRuntimeException.class)
        .hasMessageStartingWith("out of bounds memory access");
  }
}
