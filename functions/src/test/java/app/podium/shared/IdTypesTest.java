package app.podium.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The id types parse at the edge: an id as ids look is kept as it is, anything else is a 404. */
class IdTypesTest {
  private static final List<Function<String, Object>> PARSERS =
      List.of(AccountId::parse, StatusId::parse, ReportId::parse, NotificationId::parse);

  @Test
  void anIdAsIdsLookIsKeptAsItIs() {
    for (String id : List.of("1", "0", "117677406555700462", Long.toString(Long.MAX_VALUE))) {
      assertThat(AccountId.parse(id).value()).isEqualTo(id);
      assertThat(StatusId.parse(id).value()).isEqualTo(id);
      assertThat(ReportId.parse(id).value()).isEqualTo(id);
      assertThat(NotificationId.parse(id).value()).isEqualTo(Long.parseLong(id));
      assertThat(StatusId.parse(id)).hasToString(id).isEqualTo(new StatusId(id));
    }
  }

  @Test
  void anythingElseNamesNothing() {
    char[] twenty = new char[20];
    Arrays.fill(twenty, '1');
    for (String bad :
        Arrays.asList(
            null,
            "",
            " 1",
            "1 ",
            "-1",
            "+1",
            "1e3",
            "0x1F",
            "abc",
            "12a",
            "9223372036854775808",
            "9999999999999999999",
            new String(twenty))) {
      for (Function<String, Object> parse : PARSERS) {
        assertThatThrownBy(() -> parse.apply(bad))
            .as("%s", bad)
            .isInstanceOfSatisfying(
                DomainException.NotFound.class,
                e -> assertThat(e.getMessage()).isEqualTo("Record not found"));
      }
    }
  }
}
