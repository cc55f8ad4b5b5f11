package virga.component.types;

/**
 * A resource type. Equality is identity: every instantiation of a component that defines a resource
 * makes a fresh type, and every host resource registered with the linker is its own type.
 */
public final class ResourceType {
  private final String name;

  public ResourceType(String name) {
    this.name = name;
  }

  /** The resource's name as written in WIT, for messages and WIT printing. */
  public String name() {
    return name;
  }

  @Override
  public String toString() {
    return "resource " + name + "@" + Integer.toHexString(System.identityHashCode(this));
  }
}
