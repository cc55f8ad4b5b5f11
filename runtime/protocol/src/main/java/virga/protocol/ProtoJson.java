package virga.protocol;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import java.nio.charset.StandardCharsets;

/**
 * The proto3 JSON mapping that wasmCloud puts on the wire: lowerCamelCase field names, enums by
 * name, 64-bit integers as strings, default values left out. Decoding accepts the snake_case names
 * too, and ignores fields it does not know, so newer peers can add fields.
 */
public final class ProtoJson {
  private static final JsonFormat.Printer PRINTER =
      JsonFormat.printer().omittingInsignificantWhitespace();
  private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();

  private ProtoJson() {}

  /** The message as compact proto3 JSON. */
  public static String encode(MessageOrBuilder message) {
    try {
      return PRINTER.print(message);
    } catch (InvalidProtocolBufferException e) {
      // Only Any fields with unknown types can fail to print; the protocol has none.
      throw new IllegalStateException("cannot encode " + message.getClass().getSimpleName(), e);
    }
  }

  /** The message as UTF-8 proto3 JSON bytes, ready to publish. */
  public static byte[] encodeBytes(MessageOrBuilder message) {
    return encode(message).getBytes(StandardCharsets.UTF_8);
  }

  /** Decodes {@code json} into a message of the builder's type. */
  @SuppressWarnings("unchecked")
  public static <T extends Message> T decode(String json, Message.Builder builder) {
    try {
      PARSER.merge(json, builder);
      return (T) builder.build();
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      throw new ProtocolException(
          "cannot decode "
              + builder.getDescriptorForType().getFullName()
              + " from JSON: "
              + e.getMessage(),
          e);
    }
  }

  /** Decodes UTF-8 JSON bytes (an empty payload is the empty message, as {@code {}}). */
  public static <T extends Message> T decode(byte[] json, Message.Builder builder) {
    String text =
        json == null || json.length == 0 ? "{}" : new String(json, StandardCharsets.UTF_8);
    return decode(text, builder);
  }
}
