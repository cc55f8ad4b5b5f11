package virga.component.abi;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import virga.component.TrapException;
import virga.component.core.CoreFuncType;
import virga.component.core.CoreFunction;
import virga.component.core.CoreMemory;
import virga.component.core.CoreValType;

/**
 * A guest memory stand-in backed by a byte array, with a bump {@code cabi_realloc} that records its
 * calls and copies old contents like a real allocator.
 */
final class TestMemory implements CoreMemory {
  final byte[] bytes;
  private final ByteBuffer buf;
  int bump = 16;

  /** Added to every realloc result, to provoke misalignment or out-of-bounds traps. */
  int skew;

  final List<long[]> reallocCalls = new ArrayList<>();

  final CoreFunction realloc;

  TestMemory(int size) {
    bytes = new byte[size];
    buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    realloc = bumpRealloc();
  }

  private CoreFunction bumpRealloc() {
    return CoreFunction.host(
        new CoreFuncType(
            List.of(CoreValType.I32, CoreValType.I32, CoreValType.I32, CoreValType.I32),
            List.of(CoreValType.I32)),
        args -> {
          reallocCalls.add(args.clone());
          int oldPtr = (int) args[0];
          int oldSize = (int) args[1];
          int align = (int) args[2];
          int newSize = (int) args[3];
          int ptr = (bump + align - 1) & -align;
          bump = ptr + newSize;
          if (oldPtr != 0) {
            System.arraycopy(bytes, oldPtr, bytes, ptr, Math.min(oldSize, newSize));
          }
          return new long[] {ptr + skew};
        });
  }

  CanonOptions options(StringEncoding enc) {
    return new CanonOptions(enc, this, realloc, null);
  }

  private void check(int addr, int len) {
    if (addr < 0 || (long) addr + len > bytes.length) {
      throw new TrapException("out of bounds memory access at " + addr);
    }
  }

  @Override
  public long byteSize() {
    return bytes.length;
  }

  @Override
  public byte readByte(int addr) {
    check(addr, 1);
    return bytes[addr];
  }

  @Override
  public short readShort(int addr) {
    check(addr, 2);
    return buf.getShort(addr);
  }

  @Override
  public int readInt(int addr) {
    check(addr, 4);
    return buf.getInt(addr);
  }

  @Override
  public long readLong(int addr) {
    check(addr, 8);
    return buf.getLong(addr);
  }

  @Override
  public float readFloat(int addr) {
    check(addr, 4);
    return buf.getFloat(addr);
  }

  @Override
  public double readDouble(int addr) {
    check(addr, 8);
    return buf.getDouble(addr);
  }

  @Override
  public byte[] readBytes(int addr, int length) {
    check(addr, length);
    byte[] out = new byte[length];
    System.arraycopy(bytes, addr, out, 0, length);
    return out;
  }

  @Override
  public void writeByte(int addr, byte value) {
    check(addr, 1);
    bytes[addr] = value;
  }

  @Override
  public void writeShort(int addr, short value) {
    check(addr, 2);
    buf.putShort(addr, value);
  }

  @Override
  public void writeInt(int addr, int value) {
    check(addr, 4);
    buf.putInt(addr, value);
  }

  @Override
  public void writeLong(int addr, long value) {
    check(addr, 8);
    buf.putLong(addr, value);
  }

  @Override
  public void writeFloat(int addr, float value) {
    check(addr, 4);
    buf.putFloat(addr, value);
  }

  @Override
  public void writeDouble(int addr, double value) {
    check(addr, 8);
    buf.putDouble(addr, value);
  }

  @Override
  public void writeBytes(int addr, byte[] value) {
    check(addr, value.length);
    System.arraycopy(value, 0, bytes, addr, value.length);
  }

  @Override
  public int grow(int pages) {
    return -1;
  }
}
