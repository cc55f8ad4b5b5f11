package virga.plugins.logging;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.MDC;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J backend of these tests (found through META-INF/services): keeps every event with a copy
 * of the MDC. {@link #minimum} sets the level below which loggers report disabled.
 */
public final class CapturingSlf4j implements SLF4JServiceProvider {
  /** One log call as the backend received it. */
  public record Event(
      String logger, Level level, String marker, String message, Map<String, String> mdc) {}

  static final List<Event> EVENTS = new ArrayList<>();
  static volatile Level minimum = Level.TRACE;

  private final IMarkerFactory markers = new BasicMarkerFactory();
  private final MDCAdapter mdc = new BasicMDCAdapter();
  private final ILoggerFactory factory = CapturingLogger::new;

  static List<Event> events() {
    synchronized (EVENTS) {
      return List.copyOf(EVENTS);
    }
  }

  static void reset() {
    synchronized (EVENTS) {
      EVENTS.clear();
    }
    minimum = Level.TRACE;
  }

  @Override
  public ILoggerFactory getLoggerFactory() {
    return factory;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markers;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdc;
  }

  @Override
  public String getRequestedApiVersion() {
    return "2.0.99";
  }

  @Override
  public void initialize() {}

  private static final class CapturingLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;

    CapturingLogger(String name) {
      this.name = name;
    }

    private static boolean on(Level level) {
      return level.toInt() >= minimum.toInt();
    }

    @Override
    public boolean isTraceEnabled() {
      return on(Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
      return on(Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
      return on(Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
      return on(Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
      return on(Level.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
      return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(
        Level level, Marker marker, String pattern, Object[] args, Throwable throwable) {
      String message = org.slf4j.helpers.MessageFormatter.basicArrayFormat(pattern, args);
      Map<String, String> context = MDC.getCopyOfContextMap();
      synchronized (EVENTS) {
        EVENTS.add(
            new Event(
                name,
                level,
                marker == null ? null : marker.getName(),
                message,
                context == null ? Map.of() : Map.copyOf(context)));
      }
    }
  }
}
