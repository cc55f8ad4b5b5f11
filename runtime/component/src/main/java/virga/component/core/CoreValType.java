package virga.component.core;

/** A core wasm value type. */
public enum CoreValType {
  I32,
  I64,
  F32,
  F64,
  /**
   * funcref or externref: only seen in tables and in signatures the component layer does not call.
   */
  REF
}
