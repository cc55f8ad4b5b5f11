package virga.plugins.postgres;

import java.util.List;
import virga.plugin.Result;
import virga.plugin.WitImplementation;

/** {@code wasmcloud:postgres/query@0.1.1-draft} for one workload item. */
@WitImplementation(value = WasmcloudPostgresPlugin.QUERY, wit = WasmcloudPostgresPlugin.WIT)
public final class PostgresQuery {
  private final Database db;
  private final Calls calls;

  PostgresQuery(Database db, Calls calls) {
    this.db = db;
    this.calls = calls;
  }

  /**
   * {@code query: func(query: string, params: list<pg-value>) -> result<list<result-row>,
   * query-error>}.
   */
  public Result<List<List<PgTypes.ResultRowEntry>>, PgTypes.QueryError> query(
      String query, List<PgValue> params) {
    return calls.count("query", db.query(query, params));
  }

  /** {@code query-batch: func(query: string) -> result<_, query-error>}. */
  public Result<Void, PgTypes.QueryError> queryBatch(String query) {
    return calls.count("query-batch", db.batch(query));
  }
}
