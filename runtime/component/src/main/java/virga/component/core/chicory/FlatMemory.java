package virga.component.core.chicory;

import com.dylibso.chicory.runtime.ConstantEvaluators;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.WasmRuntimeException;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.UninstantiableException;
import com.dylibso.chicory.wasm.types.ActiveDataSegment;
import com.dylibso.chicory.wasm.types.DataSegment;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.PassiveDataSegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A non-shared linear memory in one flat {@code byte[]}, exactly as long as the memory, copied into
 * a new array on {@code memory.grow}.
 *
 * <p>Why: Chicory 1.7.5's {@code ByteArrayMemory} keeps memory in 64 KiB pages so that growing
 * never copies, and pays for it on every load and store (page split, a second array load, two
 * bounds checks). Profiles of the compute benchmarks put 50–75 % of the samples in those accessors.
 * Here an access is one array access, and the JVM's own bounds check is the wasm bounds check: in a
 * loop the JIT proves it once for the whole loop, where a check against a separate size field stays
 * in every iteration (matmul: 2.4 against 3.5 ms in a plain-Java model of the access). A guest that
 * grows a page at a time would make exact copies quadratic, so once the bytes copied by grows pass
 * twice the memory's size, a grow leaves half again as much spare room and accesses check the size
 * as well ({@code slack}) until the memory has grown into the array again. Chicory caps memories at
 * {@link Memory#RUNTIME_MAX_PAGES} (2 GiB less 64 KiB) anyway, so one array always fits. Shared
 * memories (threads) stay on {@code ByteArrayMemory}: their waiters and atomics need its locks, and
 * a copy on grow would lose other threads' writes.
 *
 * <p>An out-of-bounds access throws Chicory's {@link WasmRuntimeException} ("out of bounds memory
 * access"), as {@code ByteArrayMemory} does, so traps read the same.
 */
final class FlatMemory implements Memory {
  private static final VarHandle SHORTS = view(short[].class);
  private static final VarHandle INTS = view(int[].class);
  private static final VarHandle LONGS = view(long[].class);
  private static final VarHandle FLOATS = view(float[].class);
  private static final VarHandle DOUBLES = view(double[].class);

  private final MemoryLimits limits;
  private final int growCap;
  // Not volatile: a non-shared memory is used by one thread at a time, and a volatile read on
  // every access would keep the JIT from hoisting it out of loops. While slack is false the array
  // is exactly size bytes; while true it is longer (spare room from a grow) and every access also
  // checks size. The JIT splits a loop on the (loop-invariant) flag, so the exact case pays
  // nothing.
  private byte[] bytes;
  private int size;
  private boolean slack;
  private long copiedByGrows; // bytes copied by exact grows since the last roomy one
  private long copiedInAll; // bytes copied by every grow, for tests
  private DataSegment[] dataSegments;

  FlatMemory(MemoryLimits limits) {
    if (limits.shared()) {
      throw new IllegalArgumentException("a shared memory needs ByteArrayMemory");
    }
    if (limits.initialPages() > RUNTIME_MAX_PAGES) {
      throw new IllegalArgumentException(
          "initial memory of " + limits.initialPages() + " pages is above the runtime's maximum");
    }
    this.limits = limits;
    this.growCap = Math.min(limits.maximumPages(), RUNTIME_MAX_PAGES);
    this.size = limits.initialPages() * PAGE_SIZE;
    this.bytes = new byte[size];
  }

  private static VarHandle view(Class<?> arrayType) {
    return MethodHandles.byteArrayViewVarHandle(arrayType, ByteOrder.LITTLE_ENDIAN);
  }

  private WasmRuntimeException oob(int addr, long length) {
    return new WasmRuntimeException(
        "out of bounds memory access: attempted to access address: "
            + Integer.toUnsignedString(addr)
            + " length: "
            + length
            + " but size is: "
            + size);
  }

  /**
   * While the array has spare room past the memory's end, throws unless {@code [addr, addr +
   * length)} lies within the memory; an exact array needs no check here, its own bounds check is
   * the memory's.
   */
  private void checkSpareRoom(int addr, int length) {
    if (slack && (addr < 0 || addr > size - length)) {
      throw oob(addr, length);
    }
  }

  /** Throws unless {@code [addr, addr + length)} lies within {@code size} (all unsigned-safe). */
  private static void checkRange(
      int addr, int length, int size, java.util.function.Supplier<ChicoryException> failure) {
    if (addr < 0 || length < 0 || (long) addr + length > size) {
      throw failure.get();
    }
  }

  @Override
  public int pages() {
    return size >>> 16;
  }

  /** Grows by {@code delta} pages; -1 past the maximum, or when the JVM cannot allocate. */
  @Override
  public int grow(int delta) {
    int old = pages();
    long wanted = (long) old + delta;
    if (delta < 0 || wanted > growCap) {
      return -1;
    }
    int newSize = (int) wanted * PAGE_SIZE;
    if (newSize > bytes.length) {
      int capacity = newSize;
      if (copiedByGrows + size > 2L * newSize) {
        // many small grows: leave room, so that copying stays linear in the final size
        long roomy = Math.min((long) growCap * PAGE_SIZE, bytes.length + (long) bytes.length / 2);
        capacity = (int) Math.max(newSize, roomy & -PAGE_SIZE);
        copiedByGrows = 0;
      } else {
        copiedByGrows += size;
      }
      copiedInAll += size;
      try {
        bytes = Arrays.copyOf(bytes, capacity);
      } catch (OutOfMemoryError e) {
        try {
          bytes = Arrays.copyOf(bytes, newSize); // no room to spare: exactly what was asked
        } catch (OutOfMemoryError stillNot) {
          return -1; // memory.grow may fail; the guest sees -1 instead of a trap
        }
      }
    }
    size = newSize;
    slack = bytes.length != size;
    return old;
  }

  /** The array's length: the size, or more while there is spare room from a roomy grow. */
  int capacity() {
    return bytes.length;
  }

  /** Bytes copied by every grow so far. */
  long bytesCopiedByGrows() {
    return copiedInAll;
  }

  @Override
  public int initialPages() {
    return limits.initialPages();
  }

  /** The declared maximum within the runtime's, as ByteArrayMemory reports it for import checks. */
  @Override
  public int maximumPages() {
    return growCap;
  }

  @Override
  public boolean shared() {
    return false;
  }

  /** The default atomics synchronise on this; a non-shared memory has one user at a time. */
  @Override
  public Object lock(int addr) {
    return this;
  }

  @Override
  public int waitOn(int addr, int expected, long timeout) {
    throw new ChicoryException("Attempt to wait on a non-shared memory, not supported.");
  }

  @Override
  public int waitOn(int addr, long expected, long timeout) {
    throw new ChicoryException("Attempt to wait on a non-shared memory, not supported.");
  }

  /** No thread can wait on a non-shared memory, so none is woken. */
  @Override
  public int notify(int addr, int count) {
    return 0;
  }

  @Override
  public void initialize(Instance instance, DataSegment[] segments) {
    initialize(instance, segments, 0);
  }

  @Override
  public void initialize(Instance instance, DataSegment[] segments, int memoryIndex) {
    // a copy: data.drop empties this instance's slot, never the module's
    this.dataSegments = segments == null ? null : segments.clone();
    if (segments == null) {
      return;
    }
    for (DataSegment s : segments) {
      if (s instanceof ActiveDataSegment) {
        ActiveDataSegment active = (ActiveDataSegment) s;
        if (active.index() != memoryIndex) {
          continue;
        }
        int offset =
            (int) ConstantEvaluators.computeConstantValue(instance, active.offsetInstructions())[0];
        byte[] data = active.data();
        checkRange(
            offset,
            data.length,
            size,
            () ->
                new UninstantiableException(
                    "out of bounds memory access: data segment of "
                        + data.length
                        + " bytes at address "
                        + Integer.toUnsignedString(offset)
                        + ", memory size "
                        + size));
        System.arraycopy(data, 0, bytes, offset, data.length);
      } else if (!(s instanceof PassiveDataSegment)) {
        throw new ChicoryException("Data segment should be active or passive: " + s);
      }
    }
  }

  @Override
  public void initPassiveSegment(int segmentId, int dest, int offset, int size) {
    write(dest, dataSegments[segmentId].data(), offset, size);
  }

  @Override
  public void write(int addr, byte[] data, int offset, int length) {
    checkRange(offset, length, data.length, () -> oob(addr, length));
    checkRange(addr, length, size, () -> oob(addr, length));
    System.arraycopy(data, offset, bytes, addr, length);
  }

  @Override
  public byte read(int addr) {
    checkSpareRoom(addr, 1);
    try {
      return bytes[addr];
    } catch (IndexOutOfBoundsException e) {
      throw oob(addr, 1);
    }
  }

  @Override
  public byte[] readBytes(int addr, int length) {
    checkRange(addr, length, size, () -> oob(addr, length));
    return Arrays.copyOfRange(bytes, addr, addr + length);
  }

  @Override
  public void writeI32(int addr, int value) {
    checkSpareRoom(addr, 4);
    try {
      INTS.set(bytes, addr, value);
    } catch (IndexOutOfBoundsException e) {
      throw oob(addr, 4);
    }
  }

  @Override
  public int readInt(int addr) {
    checkSpareRoom(addr, 4);
    try {
      return (int) INTS.get(bytes, addr);
    } catch (IndexOutOfBoundsException e) {
      throw oob(addr, 4);
    }
  }

  @Override
  public void writeLong(int addr, long value) {
    checkSpareRoom(addr, 8);
    try {
      LONGS.set(bytes, addr, value);
    } catch (IndexOutOfBoundsException e) {
      throw oob(addr, 8);
    }
  }

  @Override
  public long readLong(int addr) {
    checkSpareRoom(addr, 8);
    try {
      return (long) LONGS.get(bytes, addr);
    } catch (IndexOutOfBoundsException e) {
      throw oob(addr, 8);
    }
  }

  @Override
  public void writeShort(int addr, short value) {
    checkSpareRoom(addr, 2);
    try {
      SHORTS.set(bytes, addr, value);
    } catch (IndexOutOfBoundsException e) {
      throw oob(addr, 2);
    }
  }

  @Override
  public short readShort(int addr) {
    checkSpareRoom(addr, 2);
    try {
      return (short) SHORTS.get(bytes, addr);
    } catch (IndexOutOfBoundsException e) {
      throw oob(addr, 2);
    }
  }

  @Override
  public long readU16(int addr) {
    return readShort(addr) & 0xFFFFL;
  }

  @Override
  public void writeByte(int addr, byte value) {
    checkSpareRoom(addr, 1);
    try {
      bytes[addr] = value;
    } catch (IndexOutOfBoundsException e) {
      throw oob(addr, 1);
    }
  }

  @Override
  public void writeF32(int addr, float value) {
    checkSpareRoom(addr, 4);
    try {
      FLOATS.set(bytes, addr, value);
    } catch (IndexOutOfBoundsException e) {
      throw oob(addr, 4);
    }
  }

  /** The float's bits, as Chicory's memories return them (sign-extended like an i32 load). */
  @Override
  public long readF32(int addr) {
    return readInt(addr);
  }

  @Override
  public float readFloat(int addr) {
    checkSpareRoom(addr, 4);
    try {
      return (float) FLOATS.get(bytes, addr);
    } catch (IndexOutOfBoundsException e) {
      throw oob(addr, 4);
    }
  }

  @Override
  public void writeF64(int addr, double value) {
    checkSpareRoom(addr, 8);
    try {
      DOUBLES.set(bytes, addr, value);
    } catch (IndexOutOfBoundsException e) {
      throw oob(addr, 8);
    }
  }

  @Override
  public double readDouble(int addr) {
    checkSpareRoom(addr, 8);
    try {
      return (double) DOUBLES.get(bytes, addr);
    } catch (IndexOutOfBoundsException e) {
      throw oob(addr, 8);
    }
  }

  @Override
  public long readF64(int addr) {
    return readLong(addr);
  }

  @Override
  public void zero() {
    Arrays.fill(bytes, 0, size, (byte) 0);
  }

  /** Fills {@code [from, to)}; Chicory passes {@code to = from + n}. */
  @Override
  public void fill(byte value, int from, int to) {
    int length = to - from;
    checkRange(from, length, size, () -> oob(from, length));
    Arrays.fill(bytes, from, to, value);
  }

  /** {@code memory.copy}: overlapping ranges copy as if through a temporary buffer. */
  @Override
  public void copy(int dest, int src, int length) {
    checkRange(dest, length, size, () -> oob(dest, length));
    checkRange(src, length, size, () -> oob(src, length));
    System.arraycopy(bytes, src, bytes, dest, length);
  }

  @Override
  public void drop(int segmentId) {
    dataSegments[segmentId] = PassiveDataSegment.EMPTY;
  }
}
