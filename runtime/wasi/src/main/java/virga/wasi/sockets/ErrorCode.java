package virga.wasi.sockets;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.AlreadyBoundException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.channels.UnsupportedAddressTypeException;
import java.util.Locale;
import virga.component.values.Value;

/** {@code wasi:sockets/network.error-code}, in WIT order, with the mapping from Java failures. */
public enum ErrorCode {
  UNKNOWN,
  ACCESS_DENIED,
  NOT_SUPPORTED,
  INVALID_ARGUMENT,
  OUT_OF_MEMORY,
  TIMEOUT,
  CONCURRENCY_CONFLICT,
  NOT_IN_PROGRESS,
  WOULD_BLOCK,
  INVALID_STATE,
  NEW_SOCKET_LIMIT,
  ADDRESS_NOT_BINDABLE,
  ADDRESS_IN_USE,
  REMOTE_UNREACHABLE,
  CONNECTION_REFUSED,
  CONNECTION_RESET,
  CONNECTION_ABORTED,
  DATAGRAM_TOO_LARGE,
  NAME_UNRESOLVABLE,
  TEMPORARY_RESOLVER_FAILURE,
  PERMANENT_RESOLVER_FAILURE;

  /** The WIT label, e.g. {@code access-denied}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** This code as an enum value. */
  public Value value() {
    return Value.enumCase(label());
  }

  /** The code for the enum label {@code label}. */
  public static ErrorCode ofLabel(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT).replace('-', '_'));
  }

  /** The code for a Java failure of a socket operation (by type, then by the OS message). */
  public static ErrorCode of(Throwable e) {
    if (e instanceof SocketError se) {
      return se.code();
    }
    if (e instanceof UnknownHostException) {
      return NAME_UNRESOLVABLE;
    }
    if (e instanceof SocketTimeoutException) {
      return TIMEOUT;
    }
    if (e instanceof NoRouteToHostException || e instanceof PortUnreachableException) {
      return REMOTE_UNREACHABLE;
    }
    if (e instanceof UnsupportedAddressTypeException || e instanceof UnresolvedAddressException) {
      return INVALID_ARGUMENT;
    }
    if (e instanceof AlreadyBoundException) {
      return INVALID_STATE;
    }
    if (e instanceof ClosedChannelException) {
      return INVALID_STATE;
    }
    if (e instanceof OutOfMemoryError) {
      return OUT_OF_MEMORY;
    }
    String m = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
    if (m.contains("already in use")) {
      return ADDRESS_IN_USE;
    }
    if (m.contains("cannot assign requested address") || m.contains("not available")) {
      return ADDRESS_NOT_BINDABLE;
    }
    if (m.contains("permission denied") || m.contains("not permitted")) {
      return ACCESS_DENIED;
    }
    if (m.contains("refused")) {
      return CONNECTION_REFUSED;
    }
    if (m.contains("reset") || m.contains("broken pipe")) {
      return CONNECTION_RESET;
    }
    if (m.contains("aborted")) {
      return CONNECTION_ABORTED;
    }
    if (m.contains("unreachable") || m.contains("no route")) {
      return REMOTE_UNREACHABLE;
    }
    if (m.contains("timed out")) {
      return TIMEOUT;
    }
    if (m.contains("too many open files")) {
      return NEW_SOCKET_LIMIT;
    }
    if (m.contains("message too long")) {
      return DATAGRAM_TOO_LARGE;
    }
    if (e instanceof BindException) {
      return ADDRESS_NOT_BINDABLE;
    }
    if (e instanceof ConnectException) {
      return CONNECTION_REFUSED;
    }
    if (e instanceof IOException) {
      return UNKNOWN;
    }
    return UNKNOWN;
  }
}
