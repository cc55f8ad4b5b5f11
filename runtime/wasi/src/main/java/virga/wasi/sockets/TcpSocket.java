package virga.wasi.sockets;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketOption;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import jdk.net.ExtendedSocketOptions;
import virga.wasi.NetworkPolicy;
import virga.wasi.host.HostResource;
import virga.wasi.io.Readiness;
import virga.wasi.io.Signal;
import virga.wasi.sockets.Addresses.Family;

/**
 * The rep of {@code wasi:sockets/tcp.tcp-socket}: the WASI state machine over a non-blocking {@link
 * SocketChannel} (created with the socket, bound by {@code start-bind}, connected by {@code
 * start-connect}) or, once listening, a {@link ServerSocketChannel} bound to the same address.
 * Socket options set before a channel exists (or on a listener) are kept and applied to the
 * channels created later (accepted sockets inherit them, as on Linux).
 */
final class TcpSocket extends HostResource implements Readiness {
  enum State {
    DEFAULT,
    BIND_STARTED,
    BOUND,
    LISTEN_STARTED,
    LISTENING,
    CONNECTING,
    CONNECT_READY,
    CONNECTED,
    CLOSED
  }

  /** How many connections the listener accepts ahead of the guest. */
  private static final int ACCEPT_AHEAD = 8;

  private static final long DEFAULT_BACKLOG = 128;
  private static final long NANOS = 1_000_000_000L;

  final Family family;
  private final SocketsContext net;
  final Waiter waiter = new Waiter();
  private State state;
  private Conn conn; // the SocketChannel, shared with the streams
  private ServerSocketChannel server;
  private InetSocketAddress listeningAt; // as reported to the policy, to report its release
  private SocketError connectError;
  private final ArrayDeque<SocketChannel> acceptQueue = new ArrayDeque<>();
  private IOException acceptError;
  private boolean counted;

  // options, as set by the guest (null: OS default)
  private long backlog = DEFAULT_BACKLOG;
  private Boolean keepAlive;
  private Integer keepIdleSecs;
  private Integer keepIntervalSecs;
  private Integer keepCount;
  private int hopLimit = 64;
  private Integer receiveBuffer;
  private Integer sendBuffer;

  private TcpSocket(SocketsContext net, Family family, Conn conn, State state) {
    this.net = net;
    this.family = family;
    this.conn = conn;
    this.state = state;
  }

  /** {@code create-tcp-socket}. */
  static TcpSocket create(SocketsContext net, Family family) {
    net.openSocket();
    try {
      SocketChannel ch =
          SocketChannel.open(
              family == Family.IPV4 ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6);
      ch.configureBlocking(false);
      TcpSocket s = new TcpSocket(net, family, new Conn(ch), State.DEFAULT);
      s.counted = true;
      return s;
    } catch (IOException | UnsupportedOperationException e) {
      net.socketClosed();
      throw SocketError.of("create-tcp-socket", e);
    }
  }

  synchronized State state() {
    return state;
  }

  // ---- bind / listen / connect / accept ------------------------------------------------------

  synchronized void startBind(Addresses.Parsed local) {
    if (state != State.DEFAULT) {
      throw SocketError.invalidState("start-bind in state " + state);
    }
    InetSocketAddress a = Addresses.local(local, family);
    a = net.check(NetworkPolicy.Use.TCP_BIND, a);
    try {
      conn.ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      conn.ch.bind(a);
    } catch (IOException | RuntimeException e) {
      throw SocketError.of("bind " + a, e);
    }
    state = State.BIND_STARTED;
  }

  synchronized void finishBind() {
    if (state != State.BIND_STARTED) {
      throw SocketError.notInProgress("finish-bind without start-bind");
    }
    state = State.BOUND;
  }

  synchronized void startListen() {
    switch (state) {
      case BOUND -> {}
      case LISTEN_STARTED, BIND_STARTED, CONNECTING, CONNECT_READY ->
          throw new SocketError(ErrorCode.CONCURRENCY_CONFLICT, "start-listen in state " + state);
      default -> throw SocketError.invalidState("start-listen in state " + state);
    }
    InetSocketAddress local;
    try {
      local = (InetSocketAddress) conn.ch.getLocalAddress();
      // Java cannot listen on a SocketChannel: release the bound one, bind a listener to its
      // address
      conn.close();
      ServerSocketChannel sc =
          ServerSocketChannel.open(
              family == Family.IPV4 ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6);
      try {
        sc.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        if (receiveBuffer != null) {
          sc.setOption(StandardSocketOptions.SO_RCVBUF, receiveBuffer);
        }
        sc.bind(local, (int) Math.min(backlog, Integer.MAX_VALUE));
        sc.configureBlocking(false);
      } catch (IOException | RuntimeException e) {
        sc.close();
        throw e;
      }
      server = sc;
      conn = null;
      listeningAt = (InetSocketAddress) sc.getLocalAddress();
    } catch (IOException | RuntimeException e) {
      state = State.CLOSED;
      throw SocketError.of("listen", e);
    }
    state = State.LISTEN_STARTED;
    net.bound(NetworkPolicy.Use.TCP_BIND, listeningAt);
  }

  synchronized void finishListen() {
    if (state != State.LISTEN_STARTED) {
      throw SocketError.notInProgress("finish-listen without start-listen");
    }
    state = State.LISTENING;
  }

  synchronized void startConnect(Addresses.Parsed remote) {
    switch (state) {
      case DEFAULT, BOUND -> {}
      case CONNECTING, CONNECT_READY, LISTEN_STARTED, BIND_STARTED ->
          throw new SocketError(ErrorCode.CONCURRENCY_CONFLICT, "start-connect in state " + state);
      default -> throw SocketError.invalidState("start-connect in state " + state);
    }
    InetSocketAddress a = Addresses.remote(remote, family);
    if (family == Family.IPV4
        && a.getAddress().getAddress()[0] == (byte) 255
        && a.getAddress().getHostAddress().equals("255.255.255.255")) {
      throw SocketError.invalidArgument("cannot connect to the broadcast address");
    }
    a = net.check(NetworkPolicy.Use.TCP_CONNECT, a);
    applyOptions(conn.ch);
    try {
      if (conn.ch.connect(a)) {
        state = State.CONNECT_READY;
      } else {
        state = State.CONNECTING;
      }
    } catch (IOException | RuntimeException e) {
      state = State.CLOSED;
      conn.close();
      throw SocketError.of("connect " + a, e);
    }
  }

  /** {@code finish-connect}: the connected socket's streams. */
  synchronized Conn finishConnect() {
    if (state == State.CONNECTING) {
      pollConnect();
      if (state == State.CONNECTING) {
        throw SocketError.wouldBlock("connection in progress");
      }
    }
    if (state != State.CONNECT_READY) {
      throw SocketError.notInProgress("finish-connect without start-connect");
    }
    if (connectError != null) {
      SocketError e = connectError;
      connectError = null;
      state = State.CLOSED;
      conn.close();
      throw e;
    }
    state = State.CONNECTED;
    return conn;
  }

  private void pollConnect() {
    try {
      if (conn.ch.finishConnect()) {
        state = State.CONNECT_READY;
      }
    } catch (IOException | RuntimeException e) {
      connectError = SocketError.of("connect", e);
      state = State.CONNECT_READY;
    }
  }

  /** {@code accept}: a connected socket sharing the listener's options. */
  synchronized TcpSocket accept() {
    if (state != State.LISTENING) {
      throw SocketError.invalidState("accept on a socket that is not listening");
    }
    fillAcceptQueue();
    SocketChannel ch = acceptQueue.pollFirst();
    if (ch == null) {
      if (acceptError != null) {
        IOException e = acceptError;
        acceptError = null;
        throw SocketError.of("accept", e);
      }
      throw SocketError.wouldBlock("no pending connection");
    }
    try {
      net.openSocket();
    } catch (SocketError e) {
      closeQuietly(ch);
      throw e;
    }
    TcpSocket s = new TcpSocket(net, family, new Conn(ch), State.CONNECTED);
    s.counted = true;
    s.keepAlive = keepAlive;
    s.keepIdleSecs = keepIdleSecs;
    s.keepIntervalSecs = keepIntervalSecs;
    s.keepCount = keepCount;
    s.hopLimit = hopLimit;
    s.receiveBuffer = receiveBuffer;
    s.sendBuffer = sendBuffer;
    try {
      ch.configureBlocking(false);
      s.applyOptions(ch);
    } catch (IOException e) {
      s.close();
      throw SocketError.of("accept", e);
    }
    return s;
  }

  private void fillAcceptQueue() {
    while (acceptQueue.size() < ACCEPT_AHEAD && acceptError == null) {
      try {
        SocketChannel ch = server.accept();
        if (ch == null) {
          return;
        }
        acceptQueue.addLast(ch);
      } catch (IOException e) {
        acceptError = e;
      }
    }
  }

  synchronized Conn connection() {
    return conn;
  }

  // ---- addresses and options -----------------------------------------------------------------

  synchronized InetSocketAddress localAddress() {
    if (state == State.DEFAULT || state == State.BIND_STARTED || state == State.CLOSED) {
      throw SocketError.invalidState("the socket is not bound");
    }
    try {
      return net.shown(
          (InetSocketAddress)
              (server != null ? server.getLocalAddress() : conn.ch.getLocalAddress()));
    } catch (IOException e) {
      throw SocketError.of("local-address", e);
    }
  }

  synchronized InetSocketAddress remoteAddress() {
    if (state != State.CONNECTED) {
      throw SocketError.invalidState("the socket is not connected");
    }
    try {
      InetSocketAddress a = (InetSocketAddress) conn.ch.getRemoteAddress();
      if (a == null) {
        throw SocketError.invalidState("the socket is not connected");
      }
      return net.shown(a);
    } catch (IOException e) {
      throw SocketError.of("remote-address", e);
    }
  }

  synchronized boolean isListening() {
    return state == State.LISTENING;
  }

  synchronized void setListenBacklogSize(long value) {
    if (value == 0) {
      throw SocketError.invalidArgument("backlog 0");
    }
    switch (state) {
      case CONNECTING, CONNECT_READY, CONNECTED ->
          throw SocketError.invalidState("set-listen-backlog-size on a connection");
      case LISTEN_STARTED, LISTENING ->
          throw new SocketError(
              ErrorCode.NOT_SUPPORTED, "the JVM cannot change the backlog of a listening socket");
      default -> backlog = value < 0 ? Integer.MAX_VALUE : Math.min(value, Integer.MAX_VALUE);
    }
  }

  synchronized boolean keepAlive() {
    Boolean v = get(StandardSocketOptions.SO_KEEPALIVE);
    return v != null ? v : keepAlive != null && keepAlive;
  }

  synchronized void setKeepAlive(boolean v) {
    keepAlive = v;
    set(StandardSocketOptions.SO_KEEPALIVE, v);
  }

  synchronized long keepAliveIdleTime() {
    Integer v = get(ExtendedSocketOptions.TCP_KEEPIDLE);
    return (v != null ? v : keepIdleSecs != null ? keepIdleSecs : 7200) * NANOS;
  }

  synchronized void setKeepAliveIdleTime(long nanos) {
    keepIdleSecs = seconds(nanos);
    set(ExtendedSocketOptions.TCP_KEEPIDLE, keepIdleSecs);
  }

  synchronized long keepAliveInterval() {
    Integer v = get(ExtendedSocketOptions.TCP_KEEPINTERVAL);
    return (v != null ? v : keepIntervalSecs != null ? keepIntervalSecs : 75) * NANOS;
  }

  synchronized void setKeepAliveInterval(long nanos) {
    keepIntervalSecs = seconds(nanos);
    set(ExtendedSocketOptions.TCP_KEEPINTERVAL, keepIntervalSecs);
  }

  synchronized long keepAliveCount() {
    Integer v = get(ExtendedSocketOptions.TCP_KEEPCOUNT);
    return v != null ? v : keepCount != null ? keepCount : 9;
  }

  synchronized void setKeepAliveCount(long count) {
    if (count == 0) {
      throw SocketError.invalidArgument("keep-alive count 0");
    }
    keepCount = (int) Math.min(count, 127); // Linux's TCP_KEEPCNT maximum
    set(ExtendedSocketOptions.TCP_KEEPCOUNT, keepCount);
  }

  /**
   * The hop limit. The JVM has no unicast TTL option for TCP, so the value is validated and kept
   * (reported back) but the OS default stays in effect.
   */
  synchronized int hopLimit() {
    return hopLimit;
  }

  synchronized void setHopLimit(int v) {
    if (v == 0) {
      throw SocketError.invalidArgument("hop limit 0");
    }
    hopLimit = v;
  }

  synchronized long receiveBufferSize() {
    Integer v =
        server != null
            ? getServer(StandardSocketOptions.SO_RCVBUF)
            : get(StandardSocketOptions.SO_RCVBUF);
    return v != null ? v : receiveBuffer != null ? receiveBuffer : 0;
  }

  synchronized void setReceiveBufferSize(long v) {
    receiveBuffer = bufferSize(v);
    if (server != null) {
      try {
        server.setOption(StandardSocketOptions.SO_RCVBUF, receiveBuffer);
      } catch (IOException e) {
        throw SocketError.of("set-receive-buffer-size", e);
      }
    } else {
      set(StandardSocketOptions.SO_RCVBUF, receiveBuffer);
    }
  }

  synchronized long sendBufferSize() {
    Integer v = get(StandardSocketOptions.SO_SNDBUF);
    return v != null ? v : sendBuffer != null ? sendBuffer : 0;
  }

  synchronized void setSendBufferSize(long v) {
    sendBuffer = bufferSize(v);
    set(StandardSocketOptions.SO_SNDBUF, sendBuffer);
  }

  synchronized void shutdown(String how) {
    if (state != State.CONNECTED) {
      throw SocketError.invalidState("shutdown of a socket that is not connected");
    }
    try {
      if (!how.equals("send")) {
        conn.shutdownInput();
      }
      if (!how.equals("receive")) {
        conn.ch.shutdownOutput();
      }
    } catch (IOException e) {
      throw SocketError.of("shutdown", e);
    }
  }

  private static int seconds(long nanos) {
    if (nanos == 0) {
      throw SocketError.invalidArgument("duration 0");
    }
    long s = nanos < 0 ? Long.MAX_VALUE / NANOS : (nanos + NANOS - 1) / NANOS;
    return (int) Math.max(1, Math.min(s, 32767)); // Linux's maximum for idle time and interval
  }

  private static int bufferSize(long v) {
    if (v == 0) {
      throw SocketError.invalidArgument("buffer size 0");
    }
    return v < 0 || v > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) v;
  }

  private <T> T get(SocketOption<T> o) {
    if (conn == null || !conn.ch.isOpen() || !conn.ch.supportedOptions().contains(o)) {
      return null;
    }
    try {
      return conn.ch.getOption(o);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private <T> T getServer(SocketOption<T> o) {
    try {
      return server.getOption(o);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private <T> void set(SocketOption<T> o, T v) {
    setOn(conn == null ? null : conn.ch, o, v);
  }

  private static <T> void setOn(SocketChannel ch, SocketOption<T> o, T v) {
    if (ch == null || !ch.isOpen() || !ch.supportedOptions().contains(o)) {
      return; // kept in the field; applied to the channels made later
    }
    try {
      ch.setOption(o, v);
    } catch (IOException e) {
      throw SocketError.of("set option " + o.name(), e);
    } catch (IllegalArgumentException e) {
      throw new SocketError(ErrorCode.INVALID_ARGUMENT, o.name() + "=" + v, e);
    }
  }

  private void applyOptions(SocketChannel ch) {
    try {
      if (keepAlive != null) {
        setOn(ch, StandardSocketOptions.SO_KEEPALIVE, keepAlive);
      }
      if (keepIdleSecs != null) {
        setOn(ch, ExtendedSocketOptions.TCP_KEEPIDLE, keepIdleSecs);
      }
      if (keepIntervalSecs != null) {
        setOn(ch, ExtendedSocketOptions.TCP_KEEPINTERVAL, keepIntervalSecs);
      }
      if (keepCount != null) {
        setOn(ch, ExtendedSocketOptions.TCP_KEEPCOUNT, keepCount);
      }
      if (receiveBuffer != null) {
        setOn(ch, StandardSocketOptions.SO_RCVBUF, receiveBuffer);
      }
      if (sendBuffer != null) {
        setOn(ch, StandardSocketOptions.SO_SNDBUF, sendBuffer);
      }
    } catch (SocketError e) {
      // best effort for options set before the channel existed
    }
  }

  // ---- readiness (subscribe) -------------------------------------------------------------------

  /** Ready when connecting has finished, a connection is pending, or nothing is awaited. */
  @Override
  public synchronized boolean isReady() {
    switch (state) {
      case CONNECTING -> {
        pollConnect();
        if (state == State.CONNECTING) {
          waiter.arm(conn.ch, SelectionKey.OP_CONNECT);
          return false;
        }
        return true;
      }
      case LISTENING -> {
        fillAcceptQueue();
        if (acceptQueue.isEmpty() && acceptError == null) {
          waiter.arm(server, SelectionKey.OP_ACCEPT);
          return false;
        }
        return true;
      }
      default -> {
        return true;
      }
    }
  }

  @Override
  public Signal.Registration onChange(Runnable waker) {
    Signal.Registration r = waiter.signal.register(waker);
    isReady(); // arms the interest
    return r;
  }

  @Override
  protected void onClose() {
    State was;
    synchronized (this) {
      was = state;
      state = State.CLOSED;
      if (server != null) {
        closeQuietly(server);
      }
      for (SocketChannel ch : acceptQueue) {
        closeQuietly(ch);
      }
      acceptQueue.clear();
    }
    if (conn != null) {
      conn.release();
    }
    if (listeningAt != null) {
      net.released(NetworkPolicy.Use.TCP_BIND, listeningAt);
    }
    if (counted) {
      net.socketClosed();
    }
    waiter.signal.fire();
    assert was != null;
  }

  static void closeQuietly(java.io.Closeable c) {
    try {
      c.close();
    } catch (IOException e) {
      // nothing to tell anyone
    }
    if (c instanceof java.nio.channels.SelectableChannel) {
      // a registered channel's socket is released when the selector next flushes cancelled keys
      NetSelector.INSTANCE.wakeup();
    }
  }
}
