package virga.wasi.sockets;

import java.io.IOException;
import java.nio.channels.SocketChannel;

/**
 * A TCP channel shared by its socket and the socket's two streams: closed when the last of them is
 * dropped, so a guest may drop the socket before or after its streams.
 */
final class Conn {
  final SocketChannel ch;
  private int refs = 1;
  private boolean inputShut;
  private boolean closed;

  Conn(SocketChannel ch) {
    this.ch = ch;
  }

  synchronized void acquire() {
    refs++;
  }

  synchronized void release() {
    if (--refs <= 0) {
      close();
    }
  }

  synchronized void close() {
    if (!closed) {
      closed = true;
      TcpSocket.closeQuietly(ch);
    }
  }

  synchronized void shutdownInput() throws IOException {
    inputShut = true;
    ch.shutdownInput();
  }

  synchronized boolean inputShut() {
    return inputShut;
  }
}
