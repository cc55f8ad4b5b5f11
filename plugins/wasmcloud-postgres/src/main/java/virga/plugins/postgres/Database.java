package virga.plugins.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import virga.plugin.Result;

/**
 * What one workload item runs against its database: statements with bound parameters on a
 * connection borrowed from the shared pool for the call, in autocommit.
 */
final class Database {
  private final DataSource pool;

  Database(DataSource pool) {
    this.pool = pool;
  }

  /** Runs {@code sql} ($1, $2, ...) with {@code params} and returns every row. */
  Result<List<List<PgTypes.ResultRowEntry>>, PgTypes.QueryError> query(
      String sql, List<PgValue> params) {
    Placeholders p;
    try {
      p = Placeholders.parse(sql);
    } catch (IllegalArgumentException e) {
      return Result.err(new PgTypes.QueryError.InvalidParams(e.getMessage()));
    }
    try (Connection c = pool.getConnection();
        PreparedStatement ps = c.prepareStatement(p.jdbcSql())) {
      Parameters.bind(c, ps, p, params);
      List<List<PgTypes.ResultRowEntry>> rows = new ArrayList<>();
      if (!ps.execute()) {
        return Result.ok(rows);
      }
      try (ResultSet rs = ps.getResultSet()) {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        while (rs.next()) {
          List<PgTypes.ResultRowEntry> row = new ArrayList<>(n);
          for (int i = 1; i <= n; i++) {
            row.add(new PgTypes.ResultRowEntry(md.getColumnLabel(i), Columns.read(rs, md, i)));
          }
          rows.add(row);
        }
      }
      return Result.ok(rows);
    } catch (BadParameterException e) {
      return Result.err(new PgTypes.QueryError.InvalidParams(e.getMessage()));
    } catch (ColumnConversionException e) {
      return Result.err(new PgTypes.QueryError.Unexpected(e.getMessage()));
    } catch (SQLException e) {
      return Result.err(SqlErrors.of(e));
    }
  }

  /** Runs {@code sql}, which may hold several statements, without parameters. */
  Result<Void, PgTypes.QueryError> batch(String sql) {
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
      return Result.ok();
    } catch (SQLException e) {
      return Result.err(SqlErrors.of(e));
    }
  }

  /** Has the server parse {@code sql} (so errors show at prepare), with no execution. */
  Result<Void, PgTypes.QueryError> check(String sql) {
    Placeholders p;
    try {
      p = Placeholders.parse(sql);
    } catch (IllegalArgumentException e) {
      return Result.err(new PgTypes.QueryError.InvalidParams(e.getMessage()));
    }
    try (Connection c = pool.getConnection();
        PreparedStatement ps = c.prepareStatement(p.jdbcSql())) {
      // pgjdbc describes the statement to the server here: a syntax error or unknown table fails
      ps.getParameterMetaData();
      return Result.ok();
    } catch (SQLException e) {
      return Result.err(SqlErrors.of(e));
    }
  }

  /** Runs {@code sql} with {@code params}: the rows it changed (or returned). */
  Result<Long, PgTypes.QueryError> execute(String sql, List<PgValue> params) {
    Placeholders p;
    try {
      p = Placeholders.parse(sql);
    } catch (IllegalArgumentException e) {
      return Result.err(new PgTypes.QueryError.InvalidParams(e.getMessage()));
    }
    try (Connection c = pool.getConnection();
        PreparedStatement ps = c.prepareStatement(p.jdbcSql())) {
      Parameters.bind(c, ps, p, params);
      if (!ps.execute()) {
        return Result.ok((long) Math.max(0, ps.getUpdateCount()));
      }
      long rows = 0;
      try (ResultSet rs = ps.getResultSet()) {
        while (rs.next()) {
          rows++;
        }
      }
      return Result.ok(rows);
    } catch (BadParameterException e) {
      return Result.err(new PgTypes.QueryError.InvalidParams(e.getMessage()));
    } catch (SQLException e) {
      return Result.err(SqlErrors.of(e));
    }
  }
}
