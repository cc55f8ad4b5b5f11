package virga.component.core;

/**
 * A linear memory, little-endian, addressed with unsigned 32-bit offsets held in an {@code int}.
 * Every access is bounds-checked and throws {@link virga.component.TrapException} when out of
 * bounds.
 */
public non-sealed interface CoreMemory extends CoreExtern {
  /** Current size in bytes. */
  long byteSize();

  byte readByte(int addr);

  short readShort(int addr);

  int readInt(int addr);

  long readLong(int addr);

  float readFloat(int addr);

  double readDouble(int addr);

  byte[] readBytes(int addr, int length);

  void writeByte(int addr, byte value);

  void writeShort(int addr, short value);

  void writeInt(int addr, int value);

  void writeLong(int addr, long value);

  void writeFloat(int addr, float value);

  void writeDouble(int addr, double value);

  void writeBytes(int addr, byte[] bytes);

  /**
   * Grows by {@code pages} 64 KiB pages; returns the old size in pages, or -1 when it cannot grow.
   */
  int grow(int pages);
}
