package virga.plugins.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseUrlTest {
  @Test
  void wasmCloudsUrlFormWithTheEntrysDatabase() {
    DatabaseUrl u =
        DatabaseUrl.of(
            "postgres://app:p%40ss@db.example:6432?sslmode=require&pool_size=4", "orders");
    assertThat(u.jdbcUrl())
        .isEqualTo(
            "jdbc:postgresql://db.example:6432/orders?sslmode=require&user=app&password=p%40ss");
    assertThat(u.displayName()).isEqualTo("db.example:6432/orders");
    assertThat(u.poolSize()).isEqualTo(4);
    assertThat(u.toString()).doesNotContain("p@ss").doesNotContain("p%40ss");
  }

  @Test
  void aNamedEntrysUrlCarriesItsDatabaseAndTheDefaultPoolSize() {
    DatabaseUrl u = DatabaseUrl.of("postgresql://u@127.0.0.1/inventory", null);
    assertThat(u.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/inventory?user=u");
    assertThat(u.poolSize()).isEqualTo(10);
    assertThat(DatabaseUrl.of("jdbc:postgresql://h:1/d?user=x", null).jdbcUrl())
        .isEqualTo("jdbc:postgresql://h:1/d?user=x");
  }

  @Test
  void badUrlsAreRefusedWithoutEchoingThem() {
    assertThatThrownBy(() -> DatabaseUrl.of("mysql://u:secretpw@h/d", null))
        .hasMessage("not a postgres:// URL (scheme mysql; expected postgres or postgresql)");
    assertThatThrownBy(() -> DatabaseUrl.of("postgres://u:secretpw@h", null))
        .hasMessage("postgres URL without database");
    assertThatThrownBy(() -> DatabaseUrl.of("postgres://h/d?pool_size=0", null))
        .hasMessage("pool_size must be at least 1, not 0");
    assertThatThrownBy(() -> DatabaseUrl.of("postgres://u:secret pw@h/d", null))
        .hasMessage("not a postgres:// URL (malformed)");
  }
}
