package virga.plugins.messaging.broker;

/**
 * NATS subject rules: dot-separated tokens, none empty, no whitespace; in a subscription {@code *}
 * matches one token and a last {@code >} one or more.
 */
public final class Subjects {
  private Subjects() {}

  /**
   * Checks a subject to publish to (no wildcards).
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static void checkPublish(String subject) {
    check(subject, false);
  }

  /**
   * Checks a subject to subscribe to (wildcards allowed).
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static void checkSubscribe(String subject) {
    check(subject, true);
  }

  private static void check(String subject, boolean wildcards) {
    if (subject == null || subject.isEmpty()) {
      throw new IllegalArgumentException("invalid subject: empty");
    }
    String[] tokens = subject.split("\\.", -1);
    for (int i = 0; i < tokens.length; i++) {
      String t = tokens[i];
      if (t.isEmpty()) {
        throw new IllegalArgumentException("invalid subject '" + subject + "': empty token");
      }
      for (int c = 0; c < t.length(); c++) {
        if (Character.isWhitespace(t.charAt(c))) {
          throw new IllegalArgumentException("invalid subject '" + subject + "': whitespace");
        }
      }
      boolean wildcard = t.equals("*") || t.equals(">");
      if (wildcard && !wildcards) {
        throw new IllegalArgumentException(
            "invalid subject '" + subject + "': wildcards are for subscriptions only");
      }
      if (t.equals(">") && i != tokens.length - 1) {
        throw new IllegalArgumentException(
            "invalid subject '" + subject + "': '>' must be the last token");
      }
    }
  }

  /** Whether {@code subject} (concrete) matches subscription {@code pattern}. */
  public static boolean matches(String pattern, String subject) {
    String[] p = pattern.split("\\.", -1);
    String[] s = subject.split("\\.", -1);
    for (int i = 0; i < p.length; i++) {
      if (p[i].equals(">")) {
        return s.length > i;
      }
      if (i >= s.length || !(p[i].equals("*") || p[i].equals(s[i]))) {
        return false;
      }
    }
    return p.length == s.length;
  }
}
