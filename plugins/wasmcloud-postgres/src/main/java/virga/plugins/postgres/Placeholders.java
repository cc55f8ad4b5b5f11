package virga.plugins.postgres;

import java.util.ArrayList;
import java.util.List;

/**
 * Rewrites PostgreSQL's numbered parameters ({@code $1}, as the WIT asks) into JDBC's {@code ?} and
 * records which parameter each {@code ?} takes, so values are always bound, never spliced. String
 * literals, quoted identifiers, dollar-quoted bodies and comments are copied untouched; a literal
 * {@code ?} (the jsonb operators) is doubled, which pgjdbc reads as one {@code ?}.
 */
record Placeholders(String jdbcSql, int[] order, int count) {

  /** The rewritten {@code sql}; {@code count} is the highest {@code $n} it uses. */
  static Placeholders parse(String sql) {
    StringBuilder out = new StringBuilder(sql.length());
    List<Integer> order = new ArrayList<>();
    int max = 0;
    int n = sql.length();
    int i = 0;
    while (i < n) {
      char c = sql.charAt(i);
      if (c == '\'' || c == '"') {
        int end = closing(sql, i + 1, c);
        out.append(sql, i, end);
        i = end;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        int end = sql.indexOf('\n', i);
        end = end < 0 ? n : end;
        out.append(sql, i, end);
        i = end;
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int end = blockCommentEnd(sql, i + 2);
        out.append(sql, i, end);
        i = end;
      } else if (c == '$' && i + 1 < n && Character.isDigit(sql.charAt(i + 1)) && !inWord(sql, i)) {
        int j = i + 1;
        while (j < n && Character.isDigit(sql.charAt(j))) {
          j++;
        }
        int index;
        try {
          index = Integer.parseInt(sql.substring(i + 1, j));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("parameter " + sql.substring(i, j) + " is too large");
        }
        if (index < 1) {
          throw new IllegalArgumentException("parameter $0 does not exist: parameters start at $1");
        }
        order.add(index);
        max = Math.max(max, index);
        out.append('?');
        i = j;
      } else if (c == '$' && !inWord(sql, i)) {
        int tagEnd = dollarTagEnd(sql, i);
        if (tagEnd < 0) {
          out.append(c);
          i++;
        } else {
          String tag = sql.substring(i, tagEnd);
          int close = sql.indexOf(tag, tagEnd);
          int end = close < 0 ? n : close + tag.length();
          out.append(sql, i, end);
          i = end;
        }
      } else if (c == '?') {
        out.append("??");
        i++;
      } else {
        out.append(c);
        i++;
      }
    }
    return new Placeholders(
        out.toString(), order.stream().mapToInt(Integer::intValue).toArray(), max);
  }

  /** The index after the quote closing a literal or identifier opened before {@code from}. */
  private static int closing(String sql, int from, char quote) {
    int i = from;
    while (i < sql.length()) {
      if (sql.charAt(i) == quote) {
        if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
          i += 2; // a doubled quote stays inside
          continue;
        }
        return i + 1;
      }
      i++;
    }
    return sql.length();
  }

  private static int blockCommentEnd(String sql, int from) {
    int depth = 1;
    int i = from;
    while (i < sql.length() && depth > 0) {
      if (sql.startsWith("/*", i)) {
        depth++;
        i += 2;
      } else if (sql.startsWith("*/", i)) {
        depth--;
        i += 2;
      } else {
        i++;
      }
    }
    return i;
  }

  /**
   * The index after a dollar-quote opening tag ({@code $$} or {@code $tag$}) at {@code i}, or -1.
   */
  private static int dollarTagEnd(String sql, int i) {
    int j = i + 1;
    while (j < sql.length() && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) {
      j++;
    }
    return j < sql.length() && sql.charAt(j) == '$' ? j + 1 : -1;
  }

  /** Whether the {@code $} at {@code i} continues an identifier ({@code a$1} is a name). */
  private static boolean inWord(String sql, int i) {
    if (i == 0) {
      return false;
    }
    char p = sql.charAt(i - 1);
    return Character.isLetterOrDigit(p) || p == '_' || p == '$';
  }
}
