package virga.protocol.manifest;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads manifest files: a file, or every {@code .yaml}, {@code .yml} and {@code .json} file
 * directly in a directory, in name order (as {@code kubectl apply -f DIR}, without recursion).
 */
final class ManifestFiles {
  private ManifestFiles() {}

  /** The texts at {@code path}. */
  static List<ManifestText> read(Path path) throws ManifestException {
    if (!Files.exists(path)) {
      throw new ManifestException(path + ": no such file or directory: check the path");
    }
    List<Path> files = new ArrayList<>();
    if (Files.isDirectory(path)) {
      try (Stream<Path> list = Files.list(path)) {
        list.filter(ManifestFiles::isManifest).filter(Files::isRegularFile).forEach(files::add);
      } catch (IOException e) {
        throw new ManifestException(path + ": cannot list the directory: " + e);
      }
      files.sort(null);
      if (files.isEmpty()) {
        throw new ManifestException(
            path + ": no .yaml, .yml or .json file in this directory: add one or name the file");
      }
    } else {
      files.add(path);
    }
    List<ManifestText> out = new ArrayList<>();
    for (Path f : files) {
      out.add(new ManifestText(f.toString(), text(f)));
    }
    return out;
  }

  private static boolean isManifest(Path p) {
    String name = p.getFileName().toString();
    return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
  }

  private static String text(Path f) throws ManifestException {
    try {
      return Files.readString(f);
    } catch (NoSuchFileException e) {
      throw new ManifestException(f + ": no such file: check the path");
    } catch (CharacterCodingException e) {
      throw new ManifestException(f + ": not UTF-8 text: save the manifest as UTF-8");
    } catch (IOException e) {
      throw new ManifestException(f + ": cannot read: " + e);
    }
  }
}
