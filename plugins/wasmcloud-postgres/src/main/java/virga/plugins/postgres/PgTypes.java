package virga.plugins.postgres;

import java.util.List;
import java.util.Optional;

/** The named types of {@code wasmcloud:postgres/types@0.1.1-draft} other than {@link PgValue}. */
public final class PgTypes {
  private PgTypes() {}

  /**
   * WIT {@code variant date { positive-infinity, negative-infinity, ymd(tuple<s32, u32, u32>) }}.
   */
  public sealed interface Date {
    /** {@code infinity}. */
    record PositiveInfinity() implements Date {}

    /** {@code -infinity}. */
    record NegativeInfinity() implements Date {}

    /** Year (Integer), month (Long), day (Long). */
    record Ymd(List<Object> value) implements Date {}
  }

  /** WIT {@code variant offset}: seconds east or west of UTC. */
  public sealed interface Offset {
    /** Seconds east of UTC. */
    record EasternHemisphereSecs(int value) implements Offset {}

    /** Seconds west of UTC. */
    record WesternHemisphereSecs(int value) implements Offset {}
  }

  /** WIT {@code enum lexeme-weight}. */
  public enum LexemeWeight {
    A,
    B,
    C,
    D
  }

  /** WIT {@code record lexeme}. */
  public record Lexeme(Optional<Integer> position, Optional<LexemeWeight> weight, String data) {}

  /** WIT {@code record interval} (a date range in this WIT). */
  public record Interval(Date start, boolean startInclusive, Date end, boolean endInclusive) {}

  /** WIT {@code record time}. */
  public record Time(long hour, long min, long sec, long micro) {}

  /** WIT {@code record time-tz}; the field name {@code timesonze} is upstream's spelling. */
  public record TimeTz(String timesonze, Time time) {}

  /** WIT {@code record timestamp}. */
  public record Timestamp(Date date, Time time) {}

  /** WIT {@code record timestamp-tz}. */
  public record TimestampTz(Timestamp timestamp, Offset offset) {}

  /** WIT {@code record mac-address-eui48}: six Integer octets. */
  public record MacAddressEui48(List<Object> bytes) {}

  /** WIT {@code record mac-address-eui64}: eight Integer octets. */
  public record MacAddressEui64(List<Object> bytes) {}

  /** WIT {@code record result-row-entry}. */
  public record ResultRowEntry(String columnName, PgValue value) {}

  /** WIT {@code variant query-error}. */
  public sealed interface QueryError {
    /** Unknown or invalid parameters. */
    record InvalidParams(String value) implements QueryError {}

    /** A statement the server refused (its message). */
    record InvalidQuery(String value) implements QueryError {}

    /** Anything else: the connection failed, the server went away. */
    record Unexpected(String value) implements QueryError {}
  }

  /** WIT {@code variant statement-prepare-error}. */
  public sealed interface StatementPrepareError {
    /** Any failure, with the server's message. */
    record Unexpected(String value) implements StatementPrepareError {}
  }

  /** WIT {@code variant prepared-statement-exec-error}. */
  public sealed interface PreparedStatementExecError {
    /** The token is unknown to this component. */
    record UnknownPreparedQuery() implements PreparedStatementExecError {}

    /** The execution failed. */
    record QueryError(PgTypes.QueryError value) implements PreparedStatementExecError {}

    /** Anything else. */
    record Unexpected(String value) implements PreparedStatementExecError {}
  }
}
