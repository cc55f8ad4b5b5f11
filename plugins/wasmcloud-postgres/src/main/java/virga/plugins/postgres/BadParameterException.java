package virga.plugins.postgres;

/** A parameter the host cannot bind; becomes {@code query-error::invalid-params}. */
final class BadParameterException extends Exception {
  BadParameterException(String message) {
    super(message);
  }
}
