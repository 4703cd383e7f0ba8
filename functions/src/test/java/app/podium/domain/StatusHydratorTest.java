package app.podium.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which statuses a reader is shown, and what it costs: a page's reblogs cost one batch read of their originals. */
class StatusHydratorTest {
  static final Instant AT = Instant.parse("2026-11-25T12:00:00Z");

  final Map<String, Status> stored = new HashMap<>();
  final Map<String, Account> members = new HashMap<>();
  final Set<String> readerFollows = new java.util.HashSet<>();
  final List<String> calls = new ArrayList<>();

  @SuppressWarnings("unchecked")
  <T> T fake(Class<T> type) {
    return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
      calls.add(type.getSimpleName() + "." + method.getName());
      return switch (method.getName()) {
        case "findAll" -> ((Collection<String>) args[0]).stream()
            .map(id -> type == StatusStore.class ? stored.get(id) : members.get(id))
            .filter(java.util.Objects::nonNull).toList();
        case "followedBy" -> ((Collection<String>) args[1]).stream().filter(readerFollows::contains)
            .collect(java.util.stream.Collectors.toSet());
        default -> throw new UnsupportedOperationException(method.getName());
      };
    });
  }

  StatusHydrator hydrator() {
    return new StatusHydrator(fake(StatusStore.class), fake(AccountStore.class), fake(FollowStore.class));
  }

  Account member(String id) {
    Account account = Account.newMember(id, "m" + id, id + "@example.com", Account.Role.MEMBER, "en", AT,
        Optional.empty(), Optional.empty());
    members.put(id, account);
    return account;
  }

  Status status(String id, String authorId, Visibility visibility) {
    Status status = Status.plain(id, authorId, "text " + id, visibility, AT);
    stored.put(id, status);
    return status;
  }

  Status reblog(String id, String authorId, Status original) {
    Status reblog = new Status(id, authorId, "", "", false, Visibility.PUBLIC, Optional.empty(), Optional.empty(),
        "en", AT, Optional.of(original.id()), List.of(), List.of(), StatusCounts.NONE, 1);
    stored.put(id, reblog);
    return reblog;
  }

  @Test
  void aPageOfReblogsReadsItsOriginalsAndTheirAuthorsInOneBatchEach() {
    Account reader = member("1");
    List<Status> page = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      member("a" + i);
      member("r" + i);
      Status original = status("10" + i, "a" + i, Visibility.PUBLIC);
      page.add(reblog("20" + i, "r" + i, original));
    }

    List<AuthoredStatus> shown = hydrator().visible(Optional.of(reader), page);

    assertThat(shown).hasSize(20).allSatisfy(s -> {
      assertThat(s.reblog()).isPresent();
      assertThat(s.reblog().get().status().id()).isEqualTo(s.status().reblogOfId().orElseThrow());
      assertThat(s.reblog().get().author().id()).isEqualTo(s.reblog().get().status().authorId());
    });
    assertThat(calls).containsExactly("StatusStore.findAll", "AccountStore.findAll");
  }

  @Test
  void aReblogIsLeftOutWhenItsOriginalIsGoneHiddenPrivateOrByASuspendedOrHiddenAuthor() {
    Account reader = member("1");
    member("author");
    member("private_author");
    member("followed_private");
    readerFollows.add("followed_private");
    Account suspended = member("suspended");
    members.put("suspended", new Account(suspended.id(), suspended.username(), suspended.email(), "", "",
        Account.Role.MEMBER, "en", AT, Optional.empty(), Optional.empty(), 0, 0, 0, Optional.empty(), Optional.empty(),
        false, Set.of(), Optional.of(AT), 1));
    member("muted");
    member("r");
    Status gone = Status.plain("100", "author", "gone", Visibility.PUBLIC, AT);
    List<Status> page = List.of(
        reblog("201", "r", gone),
        reblog("202", "r", status("102", "private_author", Visibility.PRIVATE)),
        reblog("203", "r", status("103", "suspended", Visibility.PUBLIC)),
        reblog("204", "r", status("104", "muted", Visibility.PUBLIC)),
        reblog("205", "r", status("105", "followed_private", Visibility.PRIVATE)),
        reblog("206", "r", status("106", "author", Visibility.PUBLIC)),
        status("107", "author", Visibility.PUBLIC));

    List<AuthoredStatus> shown = hydrator().visible(Optional.of(reader), page, new HashMap<>(), new HashMap<>(),
        Set.of("muted"));

    assertThat(shown).extracting(s -> s.status().id()).containsExactly("205", "206", "107");
    assertThat(hydrator().visible(Optional.empty(), page)).as("anonymous: no private original")
        .extracting(s -> s.status().id()).containsExactly("204", "206", "107");
  }

  @Test
  void aReblogShowsOnceOnAHomePageAndNotOverItsOriginal() {
    Account reader = member("1");
    member("author");
    member("r1");
    member("r2");
    Status original = status("100", "author", Visibility.PUBLIC);
    Status other = status("101", "author", Visibility.PUBLIC);
    List<AuthoredStatus> page = hydrator().visible(Optional.of(reader), List.of(reblog("303", "r2", other),
        reblog("302", "r1", other), reblog("301", "r1", original), original));

    assertThat(TimelineService.withoutRepeats(page)).extracting(s -> s.status().id()).containsExactly("303", "100");
  }
}
