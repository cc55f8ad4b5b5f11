package virga.plugins.postgres;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/** Turns a JDBC failure into the WIT {@code query-error} case, with the server's own message. */
final class SqlErrors {
  private SqlErrors() {}

  static PgTypes.QueryError of(SQLException e) {
    if (isConnection(e)) {
      return new PgTypes.QueryError.Unexpected("connection failed: " + e.getMessage());
    }
    if (e instanceof PSQLException p && p.getServerErrorMessage() != null) {
      return new PgTypes.QueryError.InvalidQuery(server(p.getServerErrorMessage()));
    }
    return new PgTypes.QueryError.Unexpected(String.valueOf(e.getMessage()));
  }

  /** The message a query-error or prepare error carries. */
  static String message(PgTypes.QueryError e) {
    if (e instanceof PgTypes.QueryError.InvalidQuery q) {
      return q.value();
    }
    if (e instanceof PgTypes.QueryError.InvalidParams p) {
      return p.value();
    }
    return ((PgTypes.QueryError.Unexpected) e).value();
  }

  /** Whether the failure is the connection's (the database is down or unreachable). */
  static boolean isConnection(SQLException e) {
    String state = e.getSQLState();
    return e instanceof SQLTransientConnectionException
        || (state != null && state.startsWith("08"))
        || (e.getCause() instanceof java.io.IOException);
  }

  private static String server(ServerErrorMessage m) {
    return m.getSeverity() + ": " + m.getMessage() + " (SQLSTATE " + m.getSQLState() + ")";
  }
}
