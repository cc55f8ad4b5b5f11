package virga.component.binary;

/** A custom section, kept as name + bytes. */
public record CustomSection(String name, byte[] data, long offset) {
  public CustomSection {
    data = data.clone();
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CustomSection c
        && c.name.equals(name)
        && c.offset == offset
        && java.util.Arrays.equals(c.data, data);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + java.util.Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "CustomSection[" + name + ", " + data.length + " bytes]";
  }
}
