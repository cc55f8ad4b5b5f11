package virga.plugins.postgres;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.postgresql.util.PGobject;

/**
 * Binds {@link PgValue}s to a JDBC statement, each with its PostgreSQL type, so a value is always
 * data and never SQL. Cases without a binding here are refused with {@code invalid-params}.
 */
final class Parameters {
  private Parameters() {}

  /** Binds {@code values} ({@code $1} first) to {@code ps} in the order {@code p} recorded. */
  static void bind(Connection c, PreparedStatement ps, Placeholders p, List<PgValue> values)
      throws SQLException, BadParameterException {
    if (values.size() != p.count()) {
      throw new BadParameterException(
          "the statement uses " + p.count() + " parameters but " + values.size() + " were given");
    }
    int[] order = p.order();
    for (int k = 0; k < order.length; k++) {
      int n = order[k];
      try {
        set(c, ps, k + 1, values.get(n - 1));
      } catch (BadParameterException | IllegalArgumentException | java.time.DateTimeException e) {
        throw new BadParameterException("parameter $" + n + ": " + e.getMessage());
      }
    }
  }

  static void set(Connection c, PreparedStatement ps, int i, PgValue v)
      throws SQLException, BadParameterException {
    if (v instanceof PgValue.Null x) {
      ps.setNull(i, Types.NULL);
    } else if (v instanceof PgValue.BigInt x) {
      ps.setLong(i, x.value());
    } else if (v instanceof PgValue.Int8 x) {
      ps.setLong(i, x.value());
    } else if (v instanceof PgValue.BigSerial x) {
      ps.setLong(i, x.value());
    } else if (v instanceof PgValue.Serial8 x) {
      ps.setLong(i, x.value());
    } else if (v instanceof PgValue.Integer x) {
      ps.setInt(i, x.value());
    } else if (v instanceof PgValue.Int x) {
      ps.setInt(i, x.value());
    } else if (v instanceof PgValue.Int4 x) {
      ps.setInt(i, x.value());
    } else if (v instanceof PgValue.Serial x) {
      ps.setLong(i, x.value());
    } else if (v instanceof PgValue.Serial4 x) {
      ps.setLong(i, x.value());
    } else if (v instanceof PgValue.SmallInt x) {
      ps.setShort(i, (short) x.value());
    } else if (v instanceof PgValue.Int2 x) {
      ps.setShort(i, (short) x.value());
    } else if (v instanceof PgValue.SmallSerial x) {
      ps.setShort(i, (short) x.value());
    } else if (v instanceof PgValue.Serial2 x) {
      ps.setShort(i, (short) x.value());
    } else if (v instanceof PgValue.Bool x) {
      ps.setBoolean(i, x.value());
    } else if (v instanceof PgValue.Boolean x) {
      ps.setBoolean(i, x.value());
    } else if (v instanceof PgValue.Double x) {
      ps.setDouble(i, HashableF64.decode(x.value()));
    } else if (v instanceof PgValue.Float8 x) {
      ps.setDouble(i, HashableF64.decode(x.value()));
    } else if (v instanceof PgValue.Real x) {
      ps.setFloat(i, (float) HashableF64.decode(x.value()));
    } else if (v instanceof PgValue.Float4 x) {
      ps.setFloat(i, (float) HashableF64.decode(x.value()));
    } else if (v instanceof PgValue.Numeric x) {
      ps.setBigDecimal(i, decimal(x.value()));
    } else if (v instanceof PgValue.Decimal x) {
      ps.setBigDecimal(i, decimal(x.value()));
    } else if (v instanceof PgValue.Money x) {
      ps.setObject(i, object("money", x.value()));
    } else if (v instanceof PgValue.Text x) {
      ps.setString(i, x.value());
    } else if (v instanceof PgValue.Name x) {
      ps.setObject(i, object("name", x.value()));
    } else if (v instanceof PgValue.Xml x) {
      ps.setObject(i, object("xml", x.value()));
    } else if (v instanceof PgValue.Json x) {
      ps.setObject(i, object("json", x.value()));
    } else if (v instanceof PgValue.Jsonb x) {
      ps.setObject(i, object("jsonb", x.value()));
    } else if (v instanceof PgValue.TsQuery x) {
      ps.setObject(i, object("tsquery", x.value()));
    } else if (v instanceof PgValue.Uuid x) {
      ps.setObject(i, UUID.fromString(x.value()));
    } else if (v instanceof PgValue.Inet x) {
      ps.setObject(i, object("inet", x.value()));
    } else if (v instanceof PgValue.Cidr x) {
      ps.setObject(i, object("cidr", x.value()));
    } else if (v instanceof PgValue.Bytea x) {
      ps.setBytes(i, x.value());
    } else if (v instanceof PgValue.Char x) {
      ps.setString(i, chars(x.value().getKey(), x.value().getValue()));
    } else if (v instanceof PgValue.Varchar x) {
      ps.setString(i, varchar(x.value()));
    } else if (v instanceof PgValue.Date x) {
      ps.setObject(i, date(x.value()));
    } else if (v instanceof PgValue.Time x) {
      ps.setObject(i, time(x.value()));
    } else if (v instanceof PgValue.TimeTz x) {
      ps.setObject(i, timeTz(x.value()));
    } else if (v instanceof PgValue.Timestamp x) {
      ps.setObject(i, timestamp(x.value()));
    } else if (v instanceof PgValue.TimestampTz x) {
      ps.setObject(i, timestampTz(x.value()));
    } else if (v instanceof PgValue.Int8Array x) {
      ps.setArray(i, c.createArrayOf("int8", x.value().toArray()));
    } else if (v instanceof PgValue.Int4Array x) {
      ps.setArray(i, c.createArrayOf("int4", x.value().toArray()));
    } else if (v instanceof PgValue.Int2Array x) {
      ps.setArray(i, c.createArrayOf("int2", map(x.value(), Integer::shortValue)));
    } else if (v instanceof PgValue.BoolArray x) {
      ps.setArray(i, c.createArrayOf("bool", x.value().toArray()));
    } else if (v instanceof PgValue.Float8Array x) {
      ps.setArray(i, c.createArrayOf("float8", map(x.value(), HashableF64::decode)));
    } else if (v instanceof PgValue.Float4Array x) {
      ps.setArray(i, c.createArrayOf("float4", map(x.value(), t -> (float) HashableF64.decode(t))));
    } else if (v instanceof PgValue.NumericArray x) {
      ps.setArray(i, c.createArrayOf("numeric", map(x.value(), Parameters::decimal)));
    } else if (v instanceof PgValue.TextArray x) {
      ps.setArray(i, c.createArrayOf("text", x.value().toArray()));
    } else if (v instanceof PgValue.NameArray x) {
      ps.setArray(i, c.createArrayOf("name", x.value().toArray()));
    } else if (v instanceof PgValue.UuidArray x) {
      ps.setArray(i, c.createArrayOf("uuid", map(x.value(), UUID::fromString)));
    } else if (v instanceof PgValue.JsonArray x) {
      ps.setArray(i, c.createArrayOf("json", x.value().toArray()));
    } else if (v instanceof PgValue.JsonbArray x) {
      ps.setArray(i, c.createArrayOf("jsonb", x.value().toArray()));
    } else if (v instanceof PgValue.ByteaArray x) {
      ps.setArray(i, c.createArrayOf("bytea", x.value().toArray()));
    } else if (v instanceof PgValue.DateArray x) {
      ps.setArray(i, c.createArrayOf("date", map(x.value(), Parameters::date)));
    } else if (v instanceof PgValue.TimestampArray x) {
      ps.setArray(i, c.createArrayOf("timestamp", map(x.value(), Parameters::timestamp)));
    } else if (v instanceof PgValue.TimestampTzArray x) {
      ps.setArray(i, c.createArrayOf("timestamptz", map(x.value(), Parameters::timestampTz)));
    } else {
      throw new BadParameterException(
          "pg-value case " + JavaCase.witName(v) + " is not supported as a parameter by this host");
    }
  }

  private static <T> Object[] map(List<T> values, Function<T, ?> f) {
    return values.stream().map(f).toArray();
  }

  static BigDecimal decimal(String s) {
    try {
      return new BigDecimal(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a numeric: \"" + s + "\"");
    }
  }

  private static PGobject object(String type, String value) throws SQLException {
    PGobject o = new PGobject();
    o.setType(type);
    o.setValue(value);
    return o;
  }

  private static String chars(long length, byte[] bytes) throws BadParameterException {
    if (bytes.length != length) {
      throw new BadParameterException(
          "char length " + bytes.length + " does not match the given size " + length);
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static String varchar(Map.Entry<Optional<Long>, byte[]> v) throws BadParameterException {
    Optional<Long> limit = v.getKey();
    if (limit.isPresent() && v.getValue().length > limit.get()) {
      throw new BadParameterException(
          "varchar length " + v.getValue().length + " exceeds the given limit " + limit.get());
    }
    return new String(v.getValue(), StandardCharsets.UTF_8);
  }

  static LocalDate date(PgTypes.Date d) {
    if (d instanceof PgTypes.Date.PositiveInfinity) {
      return LocalDate.MAX;
    }
    if (d instanceof PgTypes.Date.NegativeInfinity) {
      return LocalDate.MIN;
    }
    List<Object> ymd = ((PgTypes.Date.Ymd) d).value();
    return LocalDate.of(
        ((Number) ymd.get(0)).intValue(),
        ((Number) ymd.get(1)).intValue(),
        ((Number) ymd.get(2)).intValue());
  }

  static LocalTime time(PgTypes.Time t) {
    return LocalTime.of(
        Math.toIntExact(t.hour()),
        Math.toIntExact(t.min()),
        Math.toIntExact(t.sec()),
        Math.toIntExact(t.micro()) * 1000);
  }

  static OffsetTime timeTz(PgTypes.TimeTz t) {
    return OffsetTime.of(time(t.time()), ZoneOffset.of(t.timesonze()));
  }

  static LocalDateTime timestamp(PgTypes.Timestamp t) {
    if (t.date() instanceof PgTypes.Date.PositiveInfinity) {
      return LocalDateTime.MAX;
    }
    if (t.date() instanceof PgTypes.Date.NegativeInfinity) {
      return LocalDateTime.MIN;
    }
    return LocalDateTime.of(date(t.date()), time(t.time()));
  }

  static OffsetDateTime timestampTz(PgTypes.TimestampTz t) {
    int seconds =
        t.offset() instanceof PgTypes.Offset.EasternHemisphereSecs e
            ? e.value()
            : -((PgTypes.Offset.WesternHemisphereSecs) t.offset()).value();
    PgTypes.Date d = t.timestamp().date();
    if (d instanceof PgTypes.Date.PositiveInfinity) {
      return OffsetDateTime.MAX;
    }
    if (d instanceof PgTypes.Date.NegativeInfinity) {
      return OffsetDateTime.MIN;
    }
    return OffsetDateTime.of(timestamp(t.timestamp()), ZoneOffset.ofTotalSeconds(seconds));
  }
}
