package virga.wasi.sockets;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import virga.component.TrapException;
import virga.component.types.ResourceType;
import virga.component.values.Value;
import virga.component.wit.HostBinder;
import virga.wasi.WasiContext;
import virga.wasi.WasiPackage;
import virga.wasi.host.ResourceTable;
import virga.wasi.host.Vals;
import virga.wasi.io.IoError;
import virga.wasi.io.Pollable;
import virga.wasi.io.Readiness;

/**
 * {@code wasi:sockets} 0.2: network, instance-network, tcp, tcp-create-socket, udp,
 * udp-create-socket and ip-name-lookup on Java NIO (non-blocking channels and one shared selector
 * thread feeding the pollables), with the WASI state machines and error codes. Every bind, connect,
 * datagram destination and name lookup is put to the context's {@link virga.wasi.NetworkPolicy},
 * together with the context's {@link WasiContext#caller()}.
 */
public final class WasiSockets implements WasiPackage {
  /** Open sockets per instance by default. */
  public static final int DEFAULT_MAX_SOCKETS = 1024;

  /** How long a name lookup may take by default. */
  public static final long DEFAULT_LOOKUP_TIMEOUT_NANOS = 10_000_000_000L;

  private final int maxSockets;
  private final long lookupTimeoutNanos;

  /** The defaults (the ServiceLoader's constructor). */
  public WasiSockets() {
    this(DEFAULT_MAX_SOCKETS, DEFAULT_LOOKUP_TIMEOUT_NANOS);
  }

  /** At most {@code maxSockets} open sockets per instance; name lookups bounded in time. */
  public WasiSockets(int maxSockets, long lookupTimeoutNanos) {
    if (maxSockets <= 0 || lookupTimeoutNanos <= 0) {
      throw new IllegalArgumentException("limits must be positive");
    }
    this.maxSockets = maxSockets;
    this.lookupTimeoutNanos = lookupTimeoutNanos;
  }

  @Override
  public String id() {
    return "wasi:sockets";
  }

  @Override
  public void addTo(HostBinder binder, WasiContext ctx) {
    new Bound(binder, ctx, new SocketsContext(ctx, maxSockets, lookupTimeoutNanos)).bind();
  }

  /** The functions of one instance. */
  private static final class Bound {
    private final HostBinder binder;
    private final WasiContext ctx;
    private final SocketsContext net;
    private final ResourceTable table;

    Bound(HostBinder binder, WasiContext ctx, SocketsContext net) {
      this.binder = binder;
      this.ctx = ctx;
      this.net = net;
      this.table = ctx.resources();
    }

    void bind() {
      HostBinder.Interface network = binder.iface("wasi:sockets/network");
      network.func(
          "network-error-code",
          a -> {
            IoError e = Vals.rep(a[0], IoError.class);
            Throwable c = e.cause();
            if (c instanceof SocketError || c instanceof IOException) {
              return Value.some(ErrorCode.of(c).value());
            }
            return Value.none();
          });
      ResourceType networkType = network.resource("network");
      binder
          .iface("wasi:sockets/instance-network")
          .func("instance-network", a -> table.own(networkType, new Network()));
      bindTcp();
      bindUdp();
      bindLookup();
    }

    // ---- tcp ---------------------------------------------------------------------------------

    private void bindTcp() {
      HostBinder.Interface tcp = binder.iface("wasi:sockets/tcp");
      ResourceType socketType = tcp.resource("tcp-socket");
      ResourceType inType = tcp.resource("input-stream");
      ResourceType outType = tcp.resource("output-stream");
      ResourceType pollType = tcp.resource("pollable");
      binder
          .iface("wasi:sockets/tcp-create-socket")
          .func(
              "create-tcp-socket",
              a ->
                  result(
                      () ->
                          table.own(socketType, TcpSocket.create(net, Addresses.Family.of(a[0])))));
      int chunk = ctx.limits().maxReadChunk();
      long budget = ctx.limits().maxWriteBudget();
      tcp.func("[method]tcp-socket.start-bind", a -> unit(() -> tcp(a).startBind(addr(a[1], a[2]))))
          .func("[method]tcp-socket.finish-bind", a -> unit(() -> tcp(a).finishBind()))
          .func(
              "[method]tcp-socket.start-connect",
              a -> unit(() -> tcp(a).startConnect(addr(a[1], a[2]))))
          .func(
              "[method]tcp-socket.finish-connect",
              a ->
                  result(
                      () -> {
                        TcpSocket s = tcp(a);
                        Conn c = s.finishConnect();
                        return streams(s, c, inType, outType, chunk, budget, null, null);
                      }))
          .func("[method]tcp-socket.start-listen", a -> unit(() -> tcp(a).startListen()))
          .func("[method]tcp-socket.finish-listen", a -> unit(() -> tcp(a).finishListen()))
          .func(
              "[method]tcp-socket.accept",
              a ->
                  result(
                      () -> {
                        TcpSocket client = tcp(a).accept();
                        return streams(
                            client,
                            client.connection(),
                            inType,
                            outType,
                            chunk,
                            budget,
                            socketType,
                            client);
                      }))
          .func(
              "[method]tcp-socket.local-address",
              a -> result(() -> Addresses.socketAddress(tcp(a).localAddress())))
          .func(
              "[method]tcp-socket.remote-address",
              a -> result(() -> Addresses.socketAddress(tcp(a).remoteAddress())))
          .func("[method]tcp-socket.is-listening", a -> Value.bool(tcp(a).isListening()))
          .func("[method]tcp-socket.address-family", a -> tcp(a).family.value())
          .func(
              "[method]tcp-socket.set-listen-backlog-size",
              a -> unit(() -> tcp(a).setListenBacklogSize(Vals.u64(a[1]))))
          .func(
              "[method]tcp-socket.keep-alive-enabled",
              a -> result(() -> Value.bool(tcp(a).keepAlive())))
          .func(
              "[method]tcp-socket.set-keep-alive-enabled",
              a -> unit(() -> tcp(a).setKeepAlive(((Value.Bool) a[1]).value())))
          .func(
              "[method]tcp-socket.keep-alive-idle-time",
              a -> result(() -> Value.u64(tcp(a).keepAliveIdleTime())))
          .func(
              "[method]tcp-socket.set-keep-alive-idle-time",
              a -> unit(() -> tcp(a).setKeepAliveIdleTime(Vals.u64(a[1]))))
          .func(
              "[method]tcp-socket.keep-alive-interval",
              a -> result(() -> Value.u64(tcp(a).keepAliveInterval())))
          .func(
              "[method]tcp-socket.set-keep-alive-interval",
              a -> unit(() -> tcp(a).setKeepAliveInterval(Vals.u64(a[1]))))
          .func(
              "[method]tcp-socket.keep-alive-count",
              a -> result(() -> Value.u32(tcp(a).keepAliveCount())))
          .func(
              "[method]tcp-socket.set-keep-alive-count",
              a -> unit(() -> tcp(a).setKeepAliveCount(Vals.u32(a[1]))))
          .func("[method]tcp-socket.hop-limit", a -> result(() -> Value.u8(tcp(a).hopLimit())))
          .func(
              "[method]tcp-socket.set-hop-limit",
              a -> unit(() -> tcp(a).setHopLimit(Vals.u8(a[1]))))
          .func(
              "[method]tcp-socket.receive-buffer-size",
              a -> result(() -> Value.u64(tcp(a).receiveBufferSize())))
          .func(
              "[method]tcp-socket.set-receive-buffer-size",
              a -> unit(() -> tcp(a).setReceiveBufferSize(Vals.u64(a[1]))))
          .func(
              "[method]tcp-socket.send-buffer-size",
              a -> result(() -> Value.u64(tcp(a).sendBufferSize())))
          .func(
              "[method]tcp-socket.set-send-buffer-size",
              a -> unit(() -> tcp(a).setSendBufferSize(Vals.u64(a[1]))))
          .func("[method]tcp-socket.subscribe", a -> pollable(pollType, tcp(a)))
          .func(
              "[method]tcp-socket.shutdown",
              a -> unit(() -> tcp(a).shutdown(((Value.EnumValue) a[1]).label())));
    }

    private Value streams(
        TcpSocket s,
        Conn c,
        ResourceType inType,
        ResourceType outType,
        int chunk,
        long budget,
        ResourceType socketType,
        TcpSocket accepted) {
      TcpInputStream in = new TcpInputStream(c, s.waiter, chunk);
      TcpOutputStream out = new TcpOutputStream(c, s.waiter, budget);
      List<Value> parts = new ArrayList<>(3);
      try {
        if (accepted != null) {
          parts.add(table.own(socketType, accepted));
        }
        parts.add(table.own(inType, in));
        parts.add(table.own(outType, out));
      } catch (RuntimeException e) {
        in.close();
        out.close();
        if (accepted != null) {
          accepted.close();
        }
        throw e;
      }
      return Value.tuple(parts.toArray(new Value[0]));
    }

    private static TcpSocket tcp(Value[] a) {
      return Vals.rep(a[0], TcpSocket.class);
    }

    private static Addresses.Parsed addr(Value network, Value address) {
      Vals.rep(network, Network.class);
      return Addresses.socketAddress(address);
    }

    // ---- udp ---------------------------------------------------------------------------------

    private void bindUdp() {
      HostBinder.Interface udp = binder.iface("wasi:sockets/udp");
      ResourceType socketType = udp.resource("udp-socket");
      ResourceType inType = udp.resource("incoming-datagram-stream");
      ResourceType outType = udp.resource("outgoing-datagram-stream");
      ResourceType pollType = udp.resource("pollable");
      binder
          .iface("wasi:sockets/udp-create-socket")
          .func(
              "create-udp-socket",
              a ->
                  result(
                      () ->
                          table.own(socketType, UdpSocket.create(net, Addresses.Family.of(a[0])))));
      udp.func("[method]udp-socket.start-bind", a -> unit(() -> udp(a).startBind(addr(a[1], a[2]))))
          .func("[method]udp-socket.finish-bind", a -> unit(() -> udp(a).finishBind()))
          .func(
              "[method]udp-socket.stream",
              a ->
                  result(
                      () -> {
                        UdpSocket s = udp(a);
                        Value.OptionValue o = (Value.OptionValue) a[1];
                        int g = s.stream(o.isSome() ? Addresses.socketAddress(o.value()) : null);
                        Value in = table.own(inType, new DatagramStreams.In(s, g));
                        Value out = table.own(outType, new DatagramStreams.Out(s, g));
                        return Value.tuple(in, out);
                      }))
          .func(
              "[method]udp-socket.local-address",
              a -> result(() -> Addresses.socketAddress(udp(a).localAddress())))
          .func(
              "[method]udp-socket.remote-address",
              a -> result(() -> Addresses.socketAddress(udp(a).remoteAddress())))
          .func("[method]udp-socket.address-family", a -> udp(a).family.value())
          .func(
              "[method]udp-socket.unicast-hop-limit",
              a -> result(() -> Value.u8(udp(a).hopLimit())))
          .func(
              "[method]udp-socket.set-unicast-hop-limit",
              a -> unit(() -> udp(a).setHopLimit(Vals.u8(a[1]))))
          .func(
              "[method]udp-socket.receive-buffer-size",
              a -> result(() -> Value.u64(udp(a).bufferSize(UdpSocket.rcvbuf()))))
          .func(
              "[method]udp-socket.set-receive-buffer-size",
              a -> unit(() -> udp(a).setBufferSize(UdpSocket.rcvbuf(), Vals.u64(a[1]))))
          .func(
              "[method]udp-socket.send-buffer-size",
              a -> result(() -> Value.u64(udp(a).bufferSize(UdpSocket.sndbuf()))))
          .func(
              "[method]udp-socket.set-send-buffer-size",
              a -> unit(() -> udp(a).setBufferSize(UdpSocket.sndbuf(), Vals.u64(a[1]))))
          .func("[method]udp-socket.subscribe", a -> pollable(pollType, Readiness.ALWAYS))
          .func(
              "[method]incoming-datagram-stream.receive",
              a ->
                  result(
                      () -> {
                        DatagramStreams.In in = Vals.rep(a[0], DatagramStreams.In.class);
                        List<Value> out = new ArrayList<>();
                        for (UdpSocket.Incoming d :
                            in.socket.receive(in.generation, Vals.u64(a[1]))) {
                          out.add(
                              Value.record(
                                  Value.field("data", Vals.bytes(d.data())),
                                  Value.field(
                                      "remote-address", Addresses.socketAddress(d.from()))));
                        }
                        return Value.list(out);
                      }))
          .func(
              "[method]incoming-datagram-stream.subscribe",
              a ->
                  pollable(pollType, Vals.rep(a[0], DatagramStreams.In.class).socket.incomingReady))
          .func(
              "[method]outgoing-datagram-stream.check-send",
              a ->
                  result(
                      () -> {
                        DatagramStreams.Out o = Vals.rep(a[0], DatagramStreams.Out.class);
                        o.socket.checkGeneration(o.generation);
                        o.permit = UdpSocket.BATCH;
                        return Value.u64(o.permit);
                      }))
          .func(
              "[method]outgoing-datagram-stream.send",
              a -> result(() -> Value.u64(send(Vals.rep(a[0], DatagramStreams.Out.class), a[1]))))
          .func(
              "[method]outgoing-datagram-stream.subscribe",
              a -> pollable(pollType, Readiness.ALWAYS));
    }

    private static long send(DatagramStreams.Out o, Value list) {
      List<Value> ds = ((Value.ListValue) list).elements();
      if (ds.size() > o.permit) {
        throw new TrapException(
            "wasi:sockets/udp: send of "
                + ds.size()
                + " datagrams exceeds check-send's permit of "
                + o.permit);
      }
      List<byte[]> data = new ArrayList<>(ds.size());
      List<Addresses.Parsed> to = new ArrayList<>(ds.size());
      for (Value v : ds) {
        Value.RecordValue r = (Value.RecordValue) v;
        data.add(Vals.bytes(r.get("data")));
        Value.OptionValue ra = (Value.OptionValue) r.get("remote-address");
        to.add(ra.isSome() ? Addresses.socketAddress(ra.value()) : null);
      }
      if (ds.isEmpty()) {
        o.socket.checkGeneration(o.generation);
        return 0;
      }
      int n = o.socket.send(o.generation, data, to);
      o.permit -= n;
      return n;
    }

    private static UdpSocket udp(Value[] a) {
      return Vals.rep(a[0], UdpSocket.class);
    }

    // ---- ip-name-lookup ----------------------------------------------------------------------

    private void bindLookup() {
      HostBinder.Interface lookup = binder.iface("wasi:sockets/ip-name-lookup");
      ResourceType streamType = lookup.resource("resolve-address-stream");
      ResourceType pollType = lookup.resource("pollable");
      lookup
          .func(
              "resolve-addresses",
              a ->
                  result(
                      () -> {
                        Vals.rep(a[0], Network.class);
                        return table.own(streamType, NameLookup.start(net, Vals.str(a[1])));
                      }))
          .func(
              "[method]resolve-address-stream.resolve-next-address",
              a ->
                  result(
                      () -> {
                        InetAddress next = Vals.rep(a[0], NameLookup.class).next();
                        return next == null ? Value.none() : Value.some(Addresses.ipAddress(next));
                      }))
          .func(
              "[method]resolve-address-stream.subscribe",
              a -> pollable(pollType, Vals.rep(a[0], NameLookup.class)));
    }

    // ---- shared --------------------------------------------------------------------------------

    private Value pollable(ResourceType type, Readiness r) {
      return table.own(type, new Pollable(r));
    }

    private static Value result(Supplier<Value> op) {
      try {
        return Value.ok(op.get());
      } catch (SocketError e) {
        return Value.err(e.code().value());
      } catch (IllegalArgumentException | UnsupportedOperationException | IllegalStateException e) {
        return Value.err(ErrorCode.of(e).value());
      }
    }

    private static Value unit(Runnable op) {
      try {
        op.run();
        return Value.ok();
      } catch (SocketError e) {
        return Value.err(e.code().value());
      } catch (IllegalArgumentException | UnsupportedOperationException | IllegalStateException e) {
        return Value.err(ErrorCode.of(e).value());
      }
    }
  }
}
