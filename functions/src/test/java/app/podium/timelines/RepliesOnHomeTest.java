package app.podium.timelines;

import static org.assertj.core.api.Assertions.assertThat;

import app.podium.shared.Visibility;
import app.podium.statuses.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RepliesOnHomeTest {
  static final String MEMBER = "10";

  static Status status(String id, String author, String answered) {
    Status plain = Status.plain(id, author, "text", Visibility.PUBLIC, Instant.EPOCH);
    return new Status(id, author, "text", "", false, Visibility.PUBLIC, Optional.ofNullable(answered).map(a -> "1"),
        Optional.ofNullable(answered), "en", Instant.EPOCH, Optional.empty(), List.of(), List.of(), plain.counts(), 1);
  }

  final List<Collection<String>> asked = new ArrayList<>();

  Set<String> following(Collection<String> ids, Set<String> followed) {
    asked.add(ids);
    return ids.stream().filter(followed::contains).collect(Collectors.toSet());
  }

  @Test
  void repliesToOthersStayOnlyWhereTheMemberFollowsWhomTheyAnswer() {
    List<Status> statuses = List.of(status("1", "2", null), status("2", "2", "2"), status("3", "2", "3"),
        status("4", "2", "4"), status("5", "2", MEMBER));

    List<Status> kept = RepliesOnHome.forMember(MEMBER, statuses, ids -> following(ids, Set.of("3")));

    // a plain status, a reply to oneself, a reply to someone followed, a reply to the member: all stay
    assertThat(kept).extracting(Status::id).containsExactly("1", "2", "3", "5");
    assertThat(asked).containsExactly(Set.of("3", "4"));
  }

  @Test
  void withoutRepliesToOthersNothingIsRead() {
    List<Status> statuses = List.of(status("1", "2", null), status("2", "2", "2"), status("5", "2", MEMBER));

    assertThat(RepliesOnHome.forMember(MEMBER, statuses, ids -> following(ids, Set.of()))).isEqualTo(statuses);
    assertThat(asked).isEmpty();
  }
}
