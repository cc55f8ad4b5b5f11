package virga.operator.conditions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class StatusPatchTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(String s) throws Exception {
    return JSON.readTree(s.replace('\'', '"'));
  }

  @Test
  void onlyChangedMembersAreSentAndRemovedOnesAreNull() throws Exception {
    JsonNode patch =
        StatusPatch.diff(
            json("{'a':1,'b':{'x':1,'y':2},'c':[1,2],'gone':'v'}"),
            json("{'a':1,'b':{'x':1,'y':3},'c':[1,2,3],'new':true}"));
    assertThat(patch).isEqualTo(json("{'b':{'y':3},'c':[1,2,3],'new':true,'gone':null}"));
  }

  @Test
  void noChangeIsAnEmptyPatchAndAMissingBeforeSendsEverything() throws Exception {
    assertThat(StatusPatch.diff(json("{'a':{'b':1}}"), json("{'a':{'b':1}}")).size()).isZero();
    assertThat(StatusPatch.diff(null, json("{'a':1}"))).isEqualTo(json("{'a':1}"));
    assertThat(StatusPatch.diff(StatusPatch.snapshot(null), json("{'a':1}")))
        .isEqualTo(json("{'a':1}"));
  }

  @Test
  void theJsonPatchDescendsIntoExistingObjectsAndAddsOrRemovesTheRest() throws Exception {
    JsonNode before = json("{'a':1,'b':{'x':1,'y':2},'gone':'v'}");
    JsonNode merge = StatusPatch.diff(before, json("{'a':1,'b':{'x':1,'y/z':3},'c':[1]}"));
    assertThat(StatusPatch.jsonPatch(before, merge, "/status"))
        .isEqualTo(
            json(
                "[{'op':'add','path':'/status/b/y~1z','value':3},"
                    + "{'op':'remove','path':'/status/b/y'},"
                    + "{'op':'add','path':'/status/c','value':[1]},"
                    + "{'op':'remove','path':'/status/gone'}]"));
    assertThat(StatusPatch.jsonPatch(StatusPatch.snapshot(null), json("{'a':1}"), "/status"))
        .isEqualTo(json("[{'op':'add','path':'/status','value':{'a':1}}]"));
  }
}
