package virga.wasi.sockets;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import virga.wasi.host.HostResource;
import virga.wasi.io.Readiness;
import virga.wasi.io.Signal;

/**
 * The rep of {@code resolve-address-stream}: IP literals resolve at once; names resolve with {@link
 * InetAddress#getAllByName} on a small shared pool of daemon threads, bounded in time (past the
 * deadline the stream reports {@code temporary-resolver-failure}; the pollable's deadline wakes
 * {@code poll} then).
 */
final class NameLookup extends HostResource implements Readiness {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern LABEL =
      Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?");

  private static final ThreadPoolExecutor POOL =
      new ThreadPoolExecutor(
          0,
          4,
          30,
          TimeUnit.SECONDS,
          new ArrayBlockingQueue<>(256),
          r -> {
            Thread t = new Thread(r, "virga-wasi-ip-name-lookup");
            t.setDaemon(true);
            return t;
          });

  private final SocketsContext net;
  private final long deadline;
  private final Signal signal = new Signal();
  private List<InetAddress> result;
  private SocketError error;
  private int next;

  private NameLookup(SocketsContext net, long deadline) {
    this.net = net;
    this.deadline = deadline;
  }

  /** {@code resolve-addresses}: validates {@code name}, asks the policy, starts resolving. */
  static NameLookup start(SocketsContext net, String name) {
    String host = parse(name);
    List<InetAddress> reserved = net.reservedName(host);
    if (reserved != null) {
      NameLookup l = new NameLookup(net, Long.MAX_VALUE - 1);
      l.complete(host, reserved, null);
      return l;
    }
    if (!net.allowsLookup(host)) {
      throw new SocketError(
          ErrorCode.PERMANENT_RESOLVER_FAILURE, "lookup of " + host + " not allowed");
    }
    long now = net.ctx.monotonicClock().now();
    long deadline =
        now + net.lookupTimeoutNanos < now ? Long.MAX_VALUE - 1 : now + net.lookupTimeoutNanos;
    NameLookup l = new NameLookup(net, deadline);
    InetAddress literal = literal(host);
    if (literal != null) {
      l.complete(host, List.of(literal), null);
      return l;
    }
    try {
      POOL.execute(() -> l.resolve(host));
    } catch (RejectedExecutionException e) {
      throw new SocketError(ErrorCode.TEMPORARY_RESOLVER_FAILURE, "too many lookups in flight", e);
    }
    return l;
  }

  /** The name to resolve, or {@code invalid-argument}: a host name or IP literal, nothing else. */
  static String parse(String name) {
    String n = name;
    if (n.startsWith("[") && n.endsWith("]") && n.length() > 2) {
      n = n.substring(1, n.length() - 1);
      if (!n.contains(":")) {
        throw SocketError.invalidArgument("not an IPv6 literal: " + name);
      }
    }
    if (n.isEmpty() || n.length() > 253) {
      throw SocketError.invalidArgument("bad host name length");
    }
    if (n.contains(":")) {
      if (!n.matches("[0-9A-Fa-f:.]+") || literal(n) == null) {
        throw SocketError.invalidArgument("not a host name or IP address: " + name);
      }
      return n.toLowerCase(Locale.ROOT);
    }
    String d = n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    if (d.isEmpty()) {
      throw SocketError.invalidArgument("bad host name: " + name);
    }
    for (String label : d.split("\\.", -1)) {
      if (!LABEL.matcher(label).matches()) {
        throw SocketError.invalidArgument("bad host name: " + name);
      }
    }
    if (d.matches("[0-9.]+") && !IPV4.matcher(d).matches()) {
      throw SocketError.invalidArgument("bad IPv4 address: " + name);
    }
    return d.toLowerCase(Locale.ROOT);
  }

  /** The address for an IP literal (never a DNS query), or null. */
  static InetAddress literal(String s) {
    try {
      if (IPV4.matcher(s).matches()) {
        String[] p = s.split("\\.");
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
          int v = Integer.parseInt(p[i]);
          if (v > 255) {
            return null;
          }
          b[i] = (byte) v;
        }
        return InetAddress.getByAddress(b);
      }
      if (s.contains(":") && s.matches("[0-9A-Fa-f:.]+")) {
        return InetAddress.getByName(s); // a literal with ':' is parsed, never looked up
      }
    } catch (UnknownHostException | NumberFormatException e) {
      return null;
    }
    return null;
  }

  private void resolve(String host) {
    try {
      complete(host, List.of(InetAddress.getAllByName(host)), null);
    } catch (UnknownHostException e) {
      complete(host, null, new SocketError(ErrorCode.NAME_UNRESOLVABLE, host, e));
    } catch (SecurityException e) {
      complete(host, null, new SocketError(ErrorCode.PERMANENT_RESOLVER_FAILURE, host, e));
    } catch (RuntimeException e) {
      complete(host, null, new SocketError(ErrorCode.TEMPORARY_RESOLVER_FAILURE, host, e));
    }
  }

  private void complete(String host, List<InetAddress> addresses, SocketError e) {
    synchronized (this) {
      if (result != null || error != null) {
        return;
      }
      if (addresses != null) {
        for (InetAddress a : addresses) {
          net.noteResolved(host, a);
        }
        result = addresses;
      } else {
        error = e;
      }
    }
    signal.fire();
  }

  /** {@code resolve-next-address}: the next address, null at the end. */
  synchronized InetAddress next() {
    if (result == null && error == null) {
      if (net.ctx.monotonicClock().now() - deadline >= 0) {
        error = new SocketError(ErrorCode.TEMPORARY_RESOLVER_FAILURE, "lookup timed out");
      } else {
        throw SocketError.wouldBlock("lookup in progress");
      }
    }
    if (error != null) {
      throw error;
    }
    return next < result.size() ? result.get(next++) : null;
  }

  @Override
  public synchronized boolean isReady() {
    return result != null || error != null || net.ctx.monotonicClock().now() - deadline >= 0;
  }

  @Override
  public long deadline() {
    return deadline;
  }

  @Override
  public Signal.Registration onChange(Runnable waker) {
    return signal.register(waker);
  }
}
