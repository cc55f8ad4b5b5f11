package virga.plugin;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the Java class that serves WIT interface {@link #value()}, so the build checks it against
 * the WIT.
 *
 * <p>{@link HostBindings#implement} checks an implementation when the host binds it: a method that
 * is missing or does not match the WIT fails the workload's start. This annotation moves that check
 * to compile time. The annotation processor of {@code virga:virga-plugin-processor} reads the WIT
 * from the module's resources. It checks every function of the interface against the public methods
 * of the annotated class (or interface), with the convention of {@link
 * virga.plugin.bind.TypedBindings}. Each missing or mismatched function is a compile error on the
 * class, or on the method when one of that name exists. The error has the same text as the line
 * that registration would throw:
 *
 * <pre>{@code
 * error: example:ratelimit/limiter: no method tryAcquire(String,long): boolean for try-acquire;
 *   found tryAcquire(String,int): boolean: parameter tokens: expected long, found int
 * }</pre>
 *
 * <p>Use:
 *
 * <pre>{@code
 * @WitImplementation(value = "example:ratelimit/limiter", wit = "/wit/ratelimit.wit")
 * public final class Limiter {
 *   public boolean tryAcquire(String key, long tokens) { ... }
 * }
 * }</pre>
 *
 * <p>and run the processor in the plugin's {@code pom.xml}: a {@code provided} dependency on {@code
 * virga-plugin-processor} (javac finds the processor on the class path), plus the same artifact
 * under {@code maven-compiler-plugin}'s {@code annotationProcessorPaths}, which JDK 23 and later
 * need because they no longer run processors found on the class path:
 *
 * <pre>{@code
 * <dependency>
 *   <groupId>virga</groupId>
 *   <artifactId>virga-plugin-processor</artifactId>
 *   <scope>provided</scope>
 * </dependency>
 * ...
 * <plugin>
 *   <artifactId>maven-compiler-plugin</artifactId>
 *   <configuration>
 *     <annotationProcessorPaths>
 *       <path>
 *         <groupId>virga</groupId>
 *         <artifactId>virga-plugin-processor</artifactId>
 *         <version>${virga.version}</version>
 *       </path>
 *     </annotationProcessorPaths>
 *   </configuration>
 * </plugin>
 * }</pre>
 *
 * <p>The processor looks for each WIT path in the class output first. Maven copies {@code
 * src/main/resources} there before it compiles. Then it looks in the source path, then in the class
 * path, where a dependency's jar can supply WIT that the plugin's WIT {@code use}s. The check at
 * registration stays: the host checks the object it is actually given, against the WIT that the
 * plugin's {@link HostPlugin#wit()} returns at run time.
 *
 * <p>Maven compiles, and so checks, only when a source file has changed. After you edit only the
 * WIT, run {@code mvn clean install} to check again.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
@Repeatable(WitImplementation.List.class)
public @interface WitImplementation {
  /**
   * The interface served, as given to {@link HostBindings#implement}: {@code ns:pkg/iface} with an
   * optional {@code @version}, which must be the version the WIT declares.
   */
  String value();

  /**
   * The WIT documents (one package each) that declare the interface: class-path resource paths as
   * {@link Wit#resource} reads them. {@code /wit/ratelimit.wit} is absolute. A path without a
   * leading {@code /} is relative to the annotated class's package.
   */
  String[] wit();

  /**
   * WIT packages that those documents {@code use} (for example the host's vendored WASI WIT), as
   * class-path resource paths. The processor resolves them as {@link
   * virga.plugin.bind.TypedBindings#TypedBindings(java.util.List, java.util.List)} does.
   */
  String[] dependencyWit() default {};

  /** Several {@link WitImplementation}s on one class: it serves each of their interfaces. */
  @Documented
  @Retention(RetentionPolicy.CLASS)
  @Target(ElementType.TYPE)
  @interface List {
    /** The interfaces served. */
    WitImplementation[] value();
  }
}
