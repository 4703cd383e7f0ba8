package app.podium.timelines;

import static org.assertj.core.api.Assertions.assertThat;

import app.podium.graph.BlockMuteStore;
import app.podium.graph.BlockOrMute;
import app.podium.graph.FollowStore;
import app.podium.shared.Visibility;
import app.podium.statuses.Status;
import app.podium.timelines.HomeFeedPolicy.Candidate;
import app.podium.timelines.HomeFeedPolicy.MemberRelations;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The home's rules as a table: the member {@code m}, a status's facts, whom {@code m} hides and
 * follows.
 */
class HomeFeedPolicyTest {
  static final String MEMBER = "m";
  static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
      # case                                        | author | answers | reblogs author of | hides | follows | belongs
      a followee's status                           | a      | -       | -                 | -     | a       | true
      the member's own status                       | m      | -       | -                 | -     | -       | true
      the member's own, answering someone hidden    | m      | x       | -                 | x     | -       | true
      an author the member blocks or mutes          | a      | -       | -                 | a     | a       | false
      another member's hiding changes nothing       | a      | -       | -                 | b     | a       | true
      a reply to oneself                            | a      | a       | -                 | -     | a       | true
      a reply to someone the member follows         | a      | b       | -                 | -     | a;b     | true
      a reply to someone the member does not follow | a      | b       | -                 | -     | a       | false
      a reply to the member                         | a      | m       | -                 | -     | a       | true
      a reply by a hidden author to the member      | a      | m       | -                 | a     | a       | false
      a reblog of a followee's status               | a      | -       | b                 | -     | a       | true
      a reblog of an author the member hides        | a      | -       | b                 | b     | a       | false
      a reblog of the member's own status           | a      | -       | m                 | -     | a       | true
      """)
  void decides(
      String description,
      String author,
      String answers,
      String reblogsAuthorOf,
      String hides,
      String follows,
      boolean belongs) {
    Candidate status =
        new Candidate(
            author,
            Optional.ofNullable(answers).filter(id -> !id.equals(author)),
            Optional.ofNullable(reblogsAuthorOf));

    assertThat(
            HomeFeedPolicy.belongs(
                MEMBER, status, new MemberRelations(MEMBER, ids(hides), ids(follows))))
        .as(description)
        .isEqualTo(belongs);
  }

  /**
   * The fan-out asks for many members at once: each is decided by their own relations, not
   * another's.
   */
  @Test
  void relationsOfOneMemberSayNothingOfAnother() {
    MemberRelations mine = new MemberRelations(MEMBER, Set.of("a"), Set.of("b"));

    assertThat(mine.hides("other", "a")).isFalse();
    assertThat(mine.follows("other", "b")).isFalse();
    assertThat(
            HomeFeedPolicy.belongs(
                "other", new Candidate("a", Optional.of("b"), Optional.empty()), mine))
        .isFalse();
  }

  @Test
  void aStatusAnswersOnlySomeoneOtherThanItsAuthor() {
    assertThat(Candidate.of(reply("1", "a", "a")).answeredId()).isEmpty();
    assertThat(Candidate.of(reply("2", "a", "b")).answeredId()).contains("b");
    assertThat(Candidate.of("a", Optional.of("a")).answeredId()).isEmpty();
    assertThat(Candidate.of(new TimelineEntry(MEMBER, 3, "a")))
        .isEqualTo(new Candidate("a", Optional.empty(), Optional.empty()));
  }

  @Test
  void aListKeepsItsOrderAndLosesWhatDoesNotBelong() {
    List<Status> statuses =
        List.of(
            reply("1", "a", null),
            reply("2", "a", "c"),
            reply("3", "h", null),
            reply("4", "a", "b"),
            reply("5", "a", MEMBER));

    List<Status> kept =
        HomeFeedPolicy.onHome(
            MEMBER, statuses, new MemberRelations(MEMBER, Set.of("h"), Set.of("b")));

    assertThat(kept).extracting(Status::id).containsExactly("1", "4", "5");
  }

  /** Each store call the preloads make, by method name and arguments. */
  final List<String> reads = new ArrayList<>();

  HomeFeedPolicy policy(Set<String> followed, List<BlockOrMute> blocksAndMutes) {
    FollowStore follows =
        recording(
            FollowStore.class,
            args ->
                ((Collection<String>) args[1])
                    .stream().filter(followed::contains).collect(Collectors.toSet()));
    BlockMuteStore blocks = recording(BlockMuteStore.class, args -> blocksAndMutes);
    return new HomeFeedPolicy(follows, blocks, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @SuppressWarnings("unchecked")
  <T> T recording(Class<T> type, Function<Object[], Object> answer) {
    return (T)
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (proxy, method, args) -> {
              reads.add(method.getName() + Arrays.asList(args));
              return answer.apply(args);
            });
  }

  @Test
  void aMemberPageReadsTheFollowsItsRepliesNeedOnceAndOnlyWhenThereAreSuch() {
    HomeFeedPolicy policy = policy(Set.of("b"), List.of());

    policy.ofMember(
        MEMBER,
        Set.of(),
        HomeFeedPolicy.candidates(
            List.of(reply("1", "a", null), reply("2", "a", "a"), reply("3", "a", MEMBER))));
    assertThat(reads).isEmpty();

    MemberRelations relations =
        policy.ofMember(
            MEMBER,
            Set.of(),
            HomeFeedPolicy.candidates(
                List.of(reply("4", "a", "b"), reply("5", "a", "c"), reply("6", "d", "b"))));
    assertThat(reads).hasSize(1).first().asString().startsWith("followedBy[m, ");
    assertThat(relations.followed()).containsExactly("b");
  }

  @Test
  void aFanoutPageReadsWhoHidesTheAuthorOnceAndTheAnsweredOnesFollowersOnlyForAReply() {
    HomeFeedPolicy policy =
        policy(
            Set.of("f2"),
            List.of(
                BlockOrMute.mute("9", "f1", "a", NOW, false, Optional.empty()),
                BlockOrMute.mute("8", "f3", "a", NOW, false, Optional.of(NOW.minusSeconds(1)))));
    List<String> followers = List.of("f1", "f2", "f3");

    assertThat(policy.audience(Candidate.of("a", Optional.empty()), followers))
        .containsExactly("f2", "f3");
    assertThat(reads).containsExactly("targeting[a]");

    reads.clear();
    assertThat(policy.audience(Candidate.of("a", Optional.of("b")), followers))
        .containsExactly("f2");
    assertThat(reads).containsExactly("targeting[a]", "followersAmong[b, [f1, f2, f3]]");
  }

  static Status reply(String id, String author, String answered) {
    Status plain = Status.plain(id, author, "text", Visibility.PUBLIC, Instant.EPOCH);
    return new Status(
        id,
        author,
        "text",
        "",
        false,
        Visibility.PUBLIC,
        Optional.ofNullable(answered).map(a -> "1"),
        Optional.ofNullable(answered),
        "en",
        Instant.EPOCH,
        Optional.empty(),
        List.of(),
        List.of(),
        plain.counts(),
        1);
  }

  static Set<String> ids(String list) {
    return list == null ? Set.of() : Arrays.stream(list.split(";")).collect(Collectors.toSet());
  }
}
