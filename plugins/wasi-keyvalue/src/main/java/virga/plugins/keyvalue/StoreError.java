package virga.plugins.keyvalue;

import virga.plugins.keyvalue.backend.KvException;

/**
 * WIT {@code store.error}: {@code variant error { no-such-store, access-denied, other(string) }}.
 */
public sealed interface StoreError {
  /** The bucket does not exist. */
  record NoSuchStore() implements StoreError {}

  /** The caller may not use the bucket. */
  record AccessDenied() implements StoreError {}

  /** Anything else, with a message for the guest. */
  record Other(String value) implements StoreError {}

  /** The WIT case of {@code e}. */
  static StoreError of(KvException e) {
    return switch (e.kind()) {
      case NO_SUCH_STORE -> new NoSuchStore();
      case ACCESS_DENIED -> new AccessDenied();
      case OTHER -> new Other(e.getMessage());
    };
  }
}
