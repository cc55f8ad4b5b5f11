package virga.plugins.blobstore;

import virga.plugin.Result;
import virga.plugin.WitImplementation;
import virga.plugins.blobstore.backend.BlobException;

/** {@code wasi:blobstore/blobstore}: containers by name, copies and moves. */
@WitImplementation(
    value = WasiBlobstorePlugin.BLOBSTORE,
    wit = WasiBlobstorePlugin.WIT,
    dependencyWit = "/wit/wasi-io@0.2.12.wit")
public final class Blobstore {
  private final Session session;

  Blobstore(Session session) {
    this.session = session;
  }

  /** {@code create-container}. */
  public Result<Container, String> createContainer(String name) {
    return session.call(
        "create-container",
        () -> {
          session.policy().checkWrite(name, "create-container");
          session.backend().createContainer(name);
          return new Container(name);
        });
  }

  /** {@code get-container}: an error when it does not exist. */
  public Result<Container, String> getContainer(String name) {
    return session.call(
        "get-container",
        () -> {
          session.policy().checkAccess(name);
          if (!session.backend().containerExists(name)) {
            throw BlobException.noContainer(name);
          }
          return new Container(name);
        });
  }

  /** {@code delete-container}. */
  public Result<Void, String> deleteContainer(String name) {
    return session.run(
        "delete-container",
        () -> {
          session.policy().checkWrite(name, "delete-container");
          session.backend().deleteContainer(name);
        });
  }

  /** {@code container-exists}. */
  public Result<Boolean, String> containerExists(String name) {
    return session.call(
        "container-exists",
        () -> {
          session.policy().checkAccess(name);
          return session.backend().containerExists(name);
        });
  }

  /** {@code copy-object}: overwrites the destination; its container must exist. */
  public Result<Void, String> copyObject(ObjectId src, ObjectId dest) {
    return session.run(
        "copy-object",
        () -> {
          session.policy().checkAccess(src.container());
          session.policy().checkWrite(dest.container(), "copy-object");
          if (src.equals(dest)) {
            session.backend().stat(src.container(), src.object());
            return;
          }
          session.backend().copy(src.container(), src.object(), dest.container(), dest.object());
        });
  }

  /** {@code move-object}: a copy, then the source is deleted. */
  public Result<Void, String> moveObject(ObjectId src, ObjectId dest) {
    return session.run(
        "move-object",
        () -> {
          session.policy().checkWrite(src.container(), "move-object");
          session.policy().checkWrite(dest.container(), "move-object");
          if (src.equals(dest)) {
            session.backend().stat(src.container(), src.object());
            return;
          }
          session.backend().copy(src.container(), src.object(), dest.container(), dest.object());
          session.backend().delete(src.container(), src.object());
        });
  }
}
