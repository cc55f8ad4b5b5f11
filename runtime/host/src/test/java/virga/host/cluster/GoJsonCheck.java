package virga.host.cluster;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A stand-in for wasmCloud's Go decoder ({@code protojson.Unmarshal}, which rejects unknown fields)
 * and a stricter one: every key must be the lowerCamelCase JSON name of a field of the message (Go
 * would accept the proto name too, but its own encoder never writes it), 64-bit integers must be
 * strings, 32-bit ones integral numbers, enums names the .proto declares, timestamps RFC 3339, no
 * {@code null}, at most one member of a oneof. It also runs protobuf-java-util's strict parser
 * (without {@code ignoringUnknownFields}).
 */
final class GoJsonCheck {
  private static final Pattern RFC3339 =
      Pattern.compile(
          "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})");
  private static final Pattern INT64 = Pattern.compile("-?(0|[1-9]\\d*)");

  private GoJsonCheck() {}

  /** Every reason Go's decoder (or this project's stricter reading) would refuse {@code json}. */
  static List<String> problems(String json, Descriptor type) {
    List<String> out = new ArrayList<>();
    JsonElement root;
    try {
      root = JsonParser.parseString(json);
    } catch (RuntimeException e) {
      return List.of("not JSON: " + e.getMessage());
    }
    message(root, type, "$", out);
    return out;
  }

  /** Parses {@code json} with the strict JsonFormat parser (unknown fields are errors). */
  @SuppressWarnings("unchecked")
  static <T extends Message> T strict(String json, Message.Builder builder) {
    try {
      JsonFormat.parser().merge(json, builder);
      return (T) builder.build();
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError("a strict proto3 JSON parser refuses " + json + ": " + e, e);
    }
  }

  private static void message(JsonElement e, Descriptor type, String path, List<String> out) {
    if (type.getFullName().equals("google.protobuf.Timestamp")) {
      if (!isString(e) || !RFC3339.matcher(e.getAsString()).matches()) {
        out.add(path + ": a Timestamp must be an RFC 3339 string, got " + e);
      }
      return;
    }
    if (!e.isJsonObject()) {
      out.add(path + ": " + type.getName() + " must be a JSON object, got " + e);
      return;
    }
    Set<String> oneofs = new HashSet<>();
    for (var member : ((JsonObject) e).entrySet()) {
      String key = member.getKey();
      String at = path + "." + key;
      FieldDescriptor f =
          type.getFields().stream()
              .filter(d -> d.getJsonName().equals(key))
              .findFirst()
              .orElse(null);
      if (f == null) {
        boolean protoName = type.findFieldByName(key) != null;
        out.add(
            at
                + (protoName
                    ? ": proto name, not the lowerCamelCase JSON name"
                    : ": unknown field of " + type.getFullName() + " (Go's decoder rejects it)"));
        continue;
      }
      if (f.getRealContainingOneof() != null && !oneofs.add(f.getRealContainingOneof().getName())) {
        out.add(at + ": a second member of oneof " + f.getRealContainingOneof().getName());
      }
      JsonElement v = member.getValue();
      if (v.isJsonNull()) {
        out.add(at + ": null (leave the field out instead)");
      } else if (f.isMapField()) {
        if (!v.isJsonObject()) {
          out.add(at + ": a map must be a JSON object");
          continue;
        }
        FieldDescriptor value = f.getMessageType().findFieldByName("value");
        for (var entry : v.getAsJsonObject().entrySet()) {
          single(entry.getValue(), value, at + "[" + entry.getKey() + "]", out);
        }
      } else if (f.isRepeated()) {
        if (!v.isJsonArray()) {
          out.add(at + ": a repeated field must be a JSON array");
          continue;
        }
        JsonArray a = v.getAsJsonArray();
        for (int i = 0; i < a.size(); i++) {
          single(a.get(i), f, at + "[" + i + "]", out);
        }
      } else {
        single(v, f, at, out);
      }
    }
  }

  private static void single(JsonElement v, FieldDescriptor f, String at, List<String> out) {
    switch (f.getJavaType()) {
      case MESSAGE -> message(v, f.getMessageType(), at, out);
      case LONG -> {
        if (!isString(v) || !INT64.matcher(v.getAsString()).matches()) {
          out.add(at + ": a 64-bit integer must be a decimal JSON string, got " + v);
        }
      }
      case INT -> {
        if (!isNumber(v) || !integral(v.getAsJsonPrimitive())) {
          out.add(at + ": a 32-bit integer must be an integral JSON number, got " + v);
        }
      }
      case FLOAT, DOUBLE -> {
        if (!isNumber(v)) {
          out.add(at + ": a float must be a JSON number, got " + v);
        }
      }
      case BOOLEAN -> {
        if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isBoolean()) {
          out.add(at + ": a bool must be true or false, got " + v);
        }
      }
      case STRING, BYTE_STRING -> {
        if (!isString(v)) {
          out.add(at + ": must be a JSON string, got " + v);
        }
      }
      case ENUM -> {
        List<String> names =
            f.getEnumType().getValues().stream().map(EnumValueDescriptor::getName).toList();
        if (!isString(v) || !names.contains(v.getAsString())) {
          out.add(at + ": an enum must be one of its names " + names + ", got " + v);
        }
      }
    }
  }

  private static boolean isString(JsonElement v) {
    return v.isJsonPrimitive() && v.getAsJsonPrimitive().isString();
  }

  private static boolean isNumber(JsonElement v) {
    return v.isJsonPrimitive() && v.getAsJsonPrimitive().isNumber();
  }

  private static boolean integral(JsonPrimitive p) {
    try {
      // int32, sint32 and uint32 alike: an exact integer of at most 32 bits
      return new BigDecimal(p.getAsString()).toBigIntegerExact().bitLength() <= 32;
    } catch (ArithmeticException | NumberFormatException e) {
      return false;
    }
  }
}
