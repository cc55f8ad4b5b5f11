package virga.component.runtime;

/** A type index space that type definitions resolve against, with its enclosing spaces. */
interface TypeEnv {
  /** Entry {@code index} of this type index space. */
  ExternType type(int index);

  /** The environment {@code count} levels out (0 = this one), for outer aliases. */
  TypeEnv outer(int count);

  /** The type of instance {@code index} of this scope, for export aliases inside types. */
  ExternType.Instance instanceType(int index);
}
