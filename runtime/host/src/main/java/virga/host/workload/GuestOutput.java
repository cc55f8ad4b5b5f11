package virga.host.workload;

import java.io.OutputStream;

/**
 * Where the guests' stdout and stderr go, per workload item. The host flushes the streams but never
 * closes them.
 */
public interface GuestOutput {
  /** The JVM's {@code System.out} and {@code System.err}. */
  GuestOutput INHERIT =
      new GuestOutput() {
        @Override
        public OutputStream stdout(String workloadName, String itemName) {
          return System.out;
        }

        @Override
        public OutputStream stderr(String workloadName, String itemName) {
          return System.err;
        }
      };

  /** Discards everything. */
  GuestOutput DISCARD =
      new GuestOutput() {
        @Override
        public OutputStream stdout(String workloadName, String itemName) {
          return OutputStream.nullOutputStream();
        }

        @Override
        public OutputStream stderr(String workloadName, String itemName) {
          return OutputStream.nullOutputStream();
        }
      };

  /** The stdout of item {@code itemName} of workload {@code workloadName}. */
  OutputStream stdout(String workloadName, String itemName);

  /** The stderr of item {@code itemName} of workload {@code workloadName}. */
  OutputStream stderr(String workloadName, String itemName);
}
