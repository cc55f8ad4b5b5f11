package virga.component.badinput;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Runs fuzz inputs through targets on a worker thread with a per-case timeout, and classifies the
 * outcome: accepted, rejected with a documented exception, or a failure (hang, JVM error,
 * undocumented exception), which is kept with everything needed to reproduce it.
 */
final class FuzzRunner {
  static final long PER_CASE_MILLIS = 5_000;
  static final Path FAILURES = Path.of("target/fuzz-failures");

  /** A stage to feed inputs to, and the exception types it documents. */
  record Target(String name, Consumer<byte[]> run, List<Class<? extends Throwable>> documented) {}

  /** A failing input and how it failed. */
  record Failure(String target, int iteration, String origin, byte[] input, String outcome) {}

  private final long seed;
  private final List<Target> targets;
  private final Map<String, Failure> failures = new LinkedHashMap<>();
  private final Map<String, Integer> rejections = new LinkedHashMap<>();
  private ExecutorService worker = newWorker();
  private int accepted;
  private int rejected;

  FuzzRunner(long seed, List<Target> targets) {
    this.seed = seed;
    this.targets = List.copyOf(targets);
  }

  private static ExecutorService newWorker() {
    return Executors.newSingleThreadExecutor(
        r -> {
          Thread t = new Thread(r, "fuzz-case");
          t.setDaemon(true);
          return t;
        });
  }

  /** Feeds {@code input} to each target in turn, stopping at the first that rejects it. */
  void run(int iteration, String origin, byte[] input) {
    for (Target t : targets) {
      Future<Throwable> f =
          worker.submit(
              () -> {
                try {
                  t.run().accept(input);
                  return null;
                } catch (Throwable e) {
                  return e;
                }
              });
      Throwable thrown;
      try {
        thrown = f.get(PER_CASE_MILLIS, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        f.cancel(true);
        worker.shutdownNow();
        worker = newWorker();
        fail(
            t,
            iteration,
            origin,
            input,
            "hang: no result after " + PER_CASE_MILLIS + " ms",
            "hang");
        return;
      } catch (InterruptedException | ExecutionException e) {
        throw new IllegalStateException(e);
      }
      if (thrown == null) {
        continue;
      }
      if (t.documented().stream().anyMatch(c -> c.isInstance(thrown))) {
        rejected++;
        rejections.merge(t.name() + ": " + thrown.getClass().getSimpleName(), 1, Integer::sum);
        return;
      }
      fail(t, iteration, origin, input, stackTrace(thrown), signature(thrown));
      return;
    }
    accepted++;
  }

  private void fail(
      Target t, int iteration, String origin, byte[] input, String outcome, String signature) {
    failures.putIfAbsent(
        t.name() + " " + signature, new Failure(t.name(), iteration, origin, input, outcome));
  }

  /** The exception type and the innermost engine frame: one entry per distinct bug. */
  private static String signature(Throwable t) {
    for (StackTraceElement e : t.getStackTrace()) {
      if (e.getClassName().startsWith("virga.component.")
          && !e.getClassName().startsWith("virga.component.badinput.")) {
        return t.getClass().getName() + " at " + e;
      }
    }
    StackTraceElement[] st = t.getStackTrace();
    return t.getClass().getName() + (st.length > 0 ? " at " + st[0] : "");
  }

  private static String stackTrace(Throwable t) {
    StringWriter w = new StringWriter();
    t.printStackTrace(new PrintWriter(w));
    String s = w.toString();
    return s.length() > 4000 ? s.substring(0, 4000) + "\n\t..." : s;
  }

  List<Failure> failures() {
    return new ArrayList<>(failures.values());
  }

  int accepted() {
    return accepted;
  }

  int rejected() {
    return rejected;
  }

  String stats() {
    return accepted
        + " accepted, "
        + rejected
        + " rejected "
        + rejections
        + ", "
        + failures.size()
        + " failures";
  }

  /** Every failure with seed, iteration, mutations, stack trace and input (hex, or a file). */
  String report() {
    StringBuilder sb = new StringBuilder();
    for (Failure f : failures.values()) {
      sb.append(
          String.format(
              "%n[%s] seed %#x iteration %d, from %s%n%s%n",
              f.target(), seed, f.iteration(), f.origin(), f.outcome()));
      Path file = FAILURES.resolve(String.format("%x-%d.wasm", seed, f.iteration()));
      try {
        Files.createDirectories(FAILURES);
        Files.write(file, f.input());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      sb.append("input (").append(f.input().length).append(" bytes, saved to ").append(file);
      sb.append(f.input().length <= 2048 ? "): " + Mutator.hex(f.input()) : ")").append('\n');
    }
    return sb.toString();
  }

  void close() {
    worker.shutdownNow();
  }
}
