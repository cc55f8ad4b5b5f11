package virga.plugins.keyvalue;

import virga.plugins.keyvalue.backend.KvException;

/** Finds the backend and physical name for a guest's {@code open(identifier)}. */
@FunctionalInterface
public interface BucketOpener {
  /** The bucket {@code identifier} names for this item (not yet opened on the backend). */
  Bucket resolve(String identifier) throws KvException;
}
