package virga.component.badinput;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Valid components to cut and mutate: the committed seeds plus the built guest fixtures. */
final class Seeds {
  static final Path SEEDS = Path.of("src/test/resources/badinput/seeds");
  static final Path GUESTS = Path.of("../../guests/wasm");

  /** A named seed. */
  record Seed(String name, byte[] bytes) {
    @Override
    public String toString() {
      return name;
    }
  }

  private Seeds() {}

  /** The committed seeds only (stable across machines). */
  static List<Seed> committed() {
    return load(SEEDS);
  }

  /** The committed seeds, then any guest fixtures that have been built. */
  static List<Seed> all() {
    List<Seed> out = new ArrayList<>(committed());
    if (Files.isDirectory(GUESTS)) {
      out.addAll(load(GUESTS));
    }
    return out;
  }

  private static List<Seed> load(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      List<Seed> out = new ArrayList<>();
      for (Path p : files.filter(f -> f.toString().endsWith(".wasm")).sorted().toList()) {
        out.add(new Seed(p.getFileName().toString(), Files.readAllBytes(p)));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
