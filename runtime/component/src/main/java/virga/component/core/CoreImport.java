package virga.component.core;

/** An import a core module declares. */
public record CoreImport(String module, String name, Kind kind, CoreFuncType funcType) {
  /** What is imported; {@code funcType} is set only for functions. */
  public enum Kind {
    FUNCTION,
    MEMORY,
    TABLE,
    GLOBAL
  }
}
