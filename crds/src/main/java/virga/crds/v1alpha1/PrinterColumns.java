package virga.crds.v1alpha1;

/** JSON paths shared by the printer columns of several kinds. */
final class PrinterColumns {

  static final String READY_PATH = ".status.conditions[?(@.type==\"Ready\")].status";
  static final String AGE_PATH = ".metadata.creationTimestamp";

  private PrinterColumns() {}
}
