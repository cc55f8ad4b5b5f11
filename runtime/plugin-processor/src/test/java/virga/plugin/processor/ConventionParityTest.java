package virga.plugin.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import virga.plugin.Wit;
import virga.plugin.bind.TypedBindings;

/**
 * The processor and registration agree: for one implementation of {@code wit/shop.wit} (records,
 * variants, enums, flags, options, results, lists, tuples, a resource) and each of many ways to get
 * it wrong, the compile errors are exactly the lines {@link TypedBindings#implement} throws for the
 * same class, compiled without the processor and registered.
 */
class ConventionParityTest {
  static final String SHOP_WIT = Wit.resource(ConventionParityTest.class, "/wit/shop.wit");
  static final String ORDERS = "test:shop/orders@1.0.0";
  private static final String P = ORDERS + ": no method ";

  /** A fitting implementation; every case below changes one thing in it. */
  static final String TEMPLATE =
      """
      package shop;

      import java.util.List;
      import java.util.Map;
      import java.util.Optional;
      import java.util.Set;
      import virga.plugin.Result;
      import virga.plugin.WitImplementation;

      @WitImplementation(value = "test:shop/orders@1.0.0", wit = "/wit/shop.wit")
      public class Orders {
        public record Item(String sku, long quantity, List<String> tags, Optional<Long> priceCents) {}

        public sealed interface Payment {
          record Card(String number) implements Payment {}

          record Voucher(Item item) implements Payment {}

          record Cash() implements Payment {}
        }

        public enum Status {
          OPEN,
          PAID,
          NOT_FOUND
        }

        // in another order than the WIT's labels: matching goes by name
        public enum Option {
          EXPRESS,
          GIFT_WRAP
        }

        public sealed interface Error {
          record NotFound() implements Error {}

          record Upstream(String message) implements Error {}
        }

        public static final class Cart {}

        public Cart newCart(String owner) {
          return new Cart();
        }

        public Result<Long, Error> cartAdd(Cart self, Item item) {
          return Result.ok(1L);
        }

        public List<Item> cartItems(Cart self) {
          return List.of();
        }

        public static Result<Status, Error> cartCheckout(Cart c, Payment pay) {
          return Result.ok(Status.PAID);
        }

        public Optional<Item> find(Long id) {
          return Optional.empty();
        }

        public Result<Status, Error> statusOf(long id) {
          return Result.ok(Status.OPEN);
        }

        public void setOptions(long id, Set<Option> o) {}

        public List<Map.Entry<String, Long>> totals() {
          return List.of();
        }

        public List<Object> summary(long id) {
          return List.of();
        }

        public byte[] bytes(byte[] data) {
          return new byte[0];
        }

        public long size(Cart c) {
          return 0;
        }

        public Result<Void, Void> clear() {
          return Result.ok();
        }

        public void ping() {}
      }
      """;

  /** One way to write the class: replacements in the template and the error lines it gives. */
  record Case(String name, Map<String, String> edits, List<String> lines) {
    Case(String name, String from, String to, List<String> lines) {
      this(name, from.isEmpty() ? Map.of() : Map.of(from, to), lines);
    }

    String source() {
      String s = TEMPLATE;
      for (Map.Entry<String, String> e : edits.entrySet()) {
        if (!s.contains(e.getKey())) {
          throw new IllegalArgumentException(name + ": the template has no " + e.getKey());
        }
        s = s.replace(e.getKey(), e.getValue());
      }
      return s.replace("public class Orders", "public class " + name);
    }
  }

  private static final String ITEM_IN_CART_ADD =
      P
          + "cartAdd(Cart,Item): Result<Long,Error> for [method]cart.add; found"
          + " cartAdd(Cart,Item): Result<Long,Error>: parameter item: ";
  private static final String ITEM_IN_CART_ITEMS =
      P + "cartItems(Cart): List<Item> for [method]cart.items; found cartItems(Cart): List<Item>:";
  private static final String CHECKOUT =
      P
          + "cartCheckout(Cart,Payment): Result<Status,Error> for [static]cart.checkout; found"
          + " cartCheckout(Cart,Payment): Result<Status,Error>: ";
  private static final String FIND =
      P + "find(long): Optional<Item> for find; found find(Long): Optional<Item>: result: ";

  static final List<Case> CASES =
      List.of(
          new Case("Fits", "", "", List.of()),
          // ping comes from the superclass
          new Case(
              "Inherits",
              Map.of(
                  "public class Orders {",
                  "public class Orders extends Base {",
                  "  public void ping() {}\n",
                  ""),
              List.of()),
          new Case(
              "MissingMethod",
              "  public void ping() {}\n",
              "",
              List.of(P + "ping(): void for ping")),
          new Case(
              "WrongParameter",
              "find(Long id)",
              "find(int id)",
              List.of(
                  P
                      + "find(long): Optional<Item> for find; found find(int): Optional<Item>:"
                      + " parameter id: expected long, found int")),
          new Case(
              "WrongResult",
              "public Result<Status, Error> statusOf",
              "public Result<Status, String> statusOf",
              List.of(
                  P
                      + "statusOf(long): Result<Status,Error> for status-of; found"
                      + " statusOf(long): Result<Status,String>: result: expected Error, found"
                      + " String")),
          new Case(
              "Arity",
              "find(Long id)",
              "find(long id, int limit)",
              List.of(
                  P
                      + "find(long): Optional<Item> for find; found find(long,int):"
                      + " Optional<Item>: takes 2 parameters, the WIT function 1")),
          new Case(
              "RecordComponentName",
              "long quantity,",
              "long qty,",
              List.of(
                  ITEM_IN_CART_ADD + "record Item: component 2 is `qty`, expected `quantity`",
                  ITEM_IN_CART_ITEMS
                      + " result: record Item: component 2 is `qty`, expected `quantity`",
                  CHECKOUT
                      + "parameter pay: variant Payment.Voucher: record Item: component 2 is"
                      + " `qty`, expected `quantity`",
                  FIND + "record Item: component 2 is `qty`, expected `quantity`")),
          new Case(
              "RecordComponentType",
              "Optional<Long> priceCents",
              "Optional<Integer> priceCents",
              List.of(
                  ITEM_IN_CART_ADD + "record Item.priceCents: expected Long, found Integer",
                  ITEM_IN_CART_ITEMS
                      + " result: record Item.priceCents: expected Long, found Integer",
                  CHECKOUT
                      + "parameter pay: variant Payment.Voucher: record Item.priceCents:"
                      + " expected Long, found Integer",
                  FIND + "record Item.priceCents: expected Long, found Integer")),
          new Case(
              "RecordComponentCount",
              "Optional<Long> priceCents) {}",
              "Optional<Long> priceCents, int extra) {}",
              List.of(
                  ITEM_IN_CART_ADD + "record Item has 5 components, the WIT record 4",
                  ITEM_IN_CART_ITEMS + " result: record Item has 5 components, the WIT record 4",
                  CHECKOUT
                      + "parameter pay: variant Payment.Voucher: record Item has 5 components,"
                      + " the WIT record 4",
                  FIND + "record Item has 5 components, the WIT record 4")),
          new Case(
              "VariantMissingCase",
              "    record Cash() implements Payment {}\n",
              "",
              List.of(
                  CHECKOUT
                      + "parameter pay: variant Payment permits no record Cash for case cash")),
          new Case(
              "VariantExtraCase",
              "record Cash() implements Payment {}",
              "record Cash() implements Payment {}\n\n    record Cheque(String number) implements"
                  + " Payment {}",
              List.of(
                  CHECKOUT
                      + "parameter pay: variant Payment permits [Cheque], which are no cases")),
          new Case(
              "VariantPayloadCount",
              "record Cash()",
              "record Cash(long amount)",
              List.of(
                  CHECKOUT
                      + "parameter pay: variant Payment: record Cash has 1 components, expected"
                      + " 0")),
          new Case(
              "VariantPayloadType",
              "record Card(String number)",
              "record Card(byte[] number)",
              List.of(
                  CHECKOUT + "parameter pay: variant Payment.Card: expected String, found byte[]")),
          new Case(
              "VariantNotSealed",
              "public sealed interface Payment",
              "public interface Payment",
              List.of(CHECKOUT + "parameter pay: expected Payment, found Payment")),
          new Case(
              "EnumLabels",
              "NOT_FOUND\n  }\n\n  // in another",
              "MISSING\n  }\n\n  // in another",
              List.of(
                  CHECKOUT
                      + "result: enum Status lacks [NOT_FOUND] and has [MISSING] beyond the WIT",
                  P
                      + "statusOf(long): Result<Status,Error> for status-of; found"
                      + " statusOf(long): Result<Status,Error>: result: enum Status lacks"
                      + " [NOT_FOUND] and has [MISSING] beyond the WIT")),
          new Case(
              "FlagsAsList",
              "Set<Option> o",
              "List<Option> o",
              List.of(
                  P
                      + "setOptions(long,Set<Options>): void for set-options; found"
                      + " setOptions(long,List<Option>): void: parameter o: expected"
                      + " Set<Options>, found List<Option>")),
          new Case(
              "FlagsOfStrings",
              "Set<Option> o",
              "Set<String> o",
              List.of(
                  P
                      + "setOptions(long,Set<Options>): void for set-options; found"
                      + " setOptions(long,Set<String>): void: parameter o: expected"
                      + " Set<Options>, found Set<String>")),
          new Case(
              "FlagsLabels",
              "    EXPRESS,\n",
              "",
              List.of(
                  P
                      + "setOptions(long,Set<Options>): void for set-options; found"
                      + " setOptions(long,Set<Option>): void: parameter o: enum Option lacks"
                      + " [EXPRESS]")),
          new Case(
              "PairType",
              "List<Map.Entry<String, Long>> totals",
              "List<Map.Entry<String, Integer>> totals",
              List.of(
                  P
                      + "totals(): List<Map.Entry<String,Long>> for totals; found totals():"
                      + " List<Map.Entry<String,Integer>>: result: expected Long, found"
                      + " Integer")),
          new Case(
              "LongTupleOfStrings",
              "List<Object> summary",
              "List<String> summary",
              List.of(
                  P
                      + "summary(long): List<Object> for summary; found summary(long):"
                      + " List<String>: result: expected List<Object>, found List<String>")),
          new Case(
              "BytesAsList",
              "bytes(byte[] data)",
              "bytes(List<Byte> data)",
              List.of(
                  P
                      + "bytes(byte[]): byte[] for bytes; found bytes(List<Byte>): byte[]:"
                      + " parameter data: expected byte[], found List<Byte>")),
          new Case(
              "GenericResource",
              "size(Cart c)",
              "size(List<Cart> c)",
              List.of(
                  P
                      + "size(Cart): long for size; found size(List<Cart>): long: parameter c:"
                      + " expected Cart, found List<Cart>")),
          new Case(
              "PrimitiveResource",
              "size(Cart c)",
              "size(long c)",
              List.of(
                  P
                      + "size(Cart): long for size; found size(long): long: parameter c:"
                      + " expected Cart, found long")),
          new Case(
              "VoidReturnsAValue",
              "public void ping() {}",
              "public String ping() {\n    return \"\";\n  }",
              List.of(
                  P
                      + "ping(): void for ping; found ping(): String: returns String, expected void")),
          new Case(
              "UnderscoreSide",
              "Result<Void, Void> clear",
              "Result<Void, String> clear",
              List.of(
                  P
                      + "clear(): Result<Void,Void> for clear; found clear():"
                      + " Result<Void,String>: result: expected Void for `_`, found String")),
          new Case(
              "Wildcard",
              "public List<Item> cartItems",
              "public List<? extends Item> cartItems",
              List.of(
                  P
                      + "cartItems(Cart): List<Item> for [method]cart.items; found"
                      + " cartItems(Cart): List<? extends Item>: result: expected Item, found ?"
                      + " extends Item")),
          new Case(
              "RawList",
              "public List<Item> cartItems",
              "@SuppressWarnings(\"rawtypes\")\n  public List cartItems",
              List.of(
                  P
                      + "cartItems(Cart): List<Item> for [method]cart.items; found"
                      + " cartItems(Cart): List: result: expected List<Item>, found List")));

  private static final String BASE =
      """
      package shop;

      public class Base {
        public void ping() {}
      }
      """;

  @TempDir static Path dir;
  private static Javac.Outcome processed;
  private static URLClassLoader loader;

  /** Every case in one compilation with the processor and one without, which makes the classes. */
  @BeforeAll
  static void compileEveryCase() throws Exception {
    Javac withProcessor = new Javac(dir.resolve("processed")).resource("wit/shop.wit", SHOP_WIT);
    Javac plain = new Javac(dir.resolve("plain"));
    for (Javac j : List.of(withProcessor, plain)) {
      j.source("shop/Base.java", BASE);
      for (Case c : CASES) {
        j.source("shop/" + c.name() + ".java", c.source());
      }
    }
    processed = withProcessor.compile();
    Javac.Outcome compiled = plain.compile(false);
    assertThat(compiled.diagnostics()).isEmpty();
    loader =
        new URLClassLoader(
            new URL[] {plain.classes().toUri().toURL()},
            ConventionParityTest.class.getClassLoader());
  }

  /** The lines registration throws for case {@code c}'s class; empty when it registers. */
  private static List<String> registrationLines(Case c) throws Exception {
    Object impl = loader.loadClass("shop." + c.name()).getConstructor().newInstance();
    TypedBindings bindings = new TypedBindings(List.of(SHOP_WIT), List.of());
    try {
      bindings.implement(ORDERS, impl);
      return List.of();
    } catch (IllegalArgumentException e) {
      return List.of(e.getMessage().split("\n"));
    }
  }

  @Test
  void everyCaseFailsTheBuildWithItsLinesExactly() {
    Map<String, List<String>> expected = new LinkedHashMap<>();
    Map<String, List<String>> actual = new LinkedHashMap<>();
    for (Case c : CASES) {
      expected.put(c.name(), c.lines());
      actual.put(c.name(), processed.errors(c.name() + ".java"));
    }
    assertThat(actual).containsExactlyEntriesOf(expected);
    int lines = CASES.stream().mapToInt(c -> c.lines().size()).sum();
    assertThat(processed.errors()).hasSize(lines);
  }

  @Test
  void registrationThrowsTheSameLinesForTheSameClasses() throws Exception {
    Map<String, List<String>> atRegistration = new LinkedHashMap<>();
    Map<String, List<String>> atCompile = new LinkedHashMap<>();
    for (Case c : CASES) {
      atRegistration.put(c.name(), registrationLines(c));
      atCompile.put(c.name(), processed.errors(c.name() + ".java"));
    }
    assertThat(atCompile).containsExactlyEntriesOf(atRegistration);
  }

  @Test
  void theFittingClassesRegister() throws Exception {
    for (String name : List.of("Fits", "Inherits")) {
      Object impl = loader.loadClass("shop." + name).getConstructor().newInstance();
      TypedBindings bindings = new TypedBindings(List.of(SHOP_WIT), List.of());
      bindings.implement(ORDERS, impl);
      assertThat(bindings.interfaces()).containsExactly(ORDERS);
    }
  }
}
