package virga.wasi.guest;

import virga.component.Component;

/** Lets tests in other packages load fixtures. */
public final class GuestsAccess {
  private GuestsAccess() {}

  /** {@code guests/wasm/<name>.wasm}, compiled. */
  public static Component component(String name) {
    return Guests.component(name);
  }
}
