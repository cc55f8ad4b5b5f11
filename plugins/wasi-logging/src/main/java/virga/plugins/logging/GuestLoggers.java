package virga.plugins.logging;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SLF4J loggers guests write to: {@code virga.guest}, or {@code virga.guest.<context>} when the
 * guest's context is a logger-like name. Guests choose contexts freely and logging backends keep
 * every logger forever, so the number of context loggers is capped.
 */
final class GuestLoggers {
  static final String ROOT = "virga.guest";
  static final int MAX_CONTEXT_LOGGERS = 1024;

  /** Dot-separated Java-like identifiers, possibly with dashes ({@code http}, {@code db.pool}). */
  private static final Pattern NAME =
      Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*(\\.[A-Za-z_][A-Za-z0-9_-]*)*");

  private static final int MAX_NAME_LENGTH = 100;

  private final Logger root = LoggerFactory.getLogger(ROOT);
  private final Map<String, Logger> byContext = new ConcurrentHashMap<>();

  /** The logger for {@code context}, or null when the context cannot name one. */
  Logger forContext(String context) {
    if (context.isEmpty()
        || context.length() > MAX_NAME_LENGTH
        || !NAME.matcher(context).matches()) {
      return null;
    }
    Logger logger = byContext.get(context);
    if (logger != null) {
      return logger;
    }
    if (byContext.size() >= MAX_CONTEXT_LOGGERS) {
      return null;
    }
    return byContext.computeIfAbsent(context, c -> LoggerFactory.getLogger(ROOT + "." + c));
  }

  /** {@code virga.guest}. */
  Logger root() {
    return root;
  }
}
