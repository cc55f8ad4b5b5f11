package virga.host.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import virga.protocol.v2.EmptyDirVolume;
import virga.protocol.v2.HostPathVolume;
import virga.protocol.v2.Volume;
import virga.protocol.v2.VolumeMount;
import virga.wasi.Preopen;

class VolumesTest {
  @TempDir Path temp;

  private static Volume emptyDir(String name) {
    return Volume.newBuilder()
        .setName(name)
        .setEmptyDir(EmptyDirVolume.getDefaultInstance())
        .build();
  }

  private static Volume hostPath(String name, String path) {
    return Volume.newBuilder()
        .setName(name)
        .setHostPath(HostPathVolume.newBuilder().setLocalPath(path))
        .build();
  }

  private long entries(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.count();
    }
  }

  @Test
  void mountsBecomePreopensWithReadOnlyHonoured() throws IOException {
    Path data = Files.createDirectory(temp.resolve("data"));
    Path root = Files.createDirectory(temp.resolve("root"));
    try (Volumes v =
        Volumes.prepare(List.of(hostPath("data", data.toString()), emptyDir("cache")), root)) {
      List<Preopen> p =
          v.preopens(
              List.of(
                  VolumeMount.newBuilder()
                      .setName("data")
                      .setMountPath("/data")
                      .setReadOnly(true)
                      .build(),
                  VolumeMount.newBuilder().setName("cache").setMountPath("/cache").build()),
              "component 'x'");
      assertThat(p).hasSize(2);
      assertThat(p.get(0)).isEqualTo(new Preopen(data, "/data", true));
      assertThat(p.get(1).guestPath()).isEqualTo("/cache");
      assertThat(p.get(1).readOnly()).isFalse();
      assertThat(p.get(1).hostPath().getParent()).isEqualTo(root);
      assertThat(p.get(1).hostPath().getFileName().toString()).startsWith("virga-volume-cache-");
      Files.writeString(p.get(1).hostPath().resolve("f.txt"), "x");
      Files.createDirectories(p.get(1).hostPath().resolve("a/b"));
    }
    assertThat(entries(root)).isZero(); // the emptyDir is gone with its contents
    assertThat(Files.isDirectory(data)).isTrue(); // a hostPath is the user's: kept
  }

  @Test
  void aMissingHostPathIsNamedAndNothingIsLeft() throws IOException {
    Path root = Files.createDirectory(temp.resolve("root"));
    assertThatThrownBy(
            () ->
                Volumes.prepare(
                    List.of(emptyDir("first"), hostPath("data", "/no/such/virga/dir")), root))
        .isInstanceOf(WorkloadException.class)
        .hasMessage(
            "volume 'data': hostPath '/no/such/virga/dir' does not exist on this host (create the"
                + " directory first)");
    assertThat(entries(root)).isZero();
  }

  @Test
  void aRelativeHostPathIsRefused() {
    assertThatThrownBy(() -> Volumes.prepare(List.of(hostPath("data", "rel/dir")), temp))
        .hasMessage("volume 'data': hostPath 'rel/dir' must be an absolute path");
  }

  @Test
  void aVolumeWithoutTypeIsRefused() {
    assertThatThrownBy(
            () -> Volumes.prepare(List.of(Volume.newBuilder().setName("v").build()), temp))
        .hasMessage("volume 'v' has neither hostPath nor emptyDir: give it one of them");
  }

  @Test
  void duplicateVolumeNamesAreRefused() {
    assertThatThrownBy(() -> Volumes.prepare(List.of(emptyDir("v"), emptyDir("v")), temp))
        .hasMessage("volume 'v' is declared twice");
  }

  @Test
  void aMountOfAnUnknownVolumeOrWithoutPathIsRefused() {
    try (Volumes v = Volumes.prepare(List.of(emptyDir("a")), temp)) {
      assertThatThrownBy(
              () ->
                  v.preopens(
                      List.of(VolumeMount.newBuilder().setName("b").setMountPath("/b").build()),
                      "service 'service'"))
          .hasMessage(
              "service 'service' mounts volume 'b', which the workload does not declare (volumes: a)");
      assertThatThrownBy(
              () ->
                  v.preopens(
                      List.of(VolumeMount.newBuilder().setName("a").build()), "component 'c'"))
          .hasMessage("component 'c' mounts volume 'a' without a mountPath");
    }
    try (Volumes none = Volumes.none()) {
      assertThatThrownBy(
              () ->
                  none.preopens(
                      List.of(VolumeMount.newBuilder().setName("b").setMountPath("/b").build()),
                      "component 'c'"))
          .hasMessage(
              "component 'c' mounts volume 'b', which the workload does not declare (it declares no"
                  + " volumes)");
    }
  }
}
