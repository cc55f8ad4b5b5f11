package virga.component.core.chicory;

import com.dylibso.chicory.runtime.Memory;
import virga.component.TrapException;
import virga.component.core.CoreMemory;

/**
 * A Chicory linear memory behind the {@link CoreMemory} SPI. Accessors delegate straight to
 * Chicory's own bounds-checked accessors (no allocation besides {@link #readBytes}); an
 * out-of-bounds access becomes a {@link TrapException} naming the address and the memory size.
 */
public final class ChicoryMemory implements CoreMemory {
  private final Memory memory;

  ChicoryMemory(Memory memory) {
    this.memory = memory;
  }

  /** The Chicory memory, for importing it into another Chicory instance. */
  Memory raw() {
    return memory;
  }

  @Override
  public long byteSize() {
    return (long) memory.pages() * Memory.PAGE_SIZE;
  }

  private TrapException oob(int addr, long length, RuntimeException cause) {
    return new TrapException(
        "out of bounds memory access: "
            + length
            + " bytes at address "
            + Integer.toUnsignedString(addr)
            + ", memory size "
            + byteSize()
            + " bytes",
        cause);
  }

  @Override
  public byte readByte(int addr) {
    try {
      return memory.read(addr);
    } catch (RuntimeException e) {
      throw oob(addr, 1, e);
    }
  }

  @Override
  public short readShort(int addr) {
    try {
      return memory.readShort(addr);
    } catch (RuntimeException e) {
      throw oob(addr, 2, e);
    }
  }

  @Override
  public int readInt(int addr) {
    try {
      return memory.readInt(addr);
    } catch (RuntimeException e) {
      throw oob(addr, 4, e);
    }
  }

  @Override
  public long readLong(int addr) {
    try {
      return memory.readLong(addr);
    } catch (RuntimeException e) {
      throw oob(addr, 8, e);
    }
  }

  @Override
  public float readFloat(int addr) {
    try {
      return memory.readFloat(addr);
    } catch (RuntimeException e) {
      throw oob(addr, 4, e);
    }
  }

  @Override
  public double readDouble(int addr) {
    try {
      return memory.readDouble(addr);
    } catch (RuntimeException e) {
      throw oob(addr, 8, e);
    }
  }

  @Override
  public byte[] readBytes(int addr, int length) {
    if (length < 0) {
      throw new IllegalArgumentException("negative length " + length);
    }
    try {
      return memory.readBytes(addr, length);
    } catch (RuntimeException e) {
      throw oob(addr, length, e);
    }
  }

  @Override
  public void writeByte(int addr, byte value) {
    try {
      memory.writeByte(addr, value);
    } catch (RuntimeException e) {
      throw oob(addr, 1, e);
    }
  }

  @Override
  public void writeShort(int addr, short value) {
    try {
      memory.writeShort(addr, value);
    } catch (RuntimeException e) {
      throw oob(addr, 2, e);
    }
  }

  @Override
  public void writeInt(int addr, int value) {
    try {
      memory.writeI32(addr, value);
    } catch (RuntimeException e) {
      throw oob(addr, 4, e);
    }
  }

  @Override
  public void writeLong(int addr, long value) {
    try {
      memory.writeLong(addr, value);
    } catch (RuntimeException e) {
      throw oob(addr, 8, e);
    }
  }

  @Override
  public void writeFloat(int addr, float value) {
    try {
      memory.writeF32(addr, value);
    } catch (RuntimeException e) {
      throw oob(addr, 4, e);
    }
  }

  @Override
  public void writeDouble(int addr, double value) {
    try {
      memory.writeF64(addr, value);
    } catch (RuntimeException e) {
      throw oob(addr, 8, e);
    }
  }

  @Override
  public void writeBytes(int addr, byte[] bytes) {
    try {
      memory.write(addr, bytes, 0, bytes.length);
    } catch (RuntimeException e) {
      throw oob(addr, bytes.length, e);
    }
  }

  /** Grows within the module's maximum and the instance's memory limit; -1 when it cannot. */
  @Override
  public int grow(int pages) {
    if (pages < 0) {
      return -1;
    }
    return memory.grow(pages);
  }
}
