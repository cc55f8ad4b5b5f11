package virga.component.core.chicory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.WasmRuntimeException;
import com.dylibso.chicory.wasm.types.DataSegment;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.PassiveDataSegment;
import org.junit.jupiter.api.Test;

/** FlatMemory behaves as Chicory's ByteArrayMemory does, at the edges that matter. */
class FlatMemoryTest {
  private static final int PAGE = Memory.PAGE_SIZE;

  @Test
  void nonSharedMemoriesAreFlatAndSharedOnesStayPaged() {
    assertThat(ChicoryModule.newMemory(new MemoryLimits(1, 4))).isInstanceOf(FlatMemory.class);
    assertThat(ChicoryModule.newMemory(new MemoryLimits(1, 4, true)))
        .isInstanceOf(ByteArrayMemory.class);
  }

  @Test
  void everyAccessorTrapsAtTheFirstByteOutside() {
    var m = new FlatMemory(new MemoryLimits(1, 2));
    int end = PAGE;
    m.writeByte(end - 1, (byte) 7);
    m.writeLong(end - 8, 42L);
    assertThat(m.readLong(end - 8)).isEqualTo(42L);
    assertOob(() -> m.read(end));
    assertOob(() -> m.read(-1));
    assertOob(() -> m.writeByte(end, (byte) 1));
    assertOob(() -> m.readShort(end - 1));
    assertOob(() -> m.writeShort(end - 1, (short) 1));
    assertOob(() -> m.readInt(end - 3));
    assertOob(() -> m.writeI32(end - 3, 1));
    assertOob(() -> m.readFloat(end - 3));
    assertOob(() -> m.writeF32(end - 3, 1f));
    assertOob(() -> m.readLong(end - 7));
    assertOob(() -> m.writeLong(end - 7, 1L));
    assertOob(() -> m.readDouble(end - 7));
    assertOob(() -> m.writeF64(end - 7, 1d));
    assertOob(() -> m.readInt(Integer.MIN_VALUE)); // 2 GiB as an unsigned address
    assertOob(() -> m.readBytes(end - 2, 3));
    assertOob(() -> m.write(end - 2, new byte[3], 0, 3));
    assertOob(() -> m.fill((byte) 1, end - 2, end + 1));
    assertOob(() -> m.copy(0, end - 2, 3));
    assertOob(() -> m.copy(end - 2, 0, 3));
  }

  @Test
  void growingKeepsContentsAndSpareCapacityStaysOutOfBounds() {
    var m = new FlatMemory(new MemoryLimits(1, 100));
    m.writeI32(PAGE - 4, 0x01020304);
    for (int i = 1; i <= 40; i++) {
      assertThat(m.grow(1)).isEqualTo(i); // the old size in pages
      int size = (i + 1) * PAGE;
      assertThat(m.pages()).isEqualTo(i + 1);
      assertThat(m.readInt(size - 4)).isZero(); // new pages read as zero
      m.writeI32(size - 4, i);
      assertOob(() -> m.read(size)); // the array's spare room is not memory
      assertOob(() -> m.readInt(size - 3));
    }
    assertThat(m.readInt(PAGE - 4)).isEqualTo(0x01020304);
    assertThat(m.readInt(7 * PAGE - 4)).isEqualTo(6);
    assertThat(m.grow(59)).isEqualTo(41);
    assertThat(m.grow(0)).isEqualTo(100);
    assertThat(m.grow(1)).isEqualTo(-1); // past the declared maximum
    assertThat(m.grow(-1)).isEqualTo(-1);
    assertThat(m.maximumPages()).isEqualTo(100);
  }

  @Test
  void aMemoryThatGrowsRarelyStaysExactAndOneThatGrowsAPageAtATimeCopiesLinearly() {
    var rare = new FlatMemory(new MemoryLimits(16, 1000));
    assertThat(rare.grow(16)).isEqualTo(16);
    assertThat(rare.capacity()).isEqualTo(32 * PAGE); // exact: the JVM's check is the wasm check
    assertOob(() -> rare.read(32 * PAGE));

    var often = new FlatMemory(new MemoryLimits(16, 1000));
    for (int i = 0; i < 984; i++) {
      assertThat(often.grow(1)).isEqualTo(16 + i);
    }
    long size = 1000L * PAGE;
    assertThat(often.pages()).isEqualTo(1000);
    // exact copies each time would be ~ 984 * 508 pages (31 GiB); spare room keeps it linear
    assertThat(often.bytesCopiedByGrows()).isLessThan(8 * size);
    assertOob(() -> often.read((int) size));
  }

  @Test
  void maximumIsCappedAtTheRuntimesAsByteArrayMemoryReportsIt() {
    var limits = new MemoryLimits(1);
    assertThat(new FlatMemory(limits).maximumPages())
        .isEqualTo(new ByteArrayMemory(limits).maximumPages())
        .isEqualTo(Memory.RUNTIME_MAX_PAGES);
  }

  @Test
  void bulkOperationsFillCopyOverlappingAndZero() {
    var m = new FlatMemory(new MemoryLimits(1, 1));
    m.write(10, new byte[] {1, 2, 3, 4, 5}, 0, 5);
    m.copy(12, 10, 5); // overlapping, forwards
    assertThat(m.readBytes(10, 7)).containsExactly(1, 2, 1, 2, 3, 4, 5);
    m.copy(10, 12, 5); // overlapping, backwards
    assertThat(m.readBytes(10, 7)).containsExactly(1, 2, 3, 4, 5, 4, 5);
    m.fill((byte) 9, 11, 13);
    assertThat(m.readBytes(10, 4)).containsExactly(1, 9, 9, 4);
    m.copy(PAGE, 0, 0); // zero length at the end is in bounds
    m.zero();
    assertThat(m.readBytes(10, 4)).containsExactly(0, 0, 0, 0);
  }

  @Test
  void passiveSegmentsInitAndDropPerInstance() {
    DataSegment[] module = {new PassiveDataSegment(new byte[] {5, 6, 7})};
    var m = new FlatMemory(new MemoryLimits(1, 1));
    m.initialize(null, module); // no active segment: the instance is not consulted
    m.initPassiveSegment(0, 100, 1, 2);
    assertThat(m.readBytes(100, 3)).containsExactly(6, 7, 0);
    assertOob(() -> m.initPassiveSegment(0, 100, 2, 2)); // past the segment's end
    m.drop(0);
    assertOob(() -> m.initPassiveSegment(0, 100, 0, 1));
    m.initPassiveSegment(0, 100, 0, 0); // a dropped segment still allows zero bytes
    assertThat(module[0].data()).hasSize(3); // the module's segment list is untouched
  }

  @Test
  void atomicsWorkOnAnUnsharedMemoryAndWaitingIsRefused() {
    var m = new FlatMemory(new MemoryLimits(1, 1));
    assertThat(m.atomicAddInt(8, 5)).isZero();
    assertThat(m.atomicCmpxchgInt(8, 5, 6)).isEqualTo(5);
    assertThat(m.readInt(8)).isEqualTo(6);
    assertThat(m.notify(8, 1)).isZero();
    assertThatThrownBy(() -> m.waitOn(8, 6, 0L)).hasMessageContaining("non-shared");
  }

  private static void assertOob(Runnable access) {
    assertThatThrownBy(access::run)
        .isInstanceOf(WasmRuntimeException.class)
        .hasMessageStartingWith("out of bounds memory access");
  }
}
