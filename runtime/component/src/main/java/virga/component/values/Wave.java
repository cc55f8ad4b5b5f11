package virga.component.values;

import java.util.ArrayList;
import java.util.List;
import virga.component.types.ValType;
import virga.component.values.WaveLexer.Tok;

/**
 * The WAVE text encoding of component values (bytecodealliance/wasm-tools {@code wasm-wave}), as
 * {@code wasmtime run --invoke} uses it: <code>"a&#92;u{1f389}"</code>, {@code 'c'}, {@code [1,
 * 2]}, {@code (1, "x")}, {@code {a: 1, b: "x"}}, {@code {read, write}}, {@code some(x)}, {@code
 * none}, {@code ok}, {@code err("x")}, {@code case(payload)}, {@code nan}, {@code -inf}. Parsing
 * needs the expected type, since the text alone does not say whether {@code {}} is flags or which
 * integer width {@code 5} has.
 */
public final class Wave {
  private Wave() {}

  /**
   * Prints {@code value} as WAVE.
   *
   * @throws ValueTypeException when the value does not match the type, or is a resource
   */
  public static String print(ValType type, Value value) {
    return WaveWriter.write(type, value);
  }

  /**
   * Parses WAVE text into a value of {@code type}.
   *
   * @throws WaveException naming the offset of the first problem
   */
  public static Value parse(ValType type, String text) {
    return new WaveReader(text).read(type, WaveParser.parseAll(text));
  }

  /**
   * Splits a call expression {@code name(arg, ...)} into the function name and the WAVE text of
   * each argument. The name is everything before the first {@code (}, trimmed (so {@code
   * wasi:cli/run@0.2.0#run()} works).
   *
   * @throws WaveException when the text is not a call expression
   */
  public static WaveCall parseCall(String text) {
    int open = text.indexOf('(');
    if (open < 0) {
      throw new WaveException("expected '(' after the function name", text.length());
    }
    String name = text.substring(0, open).strip();
    if (name.isEmpty() || name.chars().anyMatch(Character::isWhitespace)) {
      throw new WaveException("invalid function name '" + name + "'", 0);
    }
    WaveParser p = new WaveParser(text, open + 1);
    List<WaveNode> nodes = p.commaSeparated(Tok.RPAREN);
    p.finish();
    List<String> args = new ArrayList<>();
    for (WaveNode n : nodes) {
      args.add(n.text(text));
    }
    return new WaveCall(name, args);
  }
}
