package app.podium.notifications;

import app.podium.accounts.Account;
import app.podium.accounts.AccountStore;
import app.podium.graph.BlockMuteStore;
import app.podium.graph.BlockOrMute;
import app.podium.markers.Marker;
import app.podium.markers.MarkerStore;
import app.podium.shared.NotificationId;
import app.podium.shared.PageRequest;
import app.podium.statuses.AuthoredStatus;
import app.podium.statuses.Status;
import app.podium.statuses.StatusHydrator;
import app.podium.statuses.StatusService;
import app.podium.statuses.StatusStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Notifications. Written only on the event path ({@link #record}): events are gathered per (member,
 * group), so a burst of favourites of one status writes its group once per batch, not once per
 * favourite, and batches handled at the same time in one container share a write ({@link
 * GroupCommit}). Read on the request path: a group shows only actors the member neither blocks nor
 * mutes with notifications and who are not suspended, and only while the member may see its status
 * ({@link StatusHydrator}, as the status read on its own); blocks and mutes are checked again at
 * read, so a later block hides what is already stored.
 */
public final class NotificationService {
  /** A receipt outlives any redelivery (SQS keeps a message at most 14 days). */
  static final Duration RECEIPT_LIFETIME = Duration.ofDays(30);

  public static final int DEFAULT_LIMIT = 40;
  public static final int MAX_LIMIT = 80;

  /** Pages read at most for one answer when filters or hidden actors thin them out. */
  static final int MAX_READS = 5;

  static final int SLACK = 10;

  /**
   * A group written this recently from this container waits out the rest before its next write,
   * gathering the events that arrive: a hot group (a status drawing a favourite burst, an account a
   * follow burst) is written at most four times a second per container, a cold one at once.
   */
  static final Duration HOT_GROUP_LINGER = Duration.ofMillis(250);

  private static final ExecutorService PARALLEL = Executors.newVirtualThreadPerTaskExecutor();

  private final NotificationStore notifications;
  private final AccountStore accounts;
  private final StatusStore statuses;
  private final BlockMuteStore blocks;
  private final MarkerStore markers;
  private final StatusHydrator hydrator;
  private final Clock clock;
  private final GroupCommit<NotificationEvent> commits = new GroupCommit<>(HOT_GROUP_LINGER);

  public NotificationService(
      NotificationStore notifications,
      AccountStore accounts,
      StatusStore statuses,
      BlockMuteStore blocks,
      MarkerStore markers,
      StatusHydrator hydrator,
      Clock clock) {
    this.notifications = notifications;
    this.markers = markers;
    this.hydrator = hydrator;
    this.accounts = accounts;
    this.statuses = statuses;
    this.blocks = blocks;
    this.clock = clock;
  }

  /**
   * Records the events: one store call per (member, group), side by side, after one batch read per
   * member of the blocks and mutes between them and the accounts involved ({@link #reaches}).
   * Returns, per event in the order given, whether it is done (written, already counted, or not to
   * be notified at all: a member acting on themselves, or an event {@link #reaches} drops). An
   * event that failed is safe to record again.
   */
  public List<Boolean> record(List<NotificationEvent> events) {
    Map<String, Map<String, List<Integer>>> byRecipientAndGroup = new LinkedHashMap<>();
    for (int i = 0; i < events.size(); i++) {
      NotificationEvent event = events.get(i);
      if (!event.actorId().equals(event.recipientId())) {
        byRecipientAndGroup
            .computeIfAbsent(event.recipientId(), r -> new LinkedHashMap<>())
            .computeIfAbsent(event.groupKey(), g -> new ArrayList<>())
            .add(i);
      }
    }
    Boolean[] done = new Boolean[events.size()];
    java.util.Arrays.fill(done, Boolean.TRUE);
    Instant now = clock.instant();
    Instant receiptsExpireAt = now.plus(RECEIPT_LIFETIME);
    Map<List<Integer>, Future<?>> writes = new LinkedHashMap<>();
    try (ExecutorService lanes = Executors.newVirtualThreadPerTaskExecutor()) {
      for (var recipient : byRecipientAndGroup.entrySet()) {
        Set<String> involved =
            recipient.getValue().values().stream()
                .flatMap(List::stream)
                .map(events::get)
                .flatMap(e -> Stream.concat(Stream.of(e.actorId()), e.othersNamed().stream()))
                .collect(Collectors.toSet());
        Set<String> hidden;
        Set<String> blockingRecipient;
        try {
          List<BlockOrMute> between = blocks.between(recipient.getKey(), involved);
          hidden = hidingNotifications(recipient.getKey(), between, now);
          blockingRecipient = blocking(recipient.getKey(), between);
        } catch (RuntimeException e) {
          recipient.getValue().values().forEach(group -> group.forEach(i -> done[i] = false));
          continue;
        }
        for (List<Integer> group : recipient.getValue().values()) {
          List<Integer> notified =
              group.stream()
                  .filter(i -> reaches(events.get(i), hidden, blockingRecipient))
                  .toList();
          if (!notified.isEmpty()) {
            List<NotificationEvent> sameGroup = notified.stream().map(events::get).toList();
            String key = recipient.getKey() + "\n" + sameGroup.getFirst().groupKey();
            writes.put(
                notified,
                lanes.submit(
                    () ->
                        commits.submit(
                            key, sameGroup, batch -> notifications.add(batch, receiptsExpireAt))));
          }
        }
      }
    }
    writes.forEach(
        (indexes, write) -> {
          if (write.state() != Future.State.SUCCESS) {
            indexes.forEach(i -> done[i] = false);
          }
        });
    return List.of(done);
  }

  /**
   * Whether the event reaches its member, as Mastodon's {@code NotifyService} decides: not from an
   * actor the member hides ({@link #hidingNotifications}); and for a mention, not from an author
   * who blocks the member (Mastodon drops the mention of a blocked account when the status is made)
   * nor naming or answering an account the member hides ({@code
   * FeedManager#filter_from_mentions?}).
   *
   * @param hidden the accounts the member blocks or mutes with notifications
   * @param blockingMember the accounts that block the member
   */
  static boolean reaches(NotificationEvent event, Set<String> hidden, Set<String> blockingMember) {
    if (hidden.contains(event.actorId())) {
      return false;
    }
    return event.type() != NotificationType.MENTION
        || !blockingMember.contains(event.actorId())
            && event.othersNamed().stream().noneMatch(hidden::contains);
  }

  /** The accounts whose active block of {@code memberId} is among the items. */
  static Set<String> blocking(String memberId, Collection<BlockOrMute> items) {
    return items.stream()
        .filter(b -> b.kind() == BlockOrMute.Kind.BLOCK && b.targetId().equals(memberId))
        .map(BlockOrMute::ownerId)
        .collect(Collectors.toSet());
  }

  /**
   * The actors whose notifications {@code memberId} does not see: those they block, and those they
   * mute with notifications (while the mute lasts). Only the member's own blocks and mutes count.
   */
  static Set<String> hidingNotifications(
      String memberId, Collection<BlockOrMute> items, Instant now) {
    return items.stream()
        .filter(b -> b.ownerId().equals(memberId) && b.activeAt(now))
        .filter(b -> b.kind() == BlockOrMute.Kind.BLOCK || b.hidesNotifications())
        .map(BlockOrMute::targetId)
        .collect(Collectors.toSet());
  }

  /** A group as the member sees it: the actors they may see, newest first, and its status. */
  public record Shown(
      NotificationGroup group, List<Account> actors, Optional<AuthoredStatus> status) {
    /** The newest actor the member may see: who a v1 notification names. */
    public Account newestActor() {
      return actors.getFirst();
    }
  }

  /**
   * What a filter keeps: {@code types} (none: all) minus {@code excludedTypes}, by Mastodon's names
   * (names Podium does not write match nothing), and with {@code accountId} only groups that
   * account is among the actors of.
   */
  public record Filter(Set<String> types, Set<String> excludedTypes, Optional<String> accountId)
      implements Predicate<NotificationGroup> {
    public static final Filter ALL = new Filter(Set.of(), Set.of(), Optional.empty());

    @Override
    public boolean test(NotificationGroup group) {
      String type = group.type().text();
      return (types.isEmpty() || types.contains(type))
          && !excludedTypes.contains(type)
          && accountId.map(group.sampleAccountIds()::contains).orElse(true);
    }
  }

  public static final int UNREAD_DEFAULT_LIMIT = 100;
  public static final int UNREAD_MAX_LIMIT = 1000;

  /**
   * How many groups are newer than the member's {@code notifications} read marker (all, without
   * one), counted up to {@code limit}, as Mastodon caps it. Groups whose actors the member all
   * blocks or mutes are not counted; groups are not hydrated here, so one whose status was deleted
   * still counts until it is read.
   */
  public long unreadCount(String memberId, Filter filter, int limit) {
    long lastRead =
        markers
            .find(memberId, "notifications")
            .map(Marker::lastReadId)
            .filter(id -> id.length() <= 18)
            .map(Long::parseLong)
            .orElse(0L);
    Set<String> hidden = hiddenFor(memberId);
    long counted = 0;
    PageRequest window =
        new PageRequest(
            Optional.empty(),
            Optional.of(lastRead),
            Optional.empty(),
            Math.min(limit, PageRequest.MAX_LIMIT * 2 + SLACK));
    while (counted < limit) {
      List<NotificationGroup> groups = notifications.page(memberId, window);
      counted +=
          groups.stream()
              .filter(filter)
              .filter(g -> g.sampleAccountIds().stream().anyMatch(id -> !hidden.contains(id)))
              .count();
      if (groups.size() < window.limit()) {
        break;
      }
      window =
          new PageRequest(
              Optional.of(groups.getLast().latestId()),
              window.sinceId(),
              Optional.empty(),
              window.limit());
    }
    return Math.min(counted, limit);
  }

  /**
   * One page of the member's notification groups, newest first, by the id of each group's newest
   * event. Groups the filter drops, or that show nothing the member may see, are read past (at most
   * {@link #MAX_READS} reads), so a page is full whenever enough groups exist.
   */
  public List<Shown> page(String memberId, PageRequest page, Filter filter) {
    Set<String> hidden = hiddenFor(memberId);
    List<Shown> result = new ArrayList<>();
    PageRequest window = page.withLimit(page.limit() + SLACK);
    for (int read = 0; read < MAX_READS && result.size() < page.limit(); read++) {
      List<NotificationGroup> groups = notifications.page(memberId, window);
      List<Shown> shown = shown(memberId, groups.stream().filter(filter).toList(), hidden);
      result.addAll(shown.subList(0, Math.min(shown.size(), page.limit() - result.size())));
      if (groups.size() < window.limit() || result.size() >= page.limit()) {
        break;
      }
      long last = groups.getLast().latestId();
      window =
          page.ascending()
              ? new PageRequest(window.maxId(), Optional.empty(), Optional.of(last), window.limit())
              : new PageRequest(
                  Optional.of(last), window.sinceId(), Optional.empty(), window.limit());
    }
    if (page.ascending()) {
      Collections.reverse(result);
    }
    return result;
  }

  /** The v1 notification with this id: the group whose newest event it is. */
  public Shown byId(String memberId, NotificationId id) {
    return notifications
        .findByLatestId(memberId, id.value())
        .flatMap(g -> shownOne(memberId, g))
        .orElseThrow(StatusService::notFound);
  }

  /** The group with the key the grouped API shows ({@code ungrouped-<id>} for a mention). */
  public Shown byGroupKey(String memberId, String apiGroupKey) {
    return stored(memberId, apiGroupKey)
        .flatMap(g -> shownOne(memberId, g))
        .orElseThrow(StatusService::notFound);
  }

  /** Dismisses the v1 notification with this id, which is its whole group. */
  public void dismissById(String memberId, NotificationId id) {
    NotificationGroup group =
        notifications.findByLatestId(memberId, id.value()).orElseThrow(StatusService::notFound);
    notifications.dismiss(memberId, group.groupKey());
  }

  public void dismissGroup(String memberId, String apiGroupKey) {
    NotificationGroup group = stored(memberId, apiGroupKey).orElseThrow(StatusService::notFound);
    notifications.dismiss(memberId, group.groupKey());
  }

  public void clear(String memberId) {
    notifications.clear(memberId);
  }

  private Optional<NotificationGroup> stored(String memberId, String apiGroupKey) {
    if (apiGroupKey.startsWith("ungrouped-")) {
      return notifications
          .findByLatestId(
              memberId, NotificationId.parse(apiGroupKey.substring("ungrouped-".length())).value())
          .filter(g -> !g.type().grouped());
    }
    if (apiGroupKey.length() > 64
        || !apiGroupKey.matches("(favourite|reblog|follow)-[0-9]{1,19}")) {
      return Optional.empty();
    }
    return notifications.find(memberId, apiGroupKey);
  }

  private Optional<Shown> shownOne(String memberId, NotificationGroup group) {
    return shown(memberId, List.of(group), hiddenFor(memberId)).stream().findFirst();
  }

  private Set<String> hiddenFor(String memberId) {
    return hidingNotifications(memberId, blocks.heldBy(memberId), clock.instant());
  }

  /**
   * The groups as the member sees them, in the same order: actors and statuses read in one batch
   * each, side by side, then the statuses as the member may see them ({@link StatusHydrator}: their
   * authors in one more batch, and who of them blocks the member). A group keeps only visible,
   * unsuspended actors and is dropped when none is left or its status is gone or no longer for the
   * member.
   */
  private List<Shown> shown(String memberId, List<NotificationGroup> groups, Set<String> hidden) {
    if (groups.isEmpty()) {
      return List.of();
    }
    Set<String> actorIds =
        groups.stream()
            .flatMap(g -> g.sampleAccountIds().stream())
            .filter(id -> !hidden.contains(id))
            .collect(Collectors.toSet());
    Set<String> statusIds =
        groups.stream().flatMap(g -> g.statusId().stream()).collect(Collectors.toSet());
    Map<String, Account> people = new HashMap<>();
    var loadStatuses =
        PARALLEL.submit(
            () -> statusIds.isEmpty() ? List.<Status>of() : statuses.findAll(statusIds));
    accounts.findAll(actorIds).forEach(a -> people.put(a.id(), a));
    List<Status> found;
    try {
      found = loadStatuses.get();
    } catch (Exception e) {
      throw e instanceof java.util.concurrent.ExecutionException ee
              && ee.getCause() instanceof RuntimeException re
          ? re
          : new IllegalStateException(e);
    }
    Map<String, AuthoredStatus> visible = new HashMap<>();
    hydrator.visibleToMember(memberId, found, people).forEach(s -> visible.put(s.status().id(), s));
    List<Shown> result = new ArrayList<>();
    for (NotificationGroup group : groups) {
      List<Account> actors =
          group.sampleAccountIds().stream()
              .filter(id -> !hidden.contains(id))
              .map(people::get)
              .filter(Objects::nonNull)
              .filter(a -> !a.suspended())
              .toList();
      Optional<AuthoredStatus> status = group.statusId().map(visible::get);
      boolean statusGone = group.statusId().isPresent() && status.isEmpty();
      if (!actors.isEmpty() && !statusGone) {
        result.add(new Shown(group, actors, status));
      }
    }
    return result;
  }
}
