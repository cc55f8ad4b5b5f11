package virga.wasi.sockets;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.util.ArrayList;
import java.util.List;
import virga.wasi.NetworkPolicy;
import virga.wasi.host.HostResource;
import virga.wasi.io.Readiness;
import virga.wasi.io.Signal;
import virga.wasi.sockets.Addresses.Family;

/**
 * The rep of {@code wasi:sockets/udp.udp-socket} over a non-blocking {@link DatagramChannel}: bind,
 * then {@code stream} (optionally connected to one remote address) hands out the datagram streams,
 * which use the same channel.
 */
final class UdpSocket extends HostResource {
  enum State {
    DEFAULT,
    BIND_STARTED,
    BOUND,
    CLOSED
  }

  /** The most datagrams one {@code receive} returns and one {@code check-send} permits. */
  static final int BATCH = 64;

  /** The largest UDP payloads: 65535 minus the IP and UDP headers. */
  static final int MAX_IPV4_PAYLOAD = 65_507;

  static final int MAX_IPV6_PAYLOAD = 65_527;

  final Family family;
  private final SocketsContext net;
  final Waiter waiter = new Waiter();
  private final DatagramChannel ch;
  private State state = State.DEFAULT;
  private InetSocketAddress remote; // as connected (the policy may have rewritten it)
  private InetSocketAddress remoteAsGiven; // as the guest passed it
  private InetSocketAddress boundAt; // as reported to the policy, to report its release
  private int generation;
  private int hopLimit = 64;
  private ByteBuffer recvBuf;
  private Incoming stashed;

  /** One received datagram. */
  record Incoming(byte[] data, InetSocketAddress from) {}

  private UdpSocket(SocketsContext net, Family family, DatagramChannel ch) {
    this.net = net;
    this.family = family;
    this.ch = ch;
  }

  static UdpSocket create(SocketsContext net, Family family) {
    net.openSocket();
    try {
      DatagramChannel ch =
          DatagramChannel.open(
              family == Family.IPV4 ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6);
      ch.configureBlocking(false);
      return new UdpSocket(net, family, ch);
    } catch (IOException | UnsupportedOperationException e) {
      net.socketClosed();
      throw SocketError.of("create-udp-socket", e);
    }
  }

  synchronized void startBind(Addresses.Parsed local) {
    if (state != State.DEFAULT) {
      throw SocketError.invalidState("start-bind in state " + state);
    }
    InetSocketAddress a = Addresses.local(local, family);
    a = net.check(NetworkPolicy.Use.UDP_BIND, a);
    try {
      ch.bind(a);
      boundAt = (InetSocketAddress) ch.getLocalAddress();
    } catch (IOException | RuntimeException e) {
      throw SocketError.of("bind " + a, e);
    }
    state = State.BIND_STARTED;
    net.bound(NetworkPolicy.Use.UDP_BIND, boundAt);
  }

  synchronized void finishBind() {
    if (state != State.BIND_STARTED) {
      throw SocketError.notInProgress("finish-bind without start-bind");
    }
    state = State.BOUND;
  }

  /** {@code stream}: (re)connects or disconnects; returns the new stream generation. */
  synchronized int stream(Addresses.Parsed to) {
    if (state != State.BOUND) {
      throw SocketError.invalidState("stream on a socket that is not bound");
    }
    InetSocketAddress a = null;
    InetSocketAddress given = null;
    if (to != null) {
      given = Addresses.remote(to, family);
      a = net.check(NetworkPolicy.Use.UDP_CONNECT, given);
    }
    try {
      if (ch.isConnected()) {
        ch.disconnect();
      }
      remote = null;
      remoteAsGiven = null;
      stashed = null;
      if (a != null) {
        ch.connect(a);
        remote = a;
        remoteAsGiven = given;
      }
    } catch (IOException | RuntimeException e) {
      throw SocketError.of("connect " + a, e);
    }
    return ++generation;
  }

  synchronized void checkGeneration(int g) {
    if (g != generation || state == State.CLOSED) {
      throw SocketError.invalidState("a newer stream call replaced this datagram stream");
    }
  }

  synchronized InetSocketAddress localAddress() {
    if (state != State.BOUND) {
      throw SocketError.invalidState("the socket is not bound");
    }
    try {
      return net.shown((InetSocketAddress) ch.getLocalAddress());
    } catch (IOException e) {
      throw SocketError.of("local-address", e);
    }
  }

  synchronized InetSocketAddress remoteAddress() {
    if (remote == null) {
      throw SocketError.invalidState("the socket is not connected");
    }
    return remoteAsGiven;
  }

  synchronized int hopLimit() {
    return hopLimit;
  }

  /** Validated and reported back; the JVM has no unicast TTL option, so the OS default stays. */
  synchronized void setHopLimit(int v) {
    if (v == 0) {
      throw SocketError.invalidArgument("hop limit 0");
    }
    hopLimit = v;
  }

  synchronized long bufferSize(SocketOption<Integer> o) {
    try {
      return ch.getOption(o);
    } catch (IOException e) {
      throw SocketError.of("get " + o.name(), e);
    }
  }

  synchronized void setBufferSize(SocketOption<Integer> o, long v) {
    if (v == 0) {
      throw SocketError.invalidArgument("buffer size 0");
    }
    try {
      ch.setOption(o, v < 0 || v > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) v);
    } catch (IOException e) {
      throw SocketError.of("set " + o.name(), e);
    }
  }

  static SocketOption<Integer> rcvbuf() {
    return StandardSocketOptions.SO_RCVBUF;
  }

  static SocketOption<Integer> sndbuf() {
    return StandardSocketOptions.SO_SNDBUF;
  }

  // ---- datagrams -------------------------------------------------------------------------------

  /** Up to {@code max} datagrams available now. */
  synchronized List<Incoming> receive(int generation, long max) {
    checkGeneration(generation);
    List<Incoming> out = new ArrayList<>();
    long limit = max < 0 ? BATCH : Math.min(max, BATCH);
    while (out.size() < limit) {
      Incoming d;
      try {
        d = receiveOne();
      } catch (IOException e) {
        if (out.isEmpty()) {
          throw SocketError.of("receive", e);
        }
        break;
      }
      if (d == null) {
        break;
      }
      out.add(d);
    }
    return out;
  }

  private Incoming receiveOne() throws IOException {
    if (stashed != null) {
      Incoming d = stashed;
      stashed = null;
      return d;
    }
    if (recvBuf == null) {
      recvBuf = ByteBuffer.allocate(65_536);
    }
    recvBuf.clear();
    SocketAddress from = ch.receive(recvBuf);
    if (from == null) {
      return null;
    }
    recvBuf.flip();
    byte[] data = new byte[recvBuf.remaining()];
    recvBuf.get(data);
    return new Incoming(data, net.shown((InetSocketAddress) from));
  }

  /** Sends datagrams; returns how many went out (fewer when the kernel buffer is full). */
  synchronized int send(int generation, List<byte[]> data, List<Addresses.Parsed> to) {
    checkGeneration(generation);
    int sent = 0;
    for (int i = 0; i < data.size(); i++) {
      try {
        if (!sendOne(data.get(i), to.get(i))) {
          break;
        }
        sent++;
      } catch (SocketError e) {
        if (sent == 0) {
          throw e;
        }
        break;
      }
    }
    return sent;
  }

  private boolean sendOne(byte[] data, Addresses.Parsed to) {
    int max = family == Family.IPV4 ? MAX_IPV4_PAYLOAD : MAX_IPV6_PAYLOAD;
    if (data.length > max) {
      throw new SocketError(ErrorCode.DATAGRAM_TOO_LARGE, data.length + " bytes");
    }
    InetSocketAddress dest;
    if (to == null) {
      if (remote == null) {
        throw SocketError.invalidArgument("no remote address and the stream is not connected");
      }
      dest = remote;
    } else {
      dest = Addresses.remote(to, family);
      if (remote != null && !remoteAsGiven.equals(dest)) {
        throw SocketError.invalidArgument("remote address differs from the connected one");
      }
    }
    if (remote == null) {
      dest = net.check(NetworkPolicy.Use.UDP_SEND, dest);
    }
    try {
      ByteBuffer b = ByteBuffer.wrap(data);
      int n = remote != null ? ch.write(b) : ch.send(b, dest);
      return n > 0 || data.length == 0;
    } catch (IOException | RuntimeException e) {
      throw SocketError.of("send to " + dest, e);
    }
  }

  /** Ready to receive: a datagram (or error) is waiting. */
  final Readiness incomingReady =
      new Readiness() {
        @Override
        public boolean isReady() {
          synchronized (UdpSocket.this) {
            if (stashed != null || state == State.CLOSED) {
              return true;
            }
            try {
              stashed = receiveOne();
            } catch (IOException e) {
              return true;
            }
            if (stashed != null) {
              return true;
            }
            waiter.arm(ch, SelectionKey.OP_READ);
            return false;
          }
        }

        @Override
        public Signal.Registration onChange(Runnable waker) {
          Signal.Registration r = waiter.signal.register(waker);
          isReady();
          return r;
        }
      };

  @Override
  protected void onClose() {
    synchronized (this) {
      state = State.CLOSED;
    }
    TcpSocket.closeQuietly(ch);
    if (boundAt != null) {
      net.released(NetworkPolicy.Use.UDP_BIND, boundAt);
    }
    net.socketClosed();
    waiter.signal.fire();
  }
}
