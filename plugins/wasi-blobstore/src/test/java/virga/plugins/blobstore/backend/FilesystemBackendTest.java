package virga.plugins.blobstore.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The filesystem backend never reaches outside its root, whatever names it is given. */
class FilesystemBackendTest {
  @TempDir Path dir;
  Path root;
  Path outside;
  FilesystemBackend fs;

  @BeforeEach
  void setUp() throws Exception {
    root = dir.resolve("root");
    outside = dir.resolve("outside");
    Files.createDirectories(outside);
    Files.writeString(outside.resolve("secret.txt"), "top secret");
    fs = new FilesystemBackend(root);
    fs.createContainer("c");
  }

  private static InputStream bytes(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void dotDotAndAbsoluteObjectNamesAreRefused() throws Exception {
    for (String name :
        new String[] {
          "..", "../x", "a/../../x", "/etc/passwd", "./x", "a//b", "a/", "a\\..\\x", "nul\0x"
        }) {
      assertThatThrownBy(() -> fs.write("c", name, bytes("x")))
          .as(name)
          .isInstanceOf(BlobException.class)
          .hasMessageStartingWith(
              "object name '" + name + "' is refused by the filesystem backend");
      assertThatThrownBy(() -> fs.read("c", name, 0, 10))
          .as(name)
          .isInstanceOf(BlobException.class);
      assertThatThrownBy(() -> fs.delete("c", name)).as(name).isInstanceOf(BlobException.class);
    }
    assertThat(Files.readString(outside.resolve("secret.txt"), StandardCharsets.UTF_8))
        .isEqualTo("top secret");
  }

  @Test
  void containerNamesThatCouldLeaveTheRootAreRefused() {
    for (String name : new String[] {"..", ".", "../outside", "/tmp", "a/b", ".tmp", ".hidden"}) {
      assertThatThrownBy(() -> fs.createContainer(name))
          .as(name)
          .isInstanceOf(BlobException.class)
          .hasMessage(
              "container name '"
                  + name
                  + "' is refused by the filesystem backend: it must be one path segment of at"
                  + " most 255 characters without '/', '\\' or NUL, not starting with '.'");
    }
    assertThatThrownBy(() -> fs.containerExists("..")).isInstanceOf(BlobException.class);
  }

  @Test
  void aSymlinkedContainerPointingOutsideIsRefused() throws Exception {
    Files.createSymbolicLink(root.resolve("escape"), outside);
    assertThat(fs.containerExists("escape")).isFalse();
    assertThatThrownBy(() -> fs.read("escape", "secret.txt", 0, 100))
        .isInstanceOf(BlobException.class)
        .hasMessage("container 'escape' is a symbolic link; the filesystem backend follows none");
    assertThatThrownBy(() -> fs.write("escape", "planted", bytes("x")))
        .isInstanceOf(BlobException.class);
    assertThatThrownBy(() -> fs.deleteContainer("escape")).isInstanceOf(BlobException.class);
    assertThat(outside.resolve("planted")).doesNotExist();
    assertThat(outside.resolve("secret.txt")).exists();
  }

  @Test
  void symlinksInsideAContainerAreNeitherReadNorWrittenThrough() throws Exception {
    Path c = root.resolve("c");
    Files.createSymbolicLink(c.resolve("link.txt"), outside.resolve("secret.txt"));
    Files.createSymbolicLink(c.resolve("dir"), outside);
    String msg =
        "in container 'c' goes through a symbolic link; the filesystem backend follows none";
    assertThatThrownBy(() -> fs.read("c", "link.txt", 0, 100)).hasMessageEndingWith(msg);
    assertThatThrownBy(() -> fs.read("c", "dir/secret.txt", 0, 100)).hasMessageEndingWith(msg);
    assertThatThrownBy(() -> fs.write("c", "dir/planted", bytes("x"))).hasMessageEndingWith(msg);
    assertThatThrownBy(() -> fs.write("c", "link.txt", bytes("x"))).hasMessageEndingWith(msg);
    assertThatThrownBy(() -> fs.stat("c", "link.txt")).hasMessageEndingWith(msg);
    assertThatThrownBy(() -> fs.exists("c", "link.txt")).hasMessageEndingWith(msg);
    assertThat(fs.list("c")).isEmpty();
    fs.clear("c");
    assertThat(outside.resolve("planted")).doesNotExist();
    assertThat(Files.readString(outside.resolve("secret.txt"))).isEqualTo("top secret");
  }

  @Test
  void objectsLandUnderTheRootWithNoTemporaryFilesLeft() throws Exception {
    fs.write("c", "a/b/c.txt", bytes("deep"));
    assertThat(Files.readString(root.resolve("c/a/b/c.txt"))).isEqualTo("deep");
    try (var tmp = Files.list(root.resolve(".tmp"))) {
      assertThat(tmp.toList()).isEmpty();
    }
    fs.delete("c", "a/b/c.txt");
    assertThat(root.resolve("c/a")).doesNotExist();
    assertThat(root.resolve("c")).isDirectory();
  }

  @Test
  void anObjectNameThatIsADirectoryOfOthersIsRefused() {
    fs.write("c", "a/b", bytes("x"));
    assertThatThrownBy(() -> fs.write("c", "a", bytes("y")))
        .hasMessage("object 'a' cannot be written: it is a prefix of other objects' names");
    assertThat(fs.exists("c", "a")).isFalse();
  }
}
