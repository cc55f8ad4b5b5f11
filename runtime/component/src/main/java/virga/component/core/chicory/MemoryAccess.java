package virga.component.core.chicory;

import com.dylibso.chicory.runtime.Memory;

/**
 * The loads and stores of compiled guest code, called instead of the helpers Chicory's compiler
 * copies into each module ({@link GeneratedClassRewriter}): the same signatures and results, with
 * the memory's class tested here.
 *
 * <p>Why: Chicory's helpers call the {@link Memory} interface. Where the JIT has a type profile it
 * inlines {@link FlatMemory}'s accessor; where it has none (code not yet run when its method was
 * compiled, such as the last loop of a function whose first loop triggered the compilation), the
 * access stays an interface call per load or store for the life of the compiled code. Here the
 * {@code instanceof} gives the JIT the class without a profile.
 */
public final class MemoryAccess {
  private MemoryAccess() {}

  /**
   * The effective address; negative (out of bounds: it traps) when the address is at or above 2
   * GiB, where no memory reaches. An offset of 0 (most accesses: compilers fold constant offsets
   * into the address) is tested first so that the JIT, which sees the constant, drops the test.
   */
  private static int at(int addr, int offset) {
    if (offset == 0) {
      return addr;
    }
    return addr < 0 ? addr : addr + offset;
  }

  /** A {@code byte} load. */
  public static byte memoryReadByte(int addr, int offset, Memory memory) {
    if (memory instanceof FlatMemory) {
      return ((FlatMemory) memory).read(at(addr, offset));
    }
    return memory.read(at(addr, offset));
  }

  /** A {@code byte} store. */
  public static void memoryWriteByte(int addr, byte value, int offset, Memory memory) {
    if (memory instanceof FlatMemory) {
      ((FlatMemory) memory).writeByte(at(addr, offset), value);
      return;
    }
    memory.writeByte(at(addr, offset), value);
  }

  /** A {@code short} load. */
  public static short memoryReadShort(int addr, int offset, Memory memory) {
    if (memory instanceof FlatMemory) {
      return ((FlatMemory) memory).readShort(at(addr, offset));
    }
    return memory.readShort(at(addr, offset));
  }

  /** A {@code short} store. */
  public static void memoryWriteShort(int addr, short value, int offset, Memory memory) {
    if (memory instanceof FlatMemory) {
      ((FlatMemory) memory).writeShort(at(addr, offset), value);
      return;
    }
    memory.writeShort(at(addr, offset), value);
  }

  /** A {@code int} load. */
  public static int memoryReadInt(int addr, int offset, Memory memory) {
    if (memory instanceof FlatMemory) {
      return ((FlatMemory) memory).readInt(at(addr, offset));
    }
    return memory.readInt(at(addr, offset));
  }

  /** A {@code int} store. */
  public static void memoryWriteInt(int addr, int value, int offset, Memory memory) {
    if (memory instanceof FlatMemory) {
      ((FlatMemory) memory).writeI32(at(addr, offset), value);
      return;
    }
    memory.writeI32(at(addr, offset), value);
  }

  /** A {@code long} load. */
  public static long memoryReadLong(int addr, int offset, Memory memory) {
    if (memory instanceof FlatMemory) {
      return ((FlatMemory) memory).readLong(at(addr, offset));
    }
    return memory.readLong(at(addr, offset));
  }

  /** A {@code long} store. */
  public static void memoryWriteLong(int addr, long value, int offset, Memory memory) {
    if (memory instanceof FlatMemory) {
      ((FlatMemory) memory).writeLong(at(addr, offset), value);
      return;
    }
    memory.writeLong(at(addr, offset), value);
  }

  /** A {@code float} load. */
  public static float memoryReadFloat(int addr, int offset, Memory memory) {
    if (memory instanceof FlatMemory) {
      return ((FlatMemory) memory).readFloat(at(addr, offset));
    }
    return memory.readFloat(at(addr, offset));
  }

  /** A {@code float} store. */
  public static void memoryWriteFloat(int addr, float value, int offset, Memory memory) {
    if (memory instanceof FlatMemory) {
      ((FlatMemory) memory).writeF32(at(addr, offset), value);
      return;
    }
    memory.writeF32(at(addr, offset), value);
  }

  /** A {@code double} load. */
  public static double memoryReadDouble(int addr, int offset, Memory memory) {
    if (memory instanceof FlatMemory) {
      return ((FlatMemory) memory).readDouble(at(addr, offset));
    }
    return memory.readDouble(at(addr, offset));
  }

  /** A {@code double} store. */
  public static void memoryWriteDouble(int addr, double value, int offset, Memory memory) {
    if (memory instanceof FlatMemory) {
      ((FlatMemory) memory).writeF64(at(addr, offset), value);
      return;
    }
    memory.writeF64(at(addr, offset), value);
  }
}
