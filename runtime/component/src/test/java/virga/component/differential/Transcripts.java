package virga.component.differential;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.opentest4j.AssertionFailedError;

/** Transcript text helpers: line splitting and a line diff for failure messages. */
public final class Transcripts {
  private Transcripts() {}

  /** The lines of {@code text}, without a final empty line; {@code \r\n} counts as a break. */
  public static List<String> lines(String text) {
    List<String> out = new ArrayList<>(Arrays.asList(text.split("\r?\n", -1)));
    if (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
      out.remove(out.size() - 1);
    }
    return out;
  }

  /**
   * Fails unless the transcripts are equal line by line; the message names both sides and holds a
   * diff ({@code -} only in {@code expectedName}, {@code +} only in {@code actualName}).
   */
  public static void assertSame(
      String what,
      String expectedName,
      List<String> expected,
      String actualName,
      List<String> actual) {
    if (expected.equals(actual)) {
      return;
    }
    String message =
        what
            + ": "
            + actualName
            + " differs from "
            + expectedName
            + " (- "
            + expectedName
            + ", + "
            + actualName
            + ")\n"
            + diff(expected, actual);
    throw new AssertionFailedError(
        message, String.join("\n", expected) + "\n", String.join("\n", actual) + "\n");
  }

  /**
   * A line diff: unchanged lines are left out except one line of context around each change;
   * changed lines are prefixed with their 1-based line number on their side.
   */
  public static String diff(List<String> a, List<String> b) {
    int n = a.size();
    int m = b.size();
    int[][] lcs = new int[n + 1][m + 1];
    for (int i = n - 1; i >= 0; i--) {
      for (int j = m - 1; j >= 0; j--) {
        lcs[i][j] =
            a.get(i).equals(b.get(j))
                ? lcs[i + 1][j + 1] + 1
                : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    List<String> ops = new ArrayList<>(); // "=text", "-text", "+text" with line numbers
    int i = 0;
    int j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a.get(i).equals(b.get(j))) {
        ops.add("  " + (i + 1) + ": " + a.get(i));
        i++;
        j++;
      } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
        ops.add("- " + (i + 1) + ": " + a.get(i));
        i++;
      } else {
        ops.add("+ " + (j + 1) + ": " + b.get(j));
        j++;
      }
    }
    StringBuilder sb = new StringBuilder();
    boolean skipped = false;
    for (int k = 0; k < ops.size(); k++) {
      boolean near =
          changed(ops, k)
              || (k > 0 && changed(ops, k - 1))
              || (k + 1 < ops.size() && changed(ops, k + 1));
      if (near) {
        if (skipped) {
          sb.append("  ...\n");
          skipped = false;
        }
        sb.append(ops.get(k)).append('\n');
      } else {
        skipped = true;
      }
    }
    return sb.toString();
  }

  private static boolean changed(List<String> ops, int k) {
    return ops.get(k).charAt(0) != ' ';
  }
}
