package virga.plugins.logging;

import org.slf4j.Logger;
import org.slf4j.MDC;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;
import virga.plugin.WitImplementation;

/**
 * {@code wasi:logging/logging} for one workload item: each call goes to SLF4J with the workload and
 * the component in the MDC ({@code workload}, {@code workload.name}, {@code component}).
 */
@WitImplementation(value = WasiLoggingPlugin.LOGGING, wit = WasiLoggingPlugin.WIT)
public final class GuestLogger {
  /** WIT {@code enum level}. */
  public enum Level {
    TRACE,
    DEBUG,
    INFO,
    WARN,
    ERROR,
    CRITICAL
  }

  /** Marks {@code critical} messages, which SLF4J has no level for (they log at error). */
  static final Marker CRITICAL = MarkerFactory.getMarker("CRITICAL");

  static final String MDC_WORKLOAD = "workload";
  static final String MDC_WORKLOAD_NAME = "workload.name";
  static final String MDC_COMPONENT = "component";

  private final GuestLoggers loggers;
  private final String workloadId;
  private final String workloadName;
  private final String component;

  GuestLogger(GuestLoggers loggers, String workloadId, String workloadName, String component) {
    this.loggers = loggers;
    this.workloadId = workloadId;
    this.workloadName = workloadName;
    this.component = component;
  }

  /** {@code log: func(level: level, context: string, message: string)}. */
  public void log(Level level, String context, String message) {
    Logger logger = loggers.forContext(context);
    String text = message;
    if (logger == null) {
      logger = loggers.root();
      // The context could not name a logger: keep it in the line instead of dropping it.
      if (!context.isEmpty()) {
        text = context + ": " + message;
      }
    }
    if (!enabled(logger, level)) {
      return;
    }
    String previousWorkload = MDC.get(MDC_WORKLOAD);
    String previousName = MDC.get(MDC_WORKLOAD_NAME);
    String previousComponent = MDC.get(MDC_COMPONENT);
    MDC.put(MDC_WORKLOAD, workloadId);
    MDC.put(MDC_WORKLOAD_NAME, workloadName);
    MDC.put(MDC_COMPONENT, component);
    try {
      emit(logger, level, text);
    } finally {
      restore(MDC_WORKLOAD, previousWorkload);
      restore(MDC_WORKLOAD_NAME, previousName);
      restore(MDC_COMPONENT, previousComponent);
    }
  }

  private static boolean enabled(Logger logger, Level level) {
    return switch (level) {
      case TRACE -> logger.isTraceEnabled();
      case DEBUG -> logger.isDebugEnabled();
      case INFO -> logger.isInfoEnabled();
      case WARN -> logger.isWarnEnabled();
      case ERROR, CRITICAL -> logger.isErrorEnabled();
    };
  }

  private static void emit(Logger logger, Level level, String text) {
    // "{}" keeps a guest's braces literal: the message is data, never a format string.
    switch (level) {
      case TRACE -> logger.trace("{}", text);
      case DEBUG -> logger.debug("{}", text);
      case INFO -> logger.info("{}", text);
      case WARN -> logger.warn("{}", text);
      case ERROR -> logger.error("{}", text);
      case CRITICAL -> logger.error(CRITICAL, "{}", text);
    }
  }

  private static void restore(String key, String previous) {
    if (previous == null) {
      MDC.remove(key);
    } else {
      MDC.put(key, previous);
    }
  }
}
