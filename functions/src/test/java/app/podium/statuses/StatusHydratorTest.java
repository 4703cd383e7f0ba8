package app.podium.statuses;

import static org.assertj.core.api.Assertions.assertThat;

import app.podium.accounts.Account;
import app.podium.accounts.AccountStore;
import app.podium.graph.BlockMuteStore;
import app.podium.graph.FollowStore;
import app.podium.shared.Visibility;
import app.podium.timelines.TimelineService;
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

/**
 * Which statuses a reader is shown (Mastodon's {@code StatusPolicy#show?}: suspended authors,
 * blocks, private statuses for followers and the members they address), and what it costs: one
 * batch read of each kind per page.
 */
class StatusHydratorTest {
  static final Instant AT = Instant.parse("2026-11-25T12:00:00Z");

  final Map<String, Status> stored = new HashMap<>();
  final Map<String, Account> members = new HashMap<>();
  final Set<String> readerFollows = new java.util.HashSet<>();

  /** Blocks as {@code owner>target}. */
  final Set<String> blocks = new java.util.HashSet<>();

  /**
   * The reads made, in the order they started; some run side by side, so a list that takes any
   * thread.
   */
  final List<String> calls = java.util.Collections.synchronizedList(new ArrayList<>());

  @SuppressWarnings("unchecked")
  <T> T fake(Class<T> type) {
    return (T)
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (proxy, method, args) -> {
              calls.add(type.getSimpleName() + "." + method.getName());
              return switch (method.getName()) {
                case "findAll" ->
                    ((Collection<String>) args[0])
                        .stream()
                            .map(id -> type == StatusStore.class ? stored.get(id) : members.get(id))
                            .filter(java.util.Objects::nonNull)
                            .toList();
                case "followedBy" ->
                    ((Collection<String>) args[1])
                        .stream()
                            .filter(readerFollows::contains)
                            .collect(java.util.stream.Collectors.toSet());
                case "blockersOf" ->
                    ((Collection<String>) args[1])
                        .stream()
                            .filter(id -> blocks.contains(id + ">" + args[0]))
                            .collect(java.util.stream.Collectors.toSet());
                default -> throw new UnsupportedOperationException(method.getName());
              };
            });
  }

  StatusHydrator hydrator() {
    return new StatusHydrator(
        fake(StatusStore.class),
        fake(AccountStore.class),
        fake(FollowStore.class),
        fake(BlockMuteStore.class));
  }

  Account member(String id) {
    Account account =
        Account.newMember(
            id,
            "m" + id,
            id + "@example.com",
            Account.Role.MEMBER,
            "en",
            AT,
            Optional.empty(),
            Optional.empty());
    members.put(id, account);
    return account;
  }

  Status status(String id, String authorId, Visibility visibility) {
    Status status = Status.plain(id, authorId, "text " + id, visibility, AT);
    stored.put(id, status);
    return status;
  }

  Status reblog(String id, String authorId, Status original) {
    Status reblog =
        new Status(
            id,
            authorId,
            "",
            "",
            false,
            Visibility.PUBLIC,
            Optional.empty(),
            Optional.empty(),
            "en",
            AT,
            Optional.of(original.id()),
            List.of(),
            List.of(),
            StatusCounts.NONE,
            1);
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

    assertThat(shown)
        .hasSize(20)
        .allSatisfy(
            s -> {
              assertThat(s.reblog()).isPresent();
              assertThat(s.reblog().get().status().id())
                  .isEqualTo(s.status().reblogOfId().orElseThrow());
              assertThat(s.reblog().get().author().id())
                  .isEqualTo(s.reblog().get().status().authorId());
            });
    assertThat(calls)
        .as("no private status: no follows read")
        .containsExactlyInAnyOrder(
            "StatusStore.findAll", "AccountStore.findAll", "BlockMuteStore.blockersOf");
  }

  @Test
  void aReblogIsLeftOutWhenItsOriginalIsGonePrivateOrByASuspendedAuthor() {
    Account reader = member("1");
    member("author");
    member("private_author");
    member("followed_private");
    readerFollows.add("followed_private");
    Account suspended = member("suspended");
    members.put(
        "suspended",
        new Account(
            suspended.id(),
            suspended.username(),
            suspended.email(),
            "",
            "",
            Account.Role.MEMBER,
            "en",
            AT,
            Optional.empty(),
            Optional.empty(),
            0,
            0,
            0,
            Optional.empty(),
            Optional.empty(),
            false,
            Set.of(),
            Optional.of(AT),
            1));
    member("r");
    Status gone = Status.plain("100", "author", "gone", Visibility.PUBLIC, AT);
    List<Status> page =
        List.of(
            reblog("201", "r", gone),
            reblog("202", "r", status("102", "private_author", Visibility.PRIVATE)),
            reblog("203", "r", status("103", "suspended", Visibility.PUBLIC)),
            reblog("205", "r", status("105", "followed_private", Visibility.PRIVATE)),
            reblog("206", "r", status("106", "author", Visibility.PUBLIC)),
            status("107", "author", Visibility.PUBLIC));

    // (a reblog of an author the reader hides leaves a home page by HomeFeedPolicy, not here)
    List<AuthoredStatus> shown = hydrator().visible(Optional.of(reader), page);

    assertThat(shown).extracting(s -> s.status().id()).containsExactly("205", "206", "107");
    assertThat(hydrator().visible(Optional.empty(), page))
        .as("anonymous: no private original")
        .extracting(s -> s.status().id())
        .containsExactly("206", "107");
  }

  @Test
  void aReblogShowsOnceOnAHomePageAndNotOverItsOriginal() {
    Account reader = member("1");
    member("author");
    member("r1");
    member("r2");
    Status original = status("100", "author", Visibility.PUBLIC);
    Status other = status("101", "author", Visibility.PUBLIC);
    List<AuthoredStatus> page =
        hydrator()
            .visible(
                Optional.of(reader),
                List.of(
                    reblog("303", "r2", other),
                    reblog("302", "r1", other),
                    reblog("301", "r1", original),
                    original));

    assertThat(TimelineService.withoutRepeats(page))
        .extracting(s -> s.status().id())
        .containsExactly("303", "100");
  }

  Status addressed(
      String id,
      String authorId,
      Visibility visibility,
      Optional<String> answering,
      String... mentioned) {
    Status status =
        new Status(
            id,
            authorId,
            "text " + id,
            "",
            false,
            visibility,
            answering.map(a -> "9" + id),
            answering,
            "en",
            AT,
            Optional.empty(),
            java.util.Arrays.stream(mentioned).map(m -> new Mention(m, "m" + m)).toList(),
            List.of(),
            StatusCounts.NONE,
            1);
    stored.put(id, status);
    return status;
  }

  List<String> shownTo(Optional<Account> reader, List<Status> page) {
    return hydrator().visible(reader, page).stream().map(s -> s.status().id()).toList();
  }

  @Test
  void aMemberTheAuthorBlocksSeesNoneOfTheAuthorsStatusesNorTheirReblogsEvenWhenMentioned() {
    Account reader = member("1");
    Account other = member("2");
    Account carol = member("carol");
    member("bob");
    blocks.add("carol>1");
    Status bobs = status("305", "bob", Visibility.PUBLIC);
    List<Status> page =
        List.of(
            status("301", "carol", Visibility.PUBLIC),
            status("302", "carol", Visibility.UNLISTED),
            addressed("303", "carol", Visibility.PRIVATE, Optional.empty(), "1"),
            reblog("304", "bob", stored.get("301")),
            bobs,
            reblog("306", "carol", bobs));

    assertThat(shownTo(Optional.of(reader), page)).as("blocked").containsExactly("305");
    blocks.clear();
    assertThat(shownTo(Optional.of(reader), page))
        .as("once unblocked, mentioned")
        .containsExactly("301", "302", "303", "304", "305", "306");
    blocks.add("carol>1");
    assertThat(shownTo(Optional.of(carol), page))
        .as("the author herself")
        .containsExactly("301", "302", "303", "304", "305", "306");
    assertThat(shownTo(Optional.empty(), page))
        .as("anonymous")
        .containsExactly("301", "302", "304", "305", "306");
    calls.clear();
    assertThat(shownTo(Optional.of(other), List.of(stored.get("301"), bobs)))
        .as("blocked is per reader")
        .containsExactly("301", "305");
    assertThat(calls)
        .containsExactlyInAnyOrder(
            "StatusStore.findAll", "AccountStore.findAll", "BlockMuteStore.blockersOf");
  }

  @Test
  void aPrivateStatusShowsToItsAuthorItsFollowersAndTheMembersItMentionsOrAnswersOnly() {
    Account reader = member("1");
    Account mentionedElsewhere = member("2");
    Account follower = member("3");
    Account author = member("a");
    List<Status> page =
        List.of(
            addressed("401", "a", Visibility.PRIVATE, Optional.empty(), "1"),
            addressed("402", "a", Visibility.PRIVATE, Optional.of("1")),
            addressed("403", "a", Visibility.PRIVATE, Optional.empty(), "2"));

    assertThat(shownTo(Optional.of(reader), page)).containsExactly("401", "402");
    assertThat(shownTo(Optional.of(mentionedElsewhere), page)).containsExactly("403");
    assertThat(shownTo(Optional.of(author), page)).containsExactly("401", "402", "403");
    assertThat(shownTo(Optional.empty(), page)).isEmpty();
    readerFollows.add("a");
    assertThat(shownTo(Optional.of(follower), page)).containsExactly("401", "402", "403");

    calls.clear();
    assertThat(shownTo(Optional.of(reader), page.subList(0, 2))).containsExactly("401", "402");
    assertThat(calls)
        .as("addressed to the reader: no follows read")
        .doesNotContain("FollowStore.followedBy");
    calls.clear();
    shownTo(Optional.of(mentionedElsewhere), page);
    assertThat(calls)
        .as("one read of follows for the rest")
        .containsOnlyOnce("FollowStore.followedBy");
  }
}
