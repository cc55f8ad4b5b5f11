package virga.plugins.blobstore;

import java.util.List;
import java.util.Map;
import virga.plugin.Result;
import virga.plugin.WitImplementation;
import virga.plugins.blobstore.backend.BlobBackend;
import virga.plugins.blobstore.backend.BlobException;
import virga.plugins.blobstore.backend.ObjectStat;
import virga.plugins.blobstore.backend.Range;

/** {@code wasi:blobstore/container}: the container and stream-object-names resources. */
@WitImplementation(
    value = WasiBlobstorePlugin.CONTAINER,
    wit = WasiBlobstorePlugin.WIT,
    dependencyWit = "/wit/wasi-io@0.2.12.wit")
public final class Containers {
  private final Session session;

  Containers(Session session) {
    this.session = session;
  }

  private BlobBackend backend() {
    return session.backend();
  }

  /** {@code [method]container.name}. */
  public Result<String, String> containerName(Container self) {
    return Result.ok(self.name());
  }

  /** {@code [method]container.info}. */
  public Result<ContainerMetadata, String> containerInfo(Container self) {
    return session.call(
        "info",
        () -> {
          session.policy().checkAccess(self.name());
          return new ContainerMetadata(self.name(), backend().containerCreatedAt(self.name()));
        });
  }

  /** {@code [method]container.get-data}: bytes {@code start..=end}, read when consumed. */
  public Result<IncomingValue, String> containerGetData(
      Container self, String name, long start, long end) {
    return session.call(
        "get-data",
        () -> {
          String c = self.name();
          session.policy().checkAccess(c);
          ObjectStat stat = backend().stat(c, name);
          Range r = Range.of(start, end, stat.size());
          return new IncomingValue(r.length(), backend().read(c, name, start, end));
        });
  }

  /** {@code [method]container.write-data}: aims the value; {@code finish} stores it. */
  public Result<Void, String> containerWriteData(Container self, String name, OutgoingValue data) {
    return session.run(
        "write-data",
        () -> {
          String c = self.name();
          session.policy().checkWrite(c, "write-data");
          if (name.isEmpty()) {
            throw new BlobException("object name must not be empty");
          }
          if (!backend().containerExists(c)) {
            throw BlobException.noContainer(c);
          }
          data.aim(new OutgoingValue.Target(session, c, name));
        });
  }

  /** {@code [method]container.list-objects}. */
  public Result<StreamObjectNames, String> containerListObjects(Container self) {
    return session.call(
        "list-objects",
        () -> {
          session.policy().checkAccess(self.name());
          return new StreamObjectNames(backend().list(self.name()));
        });
  }

  /** {@code [method]container.delete-object}. */
  public Result<Void, String> containerDeleteObject(Container self, String name) {
    return session.run(
        "delete-object",
        () -> {
          session.policy().checkWrite(self.name(), "delete-object");
          backend().delete(self.name(), name);
        });
  }

  /** {@code [method]container.delete-objects}. */
  public Result<Void, String> containerDeleteObjects(Container self, List<String> names) {
    return session.run(
        "delete-objects",
        () -> {
          session.policy().checkWrite(self.name(), "delete-objects");
          for (String n : names) {
            backend().delete(self.name(), n);
          }
        });
  }

  /** {@code [method]container.has-object}. */
  public Result<Boolean, String> containerHasObject(Container self, String name) {
    return session.call(
        "has-object",
        () -> {
          session.policy().checkAccess(self.name());
          return backend().exists(self.name(), name);
        });
  }

  /** {@code [method]container.object-info}. */
  public Result<ObjectMetadata, String> containerObjectInfo(Container self, String name) {
    return session.call(
        "object-info",
        () -> {
          session.policy().checkAccess(self.name());
          ObjectStat s = backend().stat(self.name(), name);
          return new ObjectMetadata(name, self.name(), s.createdAt(), s.size());
        });
  }

  /** {@code [method]container.clear}. */
  public Result<Void, String> containerClear(Container self) {
    return session.run(
        "clear",
        () -> {
          session.policy().checkWrite(self.name(), "clear");
          backend().clear(self.name());
        });
  }

  /** {@code [method]stream-object-names.read-stream-object-names}. */
  public Result<Map.Entry<List<String>, Boolean>, String> streamObjectNamesReadStreamObjectNames(
      StreamObjectNames self, long len) {
    List<String> names = self.read(len);
    return Result.ok(Map.entry(names, self.ended()));
  }

  /** {@code [method]stream-object-names.skip-stream-object-names}. */
  public Result<Map.Entry<Long, Boolean>, String> streamObjectNamesSkipStreamObjectNames(
      StreamObjectNames self, long num) {
    long n = self.skip(num);
    return Result.ok(Map.entry(n, self.ended()));
  }
}
