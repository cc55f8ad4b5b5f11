package virga.wasi.io;

import virga.wasi.host.HostResource;

/** The rep of {@code wasi:io/poll.pollable}: one guest handle on a {@link Readiness}. */
public final class Pollable extends HostResource {
  private final Readiness readiness;

  /** A pollable handle on {@code readiness}. */
  public Pollable(Readiness readiness) {
    this.readiness = readiness;
  }

  /** What this pollable waits for. */
  public Readiness readiness() {
    return readiness;
  }
}
