package app.podium.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import app.podium.accounts.Account;
import app.podium.accounts.AccountStore;
import app.podium.graph.BlockMuteStore;
import app.podium.graph.FollowStore;
import app.podium.shared.CounterStore;
import app.podium.shared.FanoutTasks;
import app.podium.shared.Ids;
import app.podium.shared.RateLimiter;
import app.podium.shared.Settings;
import app.podium.shared.StatusId;
import app.podium.shared.Visibility;
import app.podium.statuses.AuthoredStatus;
import app.podium.statuses.IdempotencyStore;
import app.podium.statuses.Status;
import app.podium.statuses.StatusCounts;
import app.podium.statuses.StatusHydrator;
import app.podium.statuses.StatusService;
import app.podium.statuses.StatusStore;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The thread walk of {@link ConversationService#context}: order and bounds, over statuses held in
 * memory.
 */
class ConversationServiceTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);
  static final Account AUTHOR =
      new Account(
          "1",
          "author",
          "author@example.com",
          "",
          "",
          Account.Role.MEMBER,
          "en",
          CLOCK.instant(),
          Optional.empty(),
          Optional.empty(),
          0,
          0,
          0,
          Optional.empty(),
          Optional.empty(),
          false,
          Set.of(),
          Optional.empty(),
          1);

  final Map<String, Status> statuses = new ConcurrentHashMap<>();
  final AtomicInteger replyQueries = new AtomicInteger();
  final AtomicInteger maxInFlight = new AtomicInteger();
  final AtomicInteger inFlight = new AtomicInteger();
  long nextId = 100;

  String post(String parentId) {
    String id = Long.toString(nextId++);
    statuses.put(
        id,
        new Status(
            id,
            AUTHOR.id(),
            "s" + id,
            "",
            false,
            Visibility.PUBLIC,
            Optional.ofNullable(parentId),
            Optional.ofNullable(parentId).map(p -> AUTHOR.id()),
            "en",
            CLOCK.instant(),
            Optional.empty(),
            List.of(),
            List.of(),
            StatusCounts.NONE,
            1));
    return id;
  }

  @SuppressWarnings("unchecked")
  static <T> T store(
      Class<T> type, Map<String, java.util.function.Function<Object[], Object>> methods) {
    return (T)
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (proxy, method, args) -> {
              var body = methods.get(method.getName());
              if (body == null) {
                throw new AssertionError(
                    type.getSimpleName() + "." + method.getName() + " must not be called");
              }
              return body.apply(args);
            });
  }

  ConversationService service() {
    StatusStore statusStore =
        store(
            StatusStore.class,
            Map.of(
                "find", a -> Optional.ofNullable(statuses.get((String) a[0])),
                "findAll",
                    a ->
                        ((Collection<String>) a[0])
                            .stream().map(statuses::get).filter(s -> s != null).toList()));
    AccountStore accounts =
        store(
            AccountStore.class,
            Map.of("find", a -> Optional.of(AUTHOR), "findAll", a -> List.of(AUTHOR)));
    ConversationStore conversations =
        store(
            ConversationStore.class,
            Map.of(
                "replies",
                a -> {
                  replyQueries.incrementAndGet();
                  maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                  try {
                    Thread.sleep(2);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  inFlight.decrementAndGet();
                  return statuses.values().stream()
                      .filter(s -> s.inReplyToId().equals(Optional.of((String) a[0])))
                      .sorted(Comparator.comparingLong(Status::numericId))
                      .limit((Integer) a[1])
                      .toList();
                }));
    FollowStore follows = store(FollowStore.class, Map.of());
    BlockMuteStore blocks =
        store(BlockMuteStore.class, Map.of("heldBy", a -> List.of(), "blockersOf", a -> Set.of()));
    StatusHydrator hydrator = new StatusHydrator(statusStore, accounts, follows, blocks);
    StatusService statusService =
        new StatusService(
            statusStore,
            accounts,
            store(IdempotencyStore.class, Map.of()),
            store(FanoutTasks.class, Map.of()),
            store(StatusService.Reblogs.class, Map.of()),
            hydrator,
            new RateLimiter(store(CounterStore.class, Map.of()), CLOCK),
            Settings.fromEnvironment(Map.of()),
            new Ids(CLOCK),
            CLOCK);
    return new ConversationService(
        statusService, statusStore, conversations, hydrator, blocks, CLOCK);
  }

  static List<String> ids(List<AuthoredStatus> statuses) {
    return statuses.stream().map(s -> s.status().id()).toList();
  }

  @Test
  void descendantsAreDepthFirstWithRepliesToOneStatusOldestFirst() {
    String root = post(null);
    String a = post(root);
    String b = post(root);
    String a1 = post(a);
    String b1 = post(b);
    String a2 = post(a);
    String a1x = post(a1);

    var context = service().context(Optional.empty(), new StatusId(root));

    assertThat(ids(context.descendants())).containsExactly(a, a1, a1x, a2, b, b1);
    assertThat(context.ancestors()).isEmpty();
    assertThat(ids(service().context(Optional.empty(), new StatusId(a1x)).ancestors()))
        .containsExactly(root, a, a1);
  }

  @Test
  void anonymousReadersGetAtMostTheBoundedNumberOfDescendantsQueriedAFewAtATime() {
    String root = post(null);
    List<String> children = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      children.add(post(root));
    }
    List<String> grandchildren = new ArrayList<>();
    for (String child : children) {
      grandchildren.add(post(child));
    }

    var descendants = ids(service().context(Optional.empty(), new StatusId(root)).descendants());

    assertThat(descendants).hasSize(ConversationService.DESCENDANTS_ANONYMOUS);
    // 40 children, then the first 20 grandchildren, each after its parent
    assertThat(descendants.subList(0, 2)).containsExactly(children.get(0), grandchildren.get(0));
    assertThat(descendants).containsAll(children).doesNotContain(grandchildren.get(20));
    assertThat(maxInFlight.get()).isLessThanOrEqualTo(ConversationService.QUERIES_IN_FLIGHT);
    // the root, then the children's level until the bound was met: no query past it
    assertThat(replyQueries.get()).isLessThanOrEqualTo(1 + 40);
  }

  @Test
  void ancestorsAreBoundedAndKeepTheNearestOnes() {
    String parent = null;
    List<String> chain = new ArrayList<>();
    for (int i = 0; i < ConversationService.ANCESTORS_ANONYMOUS + 5; i++) {
      parent = post(parent);
      chain.add(parent);
    }
    String leaf = post(parent);

    var ancestors = ids(service().context(Optional.empty(), new StatusId(leaf)).ancestors());

    assertThat(ancestors).containsExactlyElementsOf(chain.subList(5, chain.size()));
  }
}
