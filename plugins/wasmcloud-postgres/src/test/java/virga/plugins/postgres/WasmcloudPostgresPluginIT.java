package virga.plugins.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import virga.plugin.Result;
import virga.plugin.WitInterface;
import virga.plugin.testing.TestItem;
import virga.testsupport.PostgresServer;
import virga.testsupport.WithPostgresServer;

/** The plugin against a real PostgreSQL 15: queries, types, injection, pooling, failures. */
@WithPostgresServer
class WasmcloudPostgresPluginIT {
  private static final String ENTRY = WasmcloudPostgresPluginTest.ENTRY;

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private WasmcloudPostgresPlugin plugin;

  @BeforeAll
  static void databases(PostgresServer pg) {
    pg.createDatabase("orders");
    pg.createDatabase("reports");
  }

  @BeforeEach
  void start(PostgresServer pg) {
    plugin = new WasmcloudPostgresPlugin();
    plugin.start(
        WasmcloudPostgresPluginTest.context(
            registry, Map.of("url", pg.url(), "connection-timeout-ms", "1000")));
  }

  @AfterEach
  void stop() {
    plugin.stop();
  }

  private TestItem bind(String workload, String name, String database) {
    TestItem item = WasmcloudPostgresPluginTest.item(workload, name);
    plugin.onWorkloadItemBind(
        item, Set.of(WitInterface.parse(ENTRY).withConfig(Map.of("database", database))));
    return item;
  }

  private static PostgresQuery query(TestItem item) {
    return (PostgresQuery) item.implementation(WasmcloudPostgresPlugin.QUERY);
  }

  private static PostgresPrepared prepared(TestItem item) {
    return (PostgresPrepared) item.implementation(WasmcloudPostgresPlugin.PREPARED);
  }

  private static List<List<PgTypes.ResultRowEntry>> rows(
      Result<List<List<PgTypes.ResultRowEntry>>, PgTypes.QueryError> r) {
    assertThat(r.isOk()).as("query failed: %s", r.error()).isTrue();
    return r.value();
  }

  private static PgValue single(TestItem item, String sql, PgValue... params) {
    List<List<PgTypes.ResultRowEntry>> rows = rows(query(item).query(sql, List.of(params)));
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0)).hasSize(1);
    return rows.get(0).get(0).value();
  }

  private static PgValue text(String s) {
    return new PgValue.Text(s);
  }

  @Test
  void queryBatchPrepareExecAndQueryWithBoundParameters() {
    TestItem api = bind("w-1", "api", "orders");
    assertThat(
            query(api)
                .queryBatch(
                    "DROP TABLE IF EXISTS items; CREATE TABLE items (id int8 PRIMARY KEY, name"
                        + " text NOT NULL, price numeric(10,2))"))
        .isEqualTo(Result.ok());

    Result<String, PgTypes.StatementPrepareError> token =
        prepared(api).prepare("INSERT INTO items (id, name, price) VALUES ($1, $2, $3)");
    assertThat(token.isOk()).isTrue();
    assertThat(
            prepared(api)
                .exec(
                    token.value(),
                    List.of(new PgValue.Int8(1), text("apple"), new PgValue.Numeric("0.50"))))
        .isEqualTo(Result.ok(1L));
    assertThat(
            prepared(api)
                .exec(
                    token.value(),
                    List.of(new PgValue.Int8(2), text("pear"), new PgValue.Numeric("1.25"))))
        .isEqualTo(Result.ok(1L));
    assertThat(prepared(api).exec(token.value(), List.of(new PgValue.Int8(3))).error())
        .isEqualTo(
            new PgTypes.PreparedStatementExecError.QueryError(
                new PgTypes.QueryError.InvalidParams(
                    "the statement uses 3 parameters but 1 were given")));

    List<List<PgTypes.ResultRowEntry>> rows =
        rows(
            query(api)
                .query(
                    "SELECT id, name, price FROM items WHERE price > $1 ORDER BY id",
                    List.of(new PgValue.Numeric("0.10"))));
    assertThat(rows)
        .containsExactly(
            List.of(
                new PgTypes.ResultRowEntry("id", new PgValue.Int8(1)),
                new PgTypes.ResultRowEntry("name", text("apple")),
                new PgTypes.ResultRowEntry("price", new PgValue.Numeric("0.50"))),
            List.of(
                new PgTypes.ResultRowEntry("id", new PgValue.Int8(2)),
                new PgTypes.ResultRowEntry("name", text("pear")),
                new PgTypes.ResultRowEntry("price", new PgValue.Numeric("1.25"))));

    Result<String, PgTypes.StatementPrepareError> update =
        prepared(api).prepare("UPDATE items SET price = price * 2 WHERE id >= $1");
    assertThat(prepared(api).exec(update.value(), List.of(new PgValue.Int8(1))))
        .isEqualTo(Result.ok(2L));
  }

  @Test
  void anInjectionAttemptStaysAValue() {
    TestItem api = bind("w-1", "api", "orders");
    query(api)
        .queryBatch(
            "DROP TABLE IF EXISTS users; CREATE TABLE users (name text); INSERT INTO users"
                + " VALUES ('alice')");
    String evil = "x' OR '1'='1'; DROP TABLE users; --";

    PgValue count = single(api, "SELECT count(*) FROM users WHERE name = $1", text(evil));
    assertThat(count).isEqualTo(new PgValue.Int8(0));

    String token = prepared(api).prepare("INSERT INTO users (name) VALUES ($1)").value();
    assertThat(prepared(api).exec(token, List.of(text(evil)))).isEqualTo(Result.ok(1L));

    // the table is still there, with the attempt stored verbatim as data
    assertThat(single(api, "SELECT count(*) FROM users")).isEqualTo(new PgValue.Int8(2));
    assertThat(single(api, "SELECT name FROM users WHERE name <> $1", text("alice")))
        .isEqualTo(text(evil));
  }

  @Test
  void everyMappedTypeRoundTrips() {
    TestItem api = bind("w-1", "api", "orders");
    byte[] bytes = {0, 1, 2, (byte) 255};
    List<Object[]> cases =
        List.of(
            new Object[] {
              "int8", new PgValue.Int8(-9_000_000_000L), new PgValue.Int8(-9_000_000_000L)
            },
            new Object[] {"int8", new PgValue.BigInt(7), new PgValue.Int8(7)},
            new Object[] {"int4", new PgValue.Int4(-7), new PgValue.Int4(-7)},
            new Object[] {"int4", new PgValue.Integer(8), new PgValue.Int4(8)},
            new Object[] {"int2", new PgValue.Int2(12), new PgValue.Int2(12)},
            new Object[] {
              "float8",
              new PgValue.Float8(HashableF64.encode(1.25)),
              new PgValue.Float8(HashableF64.encode(1.25))
            },
            new Object[] {
              "float4",
              new PgValue.Real(HashableF64.encode(2.5)),
              new PgValue.Float4(HashableF64.encode(2.5))
            },
            new Object[] {"bool", new PgValue.Boolean(true), new PgValue.Bool(true)},
            new Object[] {
              "numeric",
              new PgValue.Numeric("12345678901234567890.123"),
              new PgValue.Numeric("12345678901234567890.123")
            },
            new Object[] {"text", text("héllo ✓"), text("héllo ✓")},
            new Object[] {
              "varchar",
              new PgValue.Varchar(Map.entry(Optional.of(10L), utf8("abc"))),
              new PgValue.Varchar(Map.entry(Optional.empty(), utf8("abc")))
            },
            new Object[] {
              "char(3)",
              new PgValue.Char(Map.entry(3L, utf8("xyz"))),
              new PgValue.Char(Map.entry(3L, utf8("xyz")))
            },
            new Object[] {"bytea", new PgValue.Bytea(bytes), new PgValue.Bytea(bytes)},
            new Object[] {
              "uuid",
              new PgValue.Uuid("0f8fad5b-d9cb-469f-a165-70867728950e"),
              new PgValue.Uuid("0f8fad5b-d9cb-469f-a165-70867728950e")
            },
            new Object[] {"json", new PgValue.Json("{\"a\":  1}"), new PgValue.Json("{\"a\":  1}")},
            new Object[] {
              "jsonb",
              new PgValue.Jsonb("{\"b\":[1,2],\"a\":1}"),
              new PgValue.Jsonb("{\"a\": 1, \"b\": [1, 2]}")
            },
            new Object[] {"name", new PgValue.Name("pg_class"), new PgValue.Name("pg_class")},
            new Object[] {"inet", new PgValue.Inet("10.0.0.1"), new PgValue.Inet("10.0.0.1")},
            new Object[] {"cidr", new PgValue.Cidr("10.1.0.0/16"), new PgValue.Cidr("10.1.0.0/16")},
            new Object[] {"date", date(2024, 2, 29), date(2024, 2, 29)},
            new Object[] {
              "date",
              new PgValue.Date(new PgTypes.Date.PositiveInfinity()),
              new PgValue.Date(new PgTypes.Date.PositiveInfinity())
            },
            new Object[] {
              "time",
              new PgValue.Time(new PgTypes.Time(13, 45, 30, 123456)),
              new PgValue.Time(new PgTypes.Time(13, 45, 30, 123456))
            },
            new Object[] {
              "timestamp",
              new PgValue.Timestamp(
                  new PgTypes.Timestamp(ymd(2024, 2, 29), new PgTypes.Time(23, 59, 1, 500000))),
              new PgValue.Timestamp(
                  new PgTypes.Timestamp(ymd(2024, 2, 29), new PgTypes.Time(23, 59, 1, 500000)))
            },
            new Object[] {
              "timestamptz",
              new PgValue.TimestampTz(
                  new PgTypes.TimestampTz(
                      new PgTypes.Timestamp(ymd(2024, 3, 1), new PgTypes.Time(1, 30, 0, 0)),
                      new PgTypes.Offset.EasternHemisphereSecs(2 * 3600))),
              new PgValue.TimestampTz(
                  new PgTypes.TimestampTz(
                      new PgTypes.Timestamp(ymd(2024, 2, 29), new PgTypes.Time(23, 30, 0, 0)),
                      new PgTypes.Offset.EasternHemisphereSecs(0)))
            },
            new Object[] {
              "int8[]",
              new PgValue.Int8Array(List.of(1L, -2L, 3L)),
              new PgValue.Int8Array(List.of(1L, -2L, 3L))
            },
            new Object[] {
              "int4[]", new PgValue.Int4Array(List.of(4, 5)), new PgValue.Int4Array(List.of(4, 5))
            },
            new Object[] {
              "text[]",
              new PgValue.TextArray(List.of("a", "b c", "")),
              new PgValue.TextArray(List.of("a", "b c", ""))
            },
            new Object[] {
              "bool[]",
              new PgValue.BoolArray(List.of(true, false)),
              new PgValue.BoolArray(List.of(true, false))
            },
            new Object[] {
              "float8[]",
              new PgValue.Float8Array(List.of(HashableF64.encode(0.5), HashableF64.encode(-3))),
              new PgValue.Float8Array(List.of(HashableF64.encode(0.5), HashableF64.encode(-3)))
            },
            new Object[] {
              "uuid[]",
              new PgValue.UuidArray(List.of("0f8fad5b-d9cb-469f-a165-70867728950e")),
              new PgValue.UuidArray(List.of("0f8fad5b-d9cb-469f-a165-70867728950e"))
            },
            new Object[] {"text", new PgValue.Null(), new PgValue.Null()});
    for (Object[] c : cases) {
      PgValue got = single(api, "SELECT $1::" + c[0] + " AS v", (PgValue) c[1]);
      assertThat(norm(got)).as("%s %s", c[0], c[1]).isEqualTo(norm(c[2]));
    }
    // and stored in a column and read back
    query(api).queryBatch("DROP TABLE IF EXISTS t; CREATE TABLE t (b bytea, j jsonb, u uuid)");
    String ins = prepared(api).prepare("INSERT INTO t VALUES ($1, $2, $3)").value();
    prepared(api)
        .exec(
            ins,
            List.of(
                new PgValue.Bytea(bytes),
                new PgValue.Jsonb("[1]"),
                new PgValue.Uuid("0f8fad5b-d9cb-469f-a165-70867728950e")));
    assertThat(norm(single(api, "SELECT b FROM t"))).isEqualTo(norm(new PgValue.Bytea(bytes)));
    assertThat(single(api, "SELECT j FROM t")).isEqualTo(new PgValue.Jsonb("[1]"));
  }

  @Test
  void serverErrorsComeBackAsTheWitErrorVariantWithTheServersMessage() {
    TestItem api = bind("w-1", "api", "orders");
    assertThat(query(api).query("SELEC 1", List.of()).error())
        .isEqualTo(
            new PgTypes.QueryError.InvalidQuery(
                "ERROR: syntax error at or near \"SELEC\" (SQLSTATE 42601)"));
    assertThat(prepared(api).prepare("SELECT * FROM nope WHERE id = $1").error())
        .isEqualTo(
            new PgTypes.StatementPrepareError.Unexpected(
                "ERROR: relation \"nope\" does not exist (SQLSTATE 42P01)"));
    assertThat(prepared(api).exec("no-such-token", List.of()).error())
        .isEqualTo(new PgTypes.PreparedStatementExecError.UnknownPreparedQuery());
    assertThat(
            query(api)
                .query(
                    "SELECT $1::text",
                    List.of(
                        new PgValue.Point(Map.entry(HashableF64.encode(1), HashableF64.encode(2)))))
                .error())
        .isEqualTo(
            new PgTypes.QueryError.InvalidParams(
                "parameter $1: pg-value case point is not supported as a parameter by this"
                    + " host"));
    assertThat(query(api).query("SELECT '1 day'::interval AS span", List.of()).error())
        .isEqualTo(
            new PgTypes.QueryError.Unexpected(
                "column \"span\" has type interval, which this host does not convert to a"
                    + " pg-value (cast it, e.g. ::text)"));
    assertThat(query(api).query("SELECT $1::int4", List.of(text("seven"))).error())
        .isInstanceOf(PgTypes.QueryError.InvalidQuery.class);
  }

  @Test
  void tokensBelongToTheComponentThatPreparedThem() {
    TestItem a = bind("w-1", "a", "orders");
    TestItem b = bind("w-1", "b", "orders");
    String token = prepared(a).prepare("SELECT 1").value();
    assertThat(prepared(a).exec(token, List.of())).isEqualTo(Result.ok(1L));
    assertThat(prepared(b).exec(token, List.of()).error())
        .isEqualTo(new PgTypes.PreparedStatementExecError.UnknownPreparedQuery());
  }

  @Test
  void workloadsOnOneDatabaseShareOnePool() {
    TestItem one = bind("w-1", "api", "orders");
    TestItem two = bind("w-2", "api", "orders");
    assertThat(single(one, "SELECT current_database()")).isEqualTo(new PgValue.Name("orders"));
    assertThat(single(two, "SELECT current_database()")).isEqualTo(new PgValue.Name("orders"));

    assertThat(plugin.poolCount()).isEqualTo(1);
    String pool = plugin.poolNames().iterator().next();
    assertThat(pool).endsWith("/orders");
    // HikariCP's meters, one pool tag for both workloads
    assertThat(registry.find("hikaricp.connections").gauges())
        .extracting(g -> g.getId().getTag("pool"))
        .containsExactly(pool);

    TestItem three = bind("w-3", "api", "reports");
    assertThat(single(three, "SELECT current_database()")).isEqualTo(new PgValue.Name("reports"));
    assertThat(plugin.poolCount()).isEqualTo(2);

    plugin.onWorkloadUnbind("w-1", Set.of());
    assertThat(plugin.poolCount()).isEqualTo(2);
    assertThat(single(two, "SELECT 1")).isEqualTo(new PgValue.Int4(1));
    plugin.onWorkloadUnbind("w-2", Set.of());
    assertThat(plugin.poolCount()).isEqualTo(1);
    assertThat(plugin.poolNames()).allMatch(n -> n.endsWith("/reports"));
  }

  @Test
  void aServerThatGoesAwayGivesAnErrorNotAHang(PostgresServer pg) {
    TestItem api = bind("w-1", "api", "orders");
    assertThat(single(api, "SELECT 1")).isEqualTo(new PgValue.Int4(1));

    pg.stop();
    long start = System.nanoTime();
    Result<List<List<PgTypes.ResultRowEntry>>, PgTypes.QueryError> r =
        query(api).query("SELECT 1", List.of());
    Result<Long, PgTypes.PreparedStatementExecError> e =
        prepared(api).exec("no-such-token", List.of());
    long millis = (System.nanoTime() - start) / 1_000_000;

    assertThat(r.isOk()).isFalse();
    assertThat(r.error()).isInstanceOf(PgTypes.QueryError.Unexpected.class);
    assertThat(SqlErrors.message(r.error())).startsWith("connection failed: ");
    assertThat(e.error()).isEqualTo(new PgTypes.PreparedStatementExecError.UnknownPreparedQuery());
    // bounded by the 1 s connection timeout, with room for a slow machine
    assertThat(millis).isLessThan(10_000);
    assertThat(query(api).queryBatch("SELECT 1").isOk()).isFalse();

    pg.restart();
    // the pool recovers by itself once the server is back
    assertThat(single(api, "SELECT 2")).isEqualTo(new PgValue.Int4(2));
  }

  /** A comparable form: records by class and components, arrays by content. */
  static Object norm(Object o) {
    if (o instanceof byte[] b) {
      return "bytes" + java.util.Arrays.toString(b);
    }
    if (o instanceof Map.Entry<?, ?> e) {
      return List.of("entry", norm(e.getKey()), norm(e.getValue()));
    }
    if (o instanceof List<?> l) {
      return l.stream().map(WasmcloudPostgresPluginIT::norm).toList();
    }
    if (o instanceof Optional<?> opt) {
      return opt.map(WasmcloudPostgresPluginIT::norm)
          .map(v -> List.of("some", v))
          .orElse(List.of("none"));
    }
    if (o != null && o.getClass().isRecord()) {
      List<Object> out = new java.util.ArrayList<>();
      out.add(o.getClass().getName());
      for (var c : o.getClass().getRecordComponents()) {
        try {
          out.add(norm(c.getAccessor().invoke(o)));
        } catch (ReflectiveOperationException ex) {
          throw new IllegalStateException(ex);
        }
      }
      return out;
    }
    return o == null ? "null" : o.getClass().getSimpleName() + ":" + o;
  }

  @Test
  void aNamedEntryBringsItsOwnUrlAndItsPasswordIsNeverPrinted(PostgresServer pg) {
    String password = "pw-7c41e9d2";
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    java.io.PrintStream err = System.err;
    java.io.PrintStream out = System.out;
    java.io.PrintStream tee =
        new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8);
    System.setErr(tee);
    System.setOut(tee);
    try {
      TestItem api = WasmcloudPostgresPluginTest.item("w-9", "api");
      String url =
          "postgres://"
              + PostgresServer.USER
              + ":"
              + password
              + "@127.0.0.1:"
              + pg.port()
              + "/reports?pool_size=2";
      plugin.onWorkloadItemBind(
          api,
          Set.of(WitInterface.parse(ENTRY).withName("reports").withConfig(Map.of("url", url))));
      assertThat(plugin.database("w-9", "api")).contains("127.0.0.1:" + pg.port() + "/reports");
      assertThat(single(api, "SELECT current_database()")).isEqualTo(new PgValue.Name("reports"));
      PgTypes.QueryError e = query(api).query("SELECT * FROM missing", List.of()).error();
      pg.stop();
      PgTypes.QueryError down = query(api).query("SELECT 1", List.of()).error();
      pg.restart();
      plugin.onWorkloadUnbind("w-9", Set.of());
      assertThat(SqlErrors.message(e)).doesNotContain(password);
      assertThat(SqlErrors.message(down)).startsWith("connection failed").doesNotContain(password);
      assertThat(plugin.poolNames()).allMatch(n -> !n.contains(password));
    } finally {
      System.setErr(err);
      System.setOut(out);
    }
    String printed = captured.toString(java.nio.charset.StandardCharsets.UTF_8);
    err.print(printed);
    assertThat(printed).contains("wasmcloud-postgres 127.0.0.1:").doesNotContain(password);
    assertThat(registry.getMeters()).allMatch(m -> !m.getId().toString().contains(password));
  }

  @Test
  void aServerThatAcceptsButNeverAnswersGivesAnErrorNotAHang() throws Exception {
    try (java.net.ServerSocket silent =
        new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      TestItem api = WasmcloudPostgresPluginTest.item("w-8", "api");
      plugin.onWorkloadItemBind(
          api,
          Set.of(
              WitInterface.parse(ENTRY)
                  .withName("silent")
                  .withConfig(
                      Map.of("url", "postgres://u@127.0.0.1:" + silent.getLocalPort() + "/d"))));
      long t0 = System.nanoTime();
      PgTypes.QueryError e = query(api).query("SELECT 1", List.of()).error();
      long millis = (System.nanoTime() - t0) / 1_000_000;
      assertThat(e).isInstanceOf(PgTypes.QueryError.Unexpected.class);
      assertThat(SqlErrors.message(e)).startsWith("connection failed: ");
      // the 1 s connection timeout, with room for a slow machine
      assertThat(millis).isBetween(900L, 10_000L);
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static PgTypes.Date ymd(int y, long m, long d) {
    return new PgTypes.Date.Ymd(List.of(y, m, d));
  }

  private static PgValue date(int y, long m, long d) {
    return new PgValue.Date(ymd(y, m, d));
  }
}
