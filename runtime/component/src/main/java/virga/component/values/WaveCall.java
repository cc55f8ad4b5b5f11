package virga.component.values;

import java.util.ArrayList;
import java.util.List;
import virga.component.types.ValType;

/**
 * A parsed call expression such as {@code greet("world", 3)} (the form {@code wasmtime run
 * --invoke} takes): the function name and the WAVE text of each argument.
 */
public record WaveCall(String name, List<String> args) {
  public WaveCall {
    args = List.copyOf(args);
  }

  /**
   * Parses the arguments against the parameter types. Missing trailing arguments of option type
   * default to {@code none}, as in wasm-wave.
   *
   * @throws WaveException when an argument does not parse or fit, or the count is wrong
   */
  public List<Value> values(List<ValType> paramTypes) {
    if (args.size() > paramTypes.size()) {
      throw new WaveException(
          "invalid params: more param(s) than expected (" + paramTypes.size() + ")", 0);
    }
    List<Value> out = new ArrayList<>();
    for (int i = 0; i < paramTypes.size(); i++) {
      ValType t = paramTypes.get(i);
      if (i < args.size()) {
        out.add(Wave.parse(t, args.get(i)));
      } else if (t instanceof ValType.OptionType) {
        out.add(Value.none());
      } else {
        throw new WaveException("invalid params: missing required param(s)", 0);
      }
    }
    return out;
  }
}
