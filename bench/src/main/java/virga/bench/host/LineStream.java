package virga.bench.host;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Calls back with each complete line written to it and the time its newline arrived. */
final class LineStream extends OutputStream {
  /** Receives the lines. */
  interface Sink {
    void line(String line, long nanos);
  }

  private final Sink sink;
  private final ByteArrayOutputStream buf = new ByteArrayOutputStream();

  LineStream(Sink sink) {
    this.sink = sink;
  }

  @Override
  public synchronized void write(int b) {
    if (b == '\n') {
      sink.line(buf.toString(StandardCharsets.UTF_8), System.nanoTime());
      buf.reset();
    } else {
      buf.write(b);
    }
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) {
    for (int i = off; i < off + len; i++) {
      write(b[i]);
    }
  }
}
