package virga.wasi.sockets;

import virga.wasi.host.HostResource;

/** The reps of {@code incoming-datagram-stream} and {@code outgoing-datagram-stream}. */
final class DatagramStreams {
  private DatagramStreams() {}

  /** {@code incoming-datagram-stream}. */
  static final class In extends HostResource {
    final UdpSocket socket;
    final int generation;

    In(UdpSocket socket, int generation) {
      this.socket = socket;
      this.generation = generation;
    }
  }

  /** {@code outgoing-datagram-stream}, with what the last {@code check-send} permitted. */
  static final class Out extends HostResource {
    final UdpSocket socket;
    final int generation;
    long permit;

    Out(UdpSocket socket, int generation) {
      this.socket = socket;
      this.generation = generation;
    }
  }
}
