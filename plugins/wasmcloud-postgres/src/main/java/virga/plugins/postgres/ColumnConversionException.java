package virga.plugins.postgres;

/** A result column the host cannot turn into a {@link PgValue}. */
final class ColumnConversionException extends Exception {
  ColumnConversionException(String message) {
    super(message);
  }
}
