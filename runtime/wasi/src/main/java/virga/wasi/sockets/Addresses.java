package virga.wasi.sockets;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import virga.component.values.Value;

/** Conversions between WIT socket addresses and Java ones, with WASI's validation rules. */
public final class Addresses {
  private Addresses() {}

  /** {@code ip-address-family}. */
  public enum Family {
    IPV4,
    IPV6;

    /** The family of a Java address (an IPv4-mapped IPv6 address counts as IPv4). */
    public static Family of(InetAddress a) {
      return a instanceof Inet4Address ? IPV4 : IPV6;
    }

    /** From the enum value. */
    public static Family of(Value v) {
      return ((Value.EnumValue) v).label().equals("ipv4") ? IPV4 : IPV6;
    }

    /** As an enum value. */
    public Value value() {
      return Value.enumCase(this == IPV4 ? "ipv4" : "ipv6");
    }

    /** The loopback address of this family. */
    public InetAddress loopback() {
      try {
        return this == IPV4
            ? InetAddress.getByAddress(new byte[] {127, 0, 0, 1})
            : InetAddress.getByAddress(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1});
      } catch (UnknownHostException e) {
        throw new AssertionError(e);
      }
    }
  }

  /** An {@code ip-socket-address}, its family, and whether it was an IPv4-mapped IPv6 address. */
  public record Parsed(InetSocketAddress address, Family family, boolean ipv4Mapped) {}

  /** Reads an {@code ip-socket-address} variant. */
  public static Parsed socketAddress(Value v) {
    Value.VariantValue var = (Value.VariantValue) v;
    Value.RecordValue r = (Value.RecordValue) var.payload();
    int port = ((Value.U16) r.get("port")).value();
    List<Value> parts = ((Value.TupleValue) r.get("address")).elements();
    try {
      if (var.caseName().equals("ipv4")) {
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
          b[i] = (byte) ((Value.U8) parts.get(i)).value();
        }
        return new Parsed(
            new InetSocketAddress(InetAddress.getByAddress(b), port), Family.IPV4, false);
      }
      byte[] b = new byte[16];
      for (int i = 0; i < 8; i++) {
        int w = ((Value.U16) parts.get(i)).value();
        b[2 * i] = (byte) (w >>> 8);
        b[2 * i + 1] = (byte) w;
      }
      boolean mapped = isIpv4Mapped(b);
      long scope = ((Value.U32) r.get("scope-id")).value();
      InetAddress a =
          mapped || scope == 0
              ? Inet6Address.getByAddress(null, b, -1)
              : Inet6Address.getByAddress(null, b, (int) scope);
      if (mapped) {
        // Java turns ::ffff:a.b.c.d into an Inet4Address; WASI IPv6 sockets must refuse it
        a = InetAddress.getByAddress(b);
      }
      return new Parsed(new InetSocketAddress(a, port), Family.IPV6, mapped);
    } catch (UnknownHostException e) {
      throw new SocketError(ErrorCode.INVALID_ARGUMENT, "bad address", e);
    }
  }

  static boolean isIpv4Mapped(byte[] b) {
    for (int i = 0; i < 10; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return b[10] == (byte) 0xFF && b[11] == (byte) 0xFF;
  }

  /** An {@code ip-socket-address} variant for a Java socket address. */
  public static Value socketAddress(SocketAddress sa) {
    InetSocketAddress isa = (InetSocketAddress) sa;
    InetAddress a = isa.getAddress();
    Value port = Value.u16(isa.getPort());
    if (a instanceof Inet4Address) {
      return Value.variant(
          "ipv4", Value.record(Value.field("port", port), Value.field("address", ipv4Tuple(a))));
    }
    Inet6Address a6 = (Inet6Address) a;
    return Value.variant(
        "ipv6",
        Value.record(
            Value.field("port", port),
            Value.field("flow-info", Value.u32(0)),
            Value.field("address", ipv6Tuple(a6)),
            Value.field("scope-id", Value.u32(Math.max(0, a6.getScopeId())))));
  }

  /** An {@code ip-address} variant. */
  public static Value ipAddress(InetAddress a) {
    return a instanceof Inet4Address
        ? Value.variant("ipv4", ipv4Tuple(a))
        : Value.variant("ipv6", ipv6Tuple((Inet6Address) a));
  }

  private static Value ipv4Tuple(InetAddress a) {
    byte[] b = a.getAddress();
    return Value.tuple(
        Value.u8(b[0] & 0xFF), Value.u8(b[1] & 0xFF), Value.u8(b[2] & 0xFF), Value.u8(b[3] & 0xFF));
  }

  private static Value ipv6Tuple(Inet6Address a) {
    byte[] b = a.getAddress();
    List<Value> ws = new ArrayList<>(8);
    for (int i = 0; i < 8; i++) {
      ws.add(Value.u16(((b[2 * i] & 0xFF) << 8) | (b[2 * i + 1] & 0xFF)));
    }
    return new Value.TupleValue(ws);
  }

  /**
   * Checks a remote address for connect/send: the socket's family, not IPv4-mapped on IPv6, not the
   * unspecified address, port not 0.
   */
  static InetSocketAddress remote(Parsed p, Family socketFamily) {
    checkFamily(p, socketFamily);
    if (p.address().getAddress().isAnyLocalAddress()) {
      throw SocketError.invalidArgument("cannot connect to the unspecified address");
    }
    if (p.address().getPort() == 0) {
      throw SocketError.invalidArgument("cannot connect to port 0");
    }
    return p.address();
  }

  /** Checks a local address for bind: the socket's family, not IPv4-mapped on IPv6. */
  static InetSocketAddress local(Parsed p, Family socketFamily) {
    checkFamily(p, socketFamily);
    return p.address();
  }

  private static void checkFamily(Parsed p, Family socketFamily) {
    if (p.family() != socketFamily) {
      throw SocketError.invalidArgument(
          "address family " + p.family() + " on an " + socketFamily + " socket");
    }
    if (p.ipv4Mapped()) {
      throw SocketError.invalidArgument("IPv4-mapped IPv6 addresses are not supported");
    }
    if (p.address().getAddress().isMulticastAddress()) {
      throw SocketError.invalidArgument("multicast addresses are not supported");
    }
  }
}
