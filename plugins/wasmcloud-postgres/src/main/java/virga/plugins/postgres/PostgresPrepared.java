package virga.plugins.postgres;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import virga.plugin.Result;
import virga.plugin.WitImplementation;

/**
 * {@code wasmcloud:postgres/prepared@0.1.1-draft} for one workload item: {@code prepare} checks the
 * statement with the server and hands out a random token; {@code exec} runs the statement of a
 * token this item prepared (another item's tokens are unknown here) with bound parameters.
 */
@WitImplementation(value = WasmcloudPostgresPlugin.PREPARED, wit = WasmcloudPostgresPlugin.WIT)
public final class PostgresPrepared {
  /** A bound on the tokens one item keeps, so a guest preparing in a loop cannot grow the host. */
  static final int MAX_STATEMENTS = 1024;

  private final Database db;
  private final Calls calls;
  private final Map<String, String> statements = new ConcurrentHashMap<>();

  PostgresPrepared(Database db, Calls calls) {
    this.db = db;
    this.calls = calls;
  }

  /**
   * {@code prepare: func(statement: string) -> result<prepared-statement-token,
   * statement-prepare-error>}.
   */
  public Result<String, PgTypes.StatementPrepareError> prepare(String statement) {
    if (statements.size() >= MAX_STATEMENTS) {
      return calls.count(
          "prepare",
          Result.err(
              new PgTypes.StatementPrepareError.Unexpected(
                  "too many prepared statements (" + MAX_STATEMENTS + ") for this component")));
    }
    Result<Void, PgTypes.QueryError> checked = db.check(statement);
    if (!checked.isOk()) {
      return calls.count(
          "prepare",
          Result.err(
              new PgTypes.StatementPrepareError.Unexpected(SqlErrors.message(checked.error()))));
    }
    String token = UUID.randomUUID().toString();
    statements.put(token, statement);
    return calls.count("prepare", Result.ok(token));
  }

  /**
   * {@code exec: func(stmt-token, params: list<pg-value>) -> result<u64,
   * prepared-statement-exec-error>}.
   */
  public Result<Long, PgTypes.PreparedStatementExecError> exec(
      String stmtToken, List<PgValue> params) {
    String sql = statements.get(stmtToken);
    if (sql == null) {
      return calls.count(
          "exec", Result.err(new PgTypes.PreparedStatementExecError.UnknownPreparedQuery()));
    }
    Result<Long, PgTypes.QueryError> r = db.execute(sql, params);
    return calls.count(
        "exec",
        r.isOk()
            ? Result.ok(r.value())
            : Result.err(new PgTypes.PreparedStatementExecError.QueryError(r.error())));
  }

  /** How many statements this item has prepared. */
  int size() {
    return statements.size();
  }
}
