package virga.host.net;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Hands each workload a loopback address of its own from 127.0.0.0/8, which Linux routes entirely
 * to the loopback interface: the workload's services listen there, so two workloads can both listen
 * on "127.0.0.1:7777" (see {@link WorkloadNetworkPolicy}).
 *
 * <p>The default range is {@code 127.1.0.1}-{@code 127.255.254.255}: it leaves out 127.0.0.0/16,
 * where the machine's own services live (127.0.0.1, systemd-resolved's 127.0.0.53 and .54, Docker's
 * DNS at 127.0.0.11, Debian's host name at 127.0.1.1), and 127.255.255.0/24, where wasmCloud's
 * {@code host.wasmcloud.internal} sentinel 127.255.255.254 sits. Addresses are handed out round
 * robin, so a released one is reused as late as possible.
 */
public final class LoopbackAllocator {
  /** The first address of the default range. */
  public static final Inet4Address DEFAULT_FIRST = address("127.1.0.1");

  /** The last address of the default range. */
  public static final Inet4Address DEFAULT_LAST = address("127.255.254.255");

  private static final int LOCALHOST = toInt(address("127.0.0.1"));
  private static final int NETWORK = toInt(address("127.0.0.0"));
  private static final int SENTINEL_NET = toInt(address("127.255.255.0"));

  private final int first;
  private final int last;
  private final long capacity;
  private final Map<String, Integer> byWorkload = new HashMap<>();
  private final Set<Integer> used = new HashSet<>();
  private int next;

  /** The default range. */
  public LoopbackAllocator() {
    this(DEFAULT_FIRST, DEFAULT_LAST);
  }

  /**
   * Addresses from {@code first} to {@code last} (both in 127.0.0.0/8); 127.0.0.0, 127.0.0.1 and
   * 127.255.255.0/24 are never handed out.
   */
  public LoopbackAllocator(Inet4Address first, Inet4Address last) {
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(last, "last");
    if (!first.isLoopbackAddress() || !last.isLoopbackAddress()) {
      throw new IllegalArgumentException(
          "the range " + range(first, last) + " is not inside 127.0.0.0/8");
    }
    this.first = toInt(first);
    this.last = toInt(last);
    if (this.first > this.last) { // 127.x.y.z is a positive int: no unsigned compare needed
      throw new IllegalArgumentException("the range " + range(first, last) + " is empty");
    }
    long n =
        (long) this.last
            - this.first
            + 1
            - overlap(NETWORK, NETWORK)
            - overlap(LOCALHOST, LOCALHOST)
            - overlap(SENTINEL_NET, SENTINEL_NET + 255);
    if (n == 0) {
      throw new IllegalArgumentException(
          "the range " + range(first, last) + " holds only reserved addresses");
    }
    capacity = n;
    next = this.first;
  }

  /**
   * The address of {@code workloadId}: a new one, or the one it holds already.
   *
   * @throws IllegalStateException when every address of the range is taken
   */
  public synchronized Inet4Address allocate(String workloadId) {
    Objects.requireNonNull(workloadId, "workloadId");
    Integer held = byWorkload.get(workloadId);
    if (held != null) {
      return toAddress(held);
    }
    if (used.size() >= capacity) {
      throw new IllegalStateException(
          "no free loopback address left in "
              + range(toAddress(first), toAddress(last))
              + ": "
              + used.size()
              + " workloads hold one each; stop a workload first");
    }
    int a = next;
    while (reserved(a) || used.contains(a)) {
      a = a == last ? first : a + 1;
    }
    next = a == last ? first : a + 1;
    used.add(a);
    byWorkload.put(workloadId, a);
    return toAddress(a);
  }

  /** Gives back the address of {@code workloadId}, if it holds one. Idempotent. */
  public synchronized void release(String workloadId) {
    Integer a = byWorkload.remove(workloadId);
    if (a != null) {
      used.remove(a);
    }
  }

  /** The address {@code workloadId} holds. */
  public synchronized Optional<Inet4Address> addressOf(String workloadId) {
    Integer a = byWorkload.get(workloadId);
    return a == null ? Optional.empty() : Optional.of(toAddress(a));
  }

  /** How many addresses are held. */
  public synchronized int inUse() {
    return used.size();
  }

  /**
   * Checks that this machine can listen on the range's first address: it can wherever the whole of
   * 127.0.0.0/8 is routed to the loopback interface (Linux), not on macOS without aliases.
   *
   * @throws IllegalStateException with what to do when it cannot
   */
  public void checkUsable() {
    Inet4Address a = toAddress(first);
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(a, 0));
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot listen on "
              + a.getHostAddress()
              + " ("
              + e.getMessage()
              + "): each workload's virtual loopback is an address of 127.0.0.0/8, which must be"
              + " routed to the loopback interface as Linux does (on macOS: sudo ifconfig lo0"
              + " alias "
              + a.getHostAddress()
              + ")",
          e);
    }
  }

  private static boolean reserved(int a) {
    return a == NETWORK || a == LOCALHOST || (a & 0xFFFFFF00) == SENTINEL_NET;
  }

  private static String range(InetAddress first, InetAddress last) {
    return first.getHostAddress() + "-" + last.getHostAddress();
  }

  /** How many of {@code from}-{@code to} lie in this allocator's range. */
  private long overlap(int from, int to) {
    return Math.max(0L, (long) Math.min(to, last) - Math.max(from, first) + 1);
  }

  static int toInt(Inet4Address a) {
    byte[] b = a.getAddress();
    return (b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | (b[3] & 0xFF);
  }

  static Inet4Address toAddress(int a) {
    try {
      return (Inet4Address)
          InetAddress.getByAddress(
              new byte[] {(byte) (a >>> 24), (byte) (a >>> 16), (byte) (a >>> 8), (byte) a});
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  static Inet4Address address(String literal) {
    String[] parts = literal.split("\\.");
    byte[] b = new byte[4];
    for (int i = 0; i < 4; i++) {
      b[i] = (byte) Integer.parseInt(parts[i]);
    }
    try {
      return (Inet4Address) InetAddress.getByAddress(b);
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }
}
