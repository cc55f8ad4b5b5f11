package virga.plugins.postgres;

/**
 * WIT {@code variant pg-value} of {@code wasmcloud:postgres/types@0.1.1-draft}: one record per case
 * (generated from the WIT, in its order). {@code hashable-f64} is {@code List<Object>} [mantissa
 * (Long), exponent (Integer), sign (Byte)]; see {@link HashableF64}. Boxed types are spelled {@code
 * java.lang.X} because cases such as {@code boolean} and {@code integer} shadow them here.
 */
public sealed interface PgValue {
  /** WIT case {@code null}. */
  record Null() implements PgValue {}

  /** WIT case {@code big-int(s64)}. */
  record BigInt(long value) implements PgValue {}

  /** WIT case {@code int8(s64)}. */
  record Int8(long value) implements PgValue {}

  /** WIT case {@code int8-array(list<s64>)}. */
  record Int8Array(java.util.List<java.lang.Long> value) implements PgValue {}

  /** WIT case {@code big-serial(s64)}. */
  record BigSerial(long value) implements PgValue {}

  /** WIT case {@code serial8(s64)}. */
  record Serial8(long value) implements PgValue {}

  /** WIT case {@code bool(bool)}. */
  record Bool(boolean value) implements PgValue {}

  /** WIT case {@code boolean(bool)}. */
  record Boolean(boolean value) implements PgValue {}

  /** WIT case {@code bool-array(list<bool>)}. */
  record BoolArray(java.util.List<java.lang.Boolean> value) implements PgValue {}

  /** WIT case {@code double(hashable-f64)}. */
  record Double(java.util.List<Object> value) implements PgValue {}

  /** WIT case {@code float8(hashable-f64)}. */
  record Float8(java.util.List<Object> value) implements PgValue {}

  /** WIT case {@code float8-array(list<hashable-f64>)}. */
  record Float8Array(java.util.List<java.util.List<Object>> value) implements PgValue {}

  /** WIT case {@code real(hashable-f32)}. */
  record Real(java.util.List<Object> value) implements PgValue {}

  /** WIT case {@code float4(hashable-f32)}. */
  record Float4(java.util.List<Object> value) implements PgValue {}

  /** WIT case {@code float4-array(list<hashable-f32>)}. */
  record Float4Array(java.util.List<java.util.List<Object>> value) implements PgValue {}

  /** WIT case {@code integer(s32)}. */
  record Integer(int value) implements PgValue {}

  /** WIT case {@code int(s32)}. */
  record Int(int value) implements PgValue {}

  /** WIT case {@code int4(s32)}. */
  record Int4(int value) implements PgValue {}

  /** WIT case {@code int4-array(list<s32>)}. */
  record Int4Array(java.util.List<java.lang.Integer> value) implements PgValue {}

  /** WIT case {@code numeric(numeric)}. */
  record Numeric(java.lang.String value) implements PgValue {}

  /** WIT case {@code decimal(numeric)}. */
  record Decimal(java.lang.String value) implements PgValue {}

  /** WIT case {@code numeric-array(list<numeric>)}. */
  record NumericArray(java.util.List<java.lang.String> value) implements PgValue {}

  /** WIT case {@code serial(u32)}. */
  record Serial(long value) implements PgValue {}

  /** WIT case {@code serial4(u32)}. */
  record Serial4(long value) implements PgValue {}

  /** WIT case {@code small-int(s16)}. */
  record SmallInt(int value) implements PgValue {}

  /** WIT case {@code int2(s16)}. */
  record Int2(int value) implements PgValue {}

  /** WIT case {@code int2-array(list<s16>)}. */
  record Int2Array(java.util.List<java.lang.Integer> value) implements PgValue {}

  /** WIT case {@code int2-vector(list<s16>)}. */
  record Int2Vector(java.util.List<java.lang.Integer> value) implements PgValue {}

  /** WIT case {@code int2-vector-array(list<list<s16>>)}. */
  record Int2VectorArray(java.util.List<java.util.List<java.lang.Integer>> value)
      implements PgValue {}

  /** WIT case {@code small-serial(s16)}. */
  record SmallSerial(int value) implements PgValue {}

  /** WIT case {@code serial2(s16)}. */
  record Serial2(int value) implements PgValue {}

  /** WIT case {@code bit(tuple<u32, list<u8>>)}. */
  record Bit(java.util.Map.Entry<java.lang.Long, byte[]> value) implements PgValue {}

  /** WIT case {@code bit-array(list<tuple<u32, list<u8>>>)}. */
  record BitArray(java.util.List<java.util.Map.Entry<java.lang.Long, byte[]>> value)
      implements PgValue {}

  /** WIT case {@code bit-varying(tuple<option<u32>, list<u8>>)}. */
  record BitVarying(java.util.Map.Entry<java.util.Optional<java.lang.Long>, byte[]> value)
      implements PgValue {}

  /** WIT case {@code varbit(tuple<option<u32>, list<u8>>)}. */
  record Varbit(java.util.Map.Entry<java.util.Optional<java.lang.Long>, byte[]> value)
      implements PgValue {}

  /** WIT case {@code varbit-array(list<tuple<option<u32>, list<u8>>>)}. */
  record VarbitArray(
      java.util.List<java.util.Map.Entry<java.util.Optional<java.lang.Long>, byte[]>> value)
      implements PgValue {}

  /** WIT case {@code bytea(list<u8>)}. */
  record Bytea(byte[] value) implements PgValue {}

  /** WIT case {@code bytea-array(list<list<u8>>)}. */
  record ByteaArray(java.util.List<byte[]> value) implements PgValue {}

  /** WIT case {@code char(tuple<u32, list<u8>>)}. */
  record Char(java.util.Map.Entry<java.lang.Long, byte[]> value) implements PgValue {}

  /** WIT case {@code char-array(list<tuple<u32, list<u8>>>)}. */
  record CharArray(java.util.List<java.util.Map.Entry<java.lang.Long, byte[]>> value)
      implements PgValue {}

  /** WIT case {@code varchar(tuple<option<u32>, list<u8>>)}. */
  record Varchar(java.util.Map.Entry<java.util.Optional<java.lang.Long>, byte[]> value)
      implements PgValue {}

  /** WIT case {@code varchar-array(list<tuple<option<u32>, list<u8>>>)}. */
  record VarcharArray(
      java.util.List<java.util.Map.Entry<java.util.Optional<java.lang.Long>, byte[]>> value)
      implements PgValue {}

  /** WIT case {@code cidr(string)}. */
  record Cidr(java.lang.String value) implements PgValue {}

  /** WIT case {@code cidr-array(list<string>)}. */
  record CidrArray(java.util.List<java.lang.String> value) implements PgValue {}

  /** WIT case {@code inet(string)}. */
  record Inet(java.lang.String value) implements PgValue {}

  /** WIT case {@code inet-array(list<string>)}. */
  record InetArray(java.util.List<java.lang.String> value) implements PgValue {}

  /** WIT case {@code macaddr(mac-address-eui48)}. */
  record Macaddr(PgTypes.MacAddressEui48 value) implements PgValue {}

  /** WIT case {@code macaddr-array(list<mac-address-eui48>)}. */
  record MacaddrArray(java.util.List<PgTypes.MacAddressEui48> value) implements PgValue {}

  /** WIT case {@code macaddr8(mac-address-eui64)}. */
  record Macaddr8(PgTypes.MacAddressEui64 value) implements PgValue {}

  /** WIT case {@code macaddr8-array(list<mac-address-eui64>)}. */
  record Macaddr8Array(java.util.List<PgTypes.MacAddressEui64> value) implements PgValue {}

  /** WIT case {@code box(tuple<lower-left-point, upper-right-point>)}. */
  record Box(
      java.util.Map.Entry<
              java.util.Map.Entry<java.util.List<Object>, java.util.List<Object>>,
              java.util.Map.Entry<java.util.List<Object>, java.util.List<Object>>>
          value)
      implements PgValue {}

  /** WIT case {@code box-array(list<tuple<lower-left-point, upper-right-point>>)}. */
  record BoxArray(
      java.util.List<
              java.util.Map.Entry<
                  java.util.Map.Entry<java.util.List<Object>, java.util.List<Object>>,
                  java.util.Map.Entry<java.util.List<Object>, java.util.List<Object>>>>
          value)
      implements PgValue {}

  /** WIT case {@code circle(tuple<center-point, radius>)}. */
  record Circle(
      java.util.Map.Entry<
              java.util.Map.Entry<java.util.List<Object>, java.util.List<Object>>,
              java.util.List<Object>>
          value)
      implements PgValue {}

  /** WIT case {@code circle-array(list<tuple<center-point, radius>>)}. */
  record CircleArray(
      java.util.List<
              java.util.Map.Entry<
                  java.util.Map.Entry<java.util.List<Object>, java.util.List<Object>>,
                  java.util.List<Object>>>
          value)
      implements PgValue {}

  /** WIT case {@code line(tuple<start-point, end-point>)}. */
  record Line(
      java.util.Map.Entry<
              java.util.Map.Entry<java.util.List<Object>, java.util.List<Object>>,
              java.util.Map.Entry<java.util.List<Object>, java.util.List<Object>>>
          value)
      implements PgValue {}

  /** WIT case {@code line-array(list<tuple<start-point, end-point>>)}. */
  record LineArray(
      java.util.List<
              java.util.Map.Entry<
                  java.util.Map.Entry<java.util.List<Object>, java.util.List<Object>>,
                  java.util.Map.Entry<java.util.List<Object>, java.util.List<Object>>>>
          value)
      implements PgValue {}

  /** WIT case {@code lseg(tuple<start-point, end-point>)}. */
  record Lseg(
      java.util.Map.Entry<
              java.util.Map.Entry<java.util.List<Object>, java.util.List<Object>>,
              java.util.Map.Entry<java.util.List<Object>, java.util.List<Object>>>
          value)
      implements PgValue {}

  /** WIT case {@code lseg-array(list<tuple<start-point, end-point>>)}. */
  record LsegArray(
      java.util.List<
              java.util.Map.Entry<
                  java.util.Map.Entry<java.util.List<Object>, java.util.List<Object>>,
                  java.util.Map.Entry<java.util.List<Object>, java.util.List<Object>>>>
          value)
      implements PgValue {}

  /** WIT case {@code path(list<point>)}. */
  record Path(
      java.util.List<java.util.Map.Entry<java.util.List<Object>, java.util.List<Object>>> value)
      implements PgValue {}

  /** WIT case {@code path-array(list<list<point>>)}. */
  record PathArray(
      java.util.List<
              java.util.List<java.util.Map.Entry<java.util.List<Object>, java.util.List<Object>>>>
          value)
      implements PgValue {}

  /** WIT case {@code point(point)}. */
  record Point(java.util.Map.Entry<java.util.List<Object>, java.util.List<Object>> value)
      implements PgValue {}

  /** WIT case {@code point-array(list<point>)}. */
  record PointArray(
      java.util.List<java.util.Map.Entry<java.util.List<Object>, java.util.List<Object>>> value)
      implements PgValue {}

  /** WIT case {@code polygon(list<point>)}. */
  record Polygon(
      java.util.List<java.util.Map.Entry<java.util.List<Object>, java.util.List<Object>>> value)
      implements PgValue {}

  /** WIT case {@code polygon-array(list<list<point>>)}. */
  record PolygonArray(
      java.util.List<
              java.util.List<java.util.Map.Entry<java.util.List<Object>, java.util.List<Object>>>>
          value)
      implements PgValue {}

  /** WIT case {@code date(date)}. */
  record Date(PgTypes.Date value) implements PgValue {}

  /** WIT case {@code date-array(list<date>)}. */
  record DateArray(java.util.List<PgTypes.Date> value) implements PgValue {}

  /** WIT case {@code interval(interval)}. */
  record Interval(PgTypes.Interval value) implements PgValue {}

  /** WIT case {@code interval-array(list<interval>)}. */
  record IntervalArray(java.util.List<PgTypes.Interval> value) implements PgValue {}

  /** WIT case {@code time(time)}. */
  record Time(PgTypes.Time value) implements PgValue {}

  /** WIT case {@code time-array(list<time>)}. */
  record TimeArray(java.util.List<PgTypes.Time> value) implements PgValue {}

  /** WIT case {@code time-tz(time-tz)}. */
  record TimeTz(PgTypes.TimeTz value) implements PgValue {}

  /** WIT case {@code time-tz-array(list<time-tz>)}. */
  record TimeTzArray(java.util.List<PgTypes.TimeTz> value) implements PgValue {}

  /** WIT case {@code timestamp(timestamp)}. */
  record Timestamp(PgTypes.Timestamp value) implements PgValue {}

  /** WIT case {@code timestamp-array(list<timestamp>)}. */
  record TimestampArray(java.util.List<PgTypes.Timestamp> value) implements PgValue {}

  /** WIT case {@code timestamp-tz(timestamp-tz)}. */
  record TimestampTz(PgTypes.TimestampTz value) implements PgValue {}

  /** WIT case {@code timestamp-tz-array(list<timestamp-tz>)}. */
  record TimestampTzArray(java.util.List<PgTypes.TimestampTz> value) implements PgValue {}

  /** WIT case {@code json(string)}. */
  record Json(java.lang.String value) implements PgValue {}

  /** WIT case {@code json-array(list<string>)}. */
  record JsonArray(java.util.List<java.lang.String> value) implements PgValue {}

  /** WIT case {@code jsonb(string)}. */
  record Jsonb(java.lang.String value) implements PgValue {}

  /** WIT case {@code jsonb-array(list<string>)}. */
  record JsonbArray(java.util.List<java.lang.String> value) implements PgValue {}

  /** WIT case {@code money(numeric)}. */
  record Money(java.lang.String value) implements PgValue {}

  /** WIT case {@code money-array(list<numeric>)}. */
  record MoneyArray(java.util.List<java.lang.String> value) implements PgValue {}

  /** WIT case {@code pg-lsn(u64)}. */
  record PgLsn(long value) implements PgValue {}

  /** WIT case {@code pg-lsn-array(list<u64>)}. */
  record PgLsnArray(java.util.List<java.lang.Long> value) implements PgValue {}

  /** WIT case {@code pg-snapshot(tuple<xmin, xmax, xip-list>)}. */
  record PgSnapshot(java.util.List<Object> value) implements PgValue {}

  /** WIT case {@code txid-snapshot(s64)}. */
  record TxidSnapshot(long value) implements PgValue {}

  /** WIT case {@code name(string)}. */
  record Name(java.lang.String value) implements PgValue {}

  /** WIT case {@code name-array(list<string>)}. */
  record NameArray(java.util.List<java.lang.String> value) implements PgValue {}

  /** WIT case {@code text(string)}. */
  record Text(java.lang.String value) implements PgValue {}

  /** WIT case {@code text-array(list<string>)}. */
  record TextArray(java.util.List<java.lang.String> value) implements PgValue {}

  /** WIT case {@code xml(string)}. */
  record Xml(java.lang.String value) implements PgValue {}

  /** WIT case {@code xml-array(list<string>)}. */
  record XmlArray(java.util.List<java.lang.String> value) implements PgValue {}

  /** WIT case {@code ts-query(string)}. */
  record TsQuery(java.lang.String value) implements PgValue {}

  /** WIT case {@code ts-vector(list<lexeme>)}. */
  record TsVector(java.util.List<PgTypes.Lexeme> value) implements PgValue {}

  /** WIT case {@code uuid(string)}. */
  record Uuid(java.lang.String value) implements PgValue {}

  /** WIT case {@code uuid-array(list<string>)}. */
  record UuidArray(java.util.List<java.lang.String> value) implements PgValue {}

  /** WIT case {@code hstore(list<tuple<string, option<string>>>)}. */
  record Hstore(
      java.util.List<java.util.Map.Entry<java.lang.String, java.util.Optional<java.lang.String>>>
          value)
      implements PgValue {}
}
