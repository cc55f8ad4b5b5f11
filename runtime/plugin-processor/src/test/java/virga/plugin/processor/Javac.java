package virga.plugin.processor;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import virga.plugin.Result;

/**
 * The system Java compiler on files under one directory: Java sources, resources in the class
 * output (where Maven copies {@code src/main/resources}), a source-path and a class-path directory.
 * Compiles with {@link WitImplementationProcessor} or without any processor.
 */
final class Javac {
  private final Path src;
  private final Path classes;
  private final Path sourcePath;
  private final Path classPath;
  private final List<Path> sources = new ArrayList<>();

  Javac(Path dir) {
    src = dir.resolve("src");
    classes = dir.resolve("classes");
    sourcePath = dir.resolve("sourcepath");
    classPath = dir.resolve("classpath");
    for (Path d : List.of(src, classes, sourcePath, classPath)) {
      mkdirs(d);
    }
  }

  /** A source file, {@code shop/Orders.java}. */
  Javac source(String path, String text) {
    sources.add(write(src, path, text));
    return this;
  }

  /** A resource already in the class output, {@code wit/x.wit}. */
  Javac resource(String path, String text) {
    write(classes, path, text);
    return this;
  }

  /** A file in the source path. */
  Javac sourcePathFile(String path, String text) {
    write(sourcePath, path, text);
    return this;
  }

  /** A file in a class-path directory (a dependency's jar, as far as javac cares). */
  Javac classPathFile(String path, String text) {
    write(classPath, path, text);
    return this;
  }

  /** What one compilation said. */
  record Outcome(boolean success, List<Diagnostic<? extends JavaFileObject>> diagnostics) {
    /** The error messages, in the order reported. */
    List<String> errors() {
      return diagnostics.stream()
          .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
          .map(d -> d.getMessage(Locale.ROOT))
          .toList();
    }

    /** The errors of source file {@code name} ({@code Orders.java}). */
    List<String> errors(String name) {
      return diagnostics.stream()
          .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
          .filter(d -> d.getSource() != null && d.getSource().getName().endsWith("/" + name))
          .map(d -> d.getMessage(Locale.ROOT))
          .toList();
    }

    /** The single diagnostic whose message is {@code message}. */
    Diagnostic<? extends JavaFileObject> diagnostic(String message) {
      List<Diagnostic<? extends JavaFileObject>> found =
          diagnostics.stream().filter(d -> d.getMessage(Locale.ROOT).equals(message)).toList();
      if (found.size() != 1) {
        throw new AssertionError(found.size() + " diagnostics say " + message + ": " + diagnostics);
      }
      return found.get(0);
    }
  }

  /** Compiles with the processor. */
  Outcome compile() {
    return compile(true);
  }

  /** Compiles with the processor, or with none ({@code -proc:none}). */
  Outcome compile(boolean process) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files =
        javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      List<String> options =
          new ArrayList<>(
              List.of(
                  "-d",
                  classes.toString(),
                  "-classpath",
                  pluginApi() + File.pathSeparator + classPath,
                  "-sourcepath",
                  sourcePath.toString(),
                  "-Xlint:all,-processing",
                  "--release",
                  "17"));
      if (!process) {
        options.add("-proc:none");
      }
      JavaCompiler.CompilationTask task =
          javac.getTask(
              null, files, diagnostics, options, null, files.getJavaFileObjectsFromPaths(sources));
      if (process) {
        task.setProcessors(List.of(new WitImplementationProcessor()));
      }
      boolean ok = task.call();
      return new Outcome(ok, List.copyOf(diagnostics.getDiagnostics()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The class output directory. */
  Path classes() {
    return classes;
  }

  /** Where {@code virga.plugin} comes from in this JVM: a jar or a classes directory. */
  private static String pluginApi() {
    try {
      return Path.of(Result.class.getProtectionDomain().getCodeSource().getLocation().toURI())
          .toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Path write(Path dir, String path, String text) {
    Path p = dir.resolve(path);
    mkdirs(p.getParent());
    try {
      return Files.writeString(p, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void mkdirs(Path d) {
    try {
      Files.createDirectories(d);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
