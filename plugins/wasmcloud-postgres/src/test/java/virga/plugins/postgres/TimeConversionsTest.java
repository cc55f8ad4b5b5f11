package virga.plugins.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The date and time mapping both ways, and the names of cases in messages. */
class TimeConversionsTest {
  private static PgTypes.Date ymd(int y, long m, long d) {
    return new PgTypes.Date.Ymd(List.of(y, m, d));
  }

  @Test
  void datesWithInfinity() {
    assertThat(Parameters.date(ymd(2024, 2, 29))).isEqualTo(LocalDate.of(2024, 2, 29));
    assertThat(Parameters.date(new PgTypes.Date.PositiveInfinity())).isEqualTo(LocalDate.MAX);
    assertThat(Parameters.date(new PgTypes.Date.NegativeInfinity())).isEqualTo(LocalDate.MIN);
    assertThat(Columns.date(LocalDate.of(-44, 3, 15))).isEqualTo(ymd(-44, 3, 15));
    assertThat(Columns.date(LocalDate.MAX)).isEqualTo(new PgTypes.Date.PositiveInfinity());
    assertThat(Columns.date(LocalDate.MIN)).isEqualTo(new PgTypes.Date.NegativeInfinity());
    assertThatThrownBy(() -> Parameters.date(ymd(2023, 2, 29)))
        .isInstanceOf(java.time.DateTimeException.class);
  }

  @Test
  void timesToTheMicrosecond() {
    PgTypes.Time t = new PgTypes.Time(13, 45, 30, 123456);
    assertThat(Parameters.time(t)).isEqualTo(LocalTime.of(13, 45, 30, 123_456_000));
    assertThat(Columns.time(LocalTime.of(13, 45, 30, 123_456_789))).isEqualTo(t);
    assertThat(Parameters.timeTz(new PgTypes.TimeTz("+02:00", t)))
        .isEqualTo(OffsetTime.of(13, 45, 30, 123_456_000, ZoneOffset.ofHours(2)));
  }

  @Test
  void timestampsAndOffsets() {
    PgTypes.Timestamp ts = new PgTypes.Timestamp(ymd(2024, 3, 1), new PgTypes.Time(1, 30, 0, 0));
    assertThat(Parameters.timestamp(ts)).isEqualTo(LocalDateTime.of(2024, 3, 1, 1, 30));
    assertThat(
            Parameters.timestampTz(
                new PgTypes.TimestampTz(ts, new PgTypes.Offset.WesternHemisphereSecs(4 * 3600))))
        .isEqualTo(OffsetDateTime.of(2024, 3, 1, 1, 30, 0, 0, ZoneOffset.ofHours(-4)));
    // read back in UTC
    assertThat(
            Columns.timestampTz(OffsetDateTime.of(2024, 3, 1, 1, 30, 0, 0, ZoneOffset.ofHours(2))))
        .isEqualTo(
            new PgTypes.TimestampTz(
                new PgTypes.Timestamp(ymd(2024, 2, 29), new PgTypes.Time(23, 30, 0, 0)),
                new PgTypes.Offset.EasternHemisphereSecs(0)));
    assertThat(Columns.timestamp(LocalDateTime.MAX).date())
        .isEqualTo(new PgTypes.Date.PositiveInfinity());
  }

  @Test
  void caseNamesInMessagesAreTheWitNames() {
    assertThat(JavaCase.witName(new PgValue.Int8Array(List.of()))).isEqualTo("int8-array");
    assertThat(JavaCase.witName(new PgValue.TimestampTz(null))).isEqualTo("timestamp-tz");
    assertThat(JavaCase.witName(new PgValue.Null())).isEqualTo("null");
  }
}
