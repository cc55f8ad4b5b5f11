package virga.plugins.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PlaceholdersTest {
  @Test
  void numberedParametersBecomeQuestionMarksInOccurrenceOrder() {
    Placeholders p = Placeholders.parse("SELECT $2, $1, $2 FROM t WHERE a = $10");
    assertThat(p.jdbcSql()).isEqualTo("SELECT ?, ?, ? FROM t WHERE a = ?");
    assertThat(p.order()).containsExactly(2, 1, 2, 10);
    assertThat(p.count()).isEqualTo(10);
  }

  @Test
  void literalsIdentifiersCommentsAndDollarQuotesAreLeftAlone() {
    String sql =
        "SELECT '$1 it''s', \"col$1\", a$1, $$ $1 ? $$, $tag$ $2 $tag$ -- $3 ?\n"
            + "/* $4 /* ? */ */ FROM t WHERE x = $1";
    Placeholders p = Placeholders.parse(sql);
    assertThat(p.jdbcSql())
        .isEqualTo(
            "SELECT '$1 it''s', \"col$1\", a$1, $$ $1 ? $$, $tag$ $2 $tag$ -- $3 ?\n"
                + "/* $4 /* ? */ */ FROM t WHERE x = ?");
    assertThat(p.order()).containsExactly(1);
  }

  @Test
  void aLiteralQuestionMarkIsEscapedForTheDriver() {
    assertThat(Placeholders.parse("SELECT '{\"a\":1}'::jsonb ? $1").jdbcSql())
        .isEqualTo("SELECT '{\"a\":1}'::jsonb ?? ?");
  }

  @Test
  void dollarZeroIsRefused() {
    assertThatThrownBy(() -> Placeholders.parse("SELECT $0"))
        .hasMessage("parameter $0 does not exist: parameters start at $1");
  }

  @Test
  void noParameters() {
    Placeholders p = Placeholders.parse("SELECT 1");
    assertThat(p.count()).isZero();
    assertThat(p.order()).isEmpty();
  }
}
