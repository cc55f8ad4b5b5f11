package virga.wasi.http;

import java.util.Objects;
import virga.component.values.Value;

/**
 * A {@code wasi:http/types.error-code}: the case name as the WIT spells it ({@code
 * connection-refused}, {@code HTTP-request-body-size}, …) and its payload value, or null for a case
 * without one.
 */
public record ErrorCode(String tag, Value payload) {
  public ErrorCode {
    Objects.requireNonNull(tag, "tag");
  }

  /** A case without payload. */
  public static ErrorCode of(String tag) {
    return new ErrorCode(tag, null);
  }

  /** {@code internal-error(some(message))}. */
  public static ErrorCode internal(String message) {
    return new ErrorCode(
        "internal-error", message == null ? Value.none() : Value.some(Value.string(message)));
  }

  /** {@code HTTP-request-body-size(size)}. */
  public static ErrorCode requestBodySize(Long size) {
    return new ErrorCode("HTTP-request-body-size", optionU64(size));
  }

  /** {@code HTTP-response-body-size(size)}. */
  public static ErrorCode responseBodySize(Long size) {
    return new ErrorCode("HTTP-response-body-size", optionU64(size));
  }

  /** {@code DNS-error({rcode, info-code: none})}. */
  public static ErrorCode dns(String rcode) {
    return new ErrorCode(
        "DNS-error",
        Value.record(
            Value.field("rcode", rcode == null ? Value.none() : Value.some(Value.string(rcode))),
            Value.field("info-code", Value.none())));
  }

  /** The error-code lifted from a guest value. */
  public static ErrorCode fromValue(Value v) {
    Value.VariantValue vv = (Value.VariantValue) v;
    return new ErrorCode(vv.caseName(), vv.payload());
  }

  /** The value lowered to the guest. */
  public Value toValue() {
    return payload == null ? Value.variant(tag) : Value.variant(tag, payload);
  }

  /** The exception carrying this code through Java code and into an {@code io-error}. */
  public HttpErrorException exception() {
    return new HttpErrorException(this);
  }

  @Override
  public String toString() {
    return payload == null ? tag : tag + "(" + payload + ")";
  }

  private static Value optionU64(Long size) {
    return size == null ? Value.none() : Value.some(Value.u64(size));
  }
}
