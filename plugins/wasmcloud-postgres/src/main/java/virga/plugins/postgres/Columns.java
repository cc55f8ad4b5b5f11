package virga.plugins.postgres;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads a result column as the {@link PgValue} case of its PostgreSQL type (by type name): {@code
 * int8} → {@code int8}, {@code text} → {@code text}, {@code _int4} → {@code int4-array}, ... SQL
 * NULL is {@code null}. A type without a case here is a {@link ColumnConversionException} naming
 * the column and type, rather than a guessed value.
 */
final class Columns {
  private Columns() {}

  /** Column {@code i} (1-based) of the current row. */
  static PgValue read(ResultSet rs, ResultSetMetaData md, int i)
      throws SQLException, ColumnConversionException {
    String type = md.getColumnTypeName(i);
    Object raw = rs.getObject(i);
    if (raw == null) {
      return new PgValue.Null();
    }
    switch (type) {
      case "int8":
        return new PgValue.Int8(rs.getLong(i));
      case "int4":
        return new PgValue.Int4(rs.getInt(i));
      case "int2":
        return new PgValue.Int2(rs.getShort(i));
      case "oid":
        return new PgValue.Int8(rs.getLong(i));
      case "float8":
        return new PgValue.Float8(HashableF64.encode(rs.getDouble(i)));
      case "float4":
        return new PgValue.Float4(HashableF64.encode(rs.getFloat(i)));
      case "bool":
        return new PgValue.Bool(rs.getBoolean(i));
      case "numeric":
        // getString keeps NaN and the scale the server sent
        return new PgValue.Numeric(rs.getString(i));
      case "money":
        return new PgValue.Money(rs.getString(i));
      case "text":
        return new PgValue.Text(rs.getString(i));
      case "varchar":
        return new PgValue.Varchar(
            Map.entry(limit(md, i), rs.getString(i).getBytes(StandardCharsets.UTF_8)));
      case "bpchar":
        {
          byte[] b = rs.getString(i).getBytes(StandardCharsets.UTF_8);
          return new PgValue.Char(Map.entry((long) b.length, b));
        }
      case "name":
        return new PgValue.Name(rs.getString(i));
      case "xml":
        return new PgValue.Xml(rs.getString(i));
      case "json":
        return new PgValue.Json(rs.getString(i));
      case "jsonb":
        return new PgValue.Jsonb(rs.getString(i));
      case "uuid":
        return new PgValue.Uuid(rs.getString(i));
      case "inet":
        return new PgValue.Inet(rs.getString(i));
      case "cidr":
        return new PgValue.Cidr(rs.getString(i));
      case "tsquery":
        return new PgValue.TsQuery(rs.getString(i));
      case "bytea":
        return new PgValue.Bytea(rs.getBytes(i));
      case "date":
        return new PgValue.Date(date(rs.getObject(i, LocalDate.class)));
      case "time":
        return new PgValue.Time(time(rs.getObject(i, LocalTime.class)));
      case "timetz":
        {
          OffsetTime t = rs.getObject(i, OffsetTime.class);
          return new PgValue.TimeTz(
              new PgTypes.TimeTz(t.getOffset().getId(), time(t.toLocalTime())));
        }
      case "timestamp":
        return new PgValue.Timestamp(timestamp(rs.getObject(i, LocalDateTime.class)));
      case "timestamptz":
        return new PgValue.TimestampTz(timestampTz(rs.getObject(i, OffsetDateTime.class)));
      case "_int8":
        return new PgValue.Int8Array(array(rs.getArray(i), type, o -> ((Number) o).longValue()));
      case "_int4":
        return new PgValue.Int4Array(array(rs.getArray(i), type, o -> ((Number) o).intValue()));
      case "_int2":
        return new PgValue.Int2Array(array(rs.getArray(i), type, o -> ((Number) o).intValue()));
      case "_float8":
        return new PgValue.Float8Array(
            array(rs.getArray(i), type, o -> HashableF64.encode(((Number) o).doubleValue())));
      case "_float4":
        return new PgValue.Float4Array(
            array(rs.getArray(i), type, o -> HashableF64.encode(((Number) o).floatValue())));
      case "_bool":
        return new PgValue.BoolArray(array(rs.getArray(i), type, o -> (Boolean) o));
      case "_numeric":
        return new PgValue.NumericArray(
            array(rs.getArray(i), type, o -> ((BigDecimal) o).toPlainString()));
      case "_text":
        return new PgValue.TextArray(array(rs.getArray(i), type, Object::toString));
      case "_name":
        return new PgValue.NameArray(array(rs.getArray(i), type, Object::toString));
      case "_varchar":
        return new PgValue.VarcharArray(
            array(
                rs.getArray(i),
                type,
                o ->
                    Map.entry(
                        Optional.<Long>empty(), o.toString().getBytes(StandardCharsets.UTF_8))));
      case "_uuid":
        return new PgValue.UuidArray(array(rs.getArray(i), type, Object::toString));
      case "_json":
        return new PgValue.JsonArray(array(rs.getArray(i), type, Object::toString));
      case "_jsonb":
        return new PgValue.JsonbArray(array(rs.getArray(i), type, Object::toString));
      case "_bytea":
        return new PgValue.ByteaArray(array(rs.getArray(i), type, o -> (byte[]) o));
      default:
        throw new ColumnConversionException(
            "column \""
                + md.getColumnLabel(i)
                + "\" has type "
                + type
                + ", which this host does not convert to a pg-value (cast it, e.g. ::text)");
    }
  }

  private static Optional<Long> limit(ResultSetMetaData md, int i) throws SQLException {
    int p = md.getPrecision(i);
    // pgjdbc reports 2147483647 for a varchar without a declared length
    return p > 0 && p < Integer.MAX_VALUE ? Optional.of((long) p) : Optional.empty();
  }

  private static <T> List<T> array(Array a, String type, Function<Object, T> f)
      throws SQLException, ColumnConversionException {
    Object[] values = (Object[]) a.getArray();
    List<T> out = new ArrayList<>(values.length);
    for (Object o : values) {
      if (o == null || o.getClass().isArray() && !(o instanceof byte[])) {
        throw new ColumnConversionException(
            type + " arrays with NULL elements or more than one dimension have no pg-value case");
      }
      out.add(f.apply(o));
    }
    return out;
  }

  static PgTypes.Date date(LocalDate d) {
    if (d.equals(LocalDate.MAX)) {
      return new PgTypes.Date.PositiveInfinity();
    }
    if (d.equals(LocalDate.MIN)) {
      return new PgTypes.Date.NegativeInfinity();
    }
    return new PgTypes.Date.Ymd(
        List.of(d.getYear(), (long) d.getMonthValue(), (long) d.getDayOfMonth()));
  }

  static PgTypes.Time time(LocalTime t) {
    return new PgTypes.Time(t.getHour(), t.getMinute(), t.getSecond(), t.getNano() / 1000);
  }

  static PgTypes.Timestamp timestamp(LocalDateTime t) {
    if (t.equals(LocalDateTime.MAX)) {
      return new PgTypes.Timestamp(new PgTypes.Date.PositiveInfinity(), time(LocalTime.MIDNIGHT));
    }
    if (t.equals(LocalDateTime.MIN)) {
      return new PgTypes.Timestamp(new PgTypes.Date.NegativeInfinity(), time(LocalTime.MIDNIGHT));
    }
    return new PgTypes.Timestamp(date(t.toLocalDate()), time(t.toLocalTime()));
  }

  /** In UTC, as the server sends it (wasmCloud's plugin does the same). */
  static PgTypes.TimestampTz timestampTz(OffsetDateTime t) {
    if (t.equals(OffsetDateTime.MAX) || t.equals(OffsetDateTime.MIN)) {
      return new PgTypes.TimestampTz(
          timestamp(t.equals(OffsetDateTime.MAX) ? LocalDateTime.MAX : LocalDateTime.MIN),
          new PgTypes.Offset.EasternHemisphereSecs(0));
    }
    OffsetDateTime utc = t.withOffsetSameInstant(ZoneOffset.UTC);
    return new PgTypes.TimestampTz(
        timestamp(utc.toLocalDateTime()), new PgTypes.Offset.EasternHemisphereSecs(0));
  }
}
