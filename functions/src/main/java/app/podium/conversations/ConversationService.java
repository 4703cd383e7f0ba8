package app.podium.conversations;

import app.podium.accounts.Account;
import app.podium.graph.BlockMuteStore;
import app.podium.graph.BlockOrMute;
import app.podium.shared.PageRequest;
import app.podium.shared.StatusId;
import app.podium.shared.Visibility;
import app.podium.statuses.AuthoredStatus;
import app.podium.statuses.Status;
import app.podium.statuses.StatusHydrator;
import app.podium.statuses.StatusService;
import app.podium.statuses.StatusStore;
import app.podium.statuses.StatusText;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Conversations and hashtags: a status's context (the statuses it answers and those answering it)
 * and a hashtag's public timeline. Every status shown passes the same check as a status read on its
 * own: a private one only for its author and their followers, a suspended author's never, and for a
 * member none by an author they block or mute.
 */
public final class ConversationService {
  /**
   * Ancestors shown to a reader without a token (Mastodon's bound); each is one read, up the chain.
   */
  public static final int ANCESTORS_ANONYMOUS = 40;

  /** Ancestors shown to a member. */
  public static final int ANCESTORS_MEMBER = 100;

  /**
   * Descendants read for a reader without a token, and how deep below the status (Mastodon's
   * bounds).
   */
  public static final int DESCENDANTS_ANONYMOUS = 60;

  public static final int DEPTH_ANONYMOUS = 20;

  /** Descendants read for a member, and how deep. */
  public static final int DESCENDANTS_MEMBER = 250;

  public static final int DEPTH_MEMBER = 100;

  /**
   * Entries read beyond a tag page's limit, so a few hidden statuses do not leave the page short.
   */
  static final int TAG_SLACK = 10;

  /** Reads of a tag timeline per request at most, when hidden statuses keep a page short. */
  static final int TAG_ROUNDS = 3;

  /** Parent-index queries of one level in flight at once. */
  static final int QUERIES_IN_FLIGHT = 16;

  private static final ExecutorService PARALLEL = Executors.newVirtualThreadPerTaskExecutor();

  private final StatusService statusService;
  private final StatusStore statuses;
  private final ConversationStore conversations;
  private final StatusHydrator hydrator;
  private final BlockMuteStore blocks;
  private final Clock clock;

  public ConversationService(
      StatusService statusService,
      StatusStore statuses,
      ConversationStore conversations,
      StatusHydrator hydrator,
      BlockMuteStore blocks,
      Clock clock) {
    this.statusService = statusService;
    this.statuses = statuses;
    this.conversations = conversations;
    this.hydrator = hydrator;
    this.blocks = blocks;
    this.clock = clock;
  }

  /** Mastodon's Context: ancestors oldest first, descendants depth first in thread order. */
  public record Context(List<AuthoredStatus> ancestors, List<AuthoredStatus> descendants) {}

  /**
   * The status's context, within the bounds for the reader ({@code *_ANONYMOUS} or {@code
   * *_MEMBER}). A status the reader may not see is 404; within the context, statuses the reader may
   * not see are left out, and the walk goes on past them (as Mastodon's does), so a visible reply
   * below a hidden one still shows.
   */
  public Context context(Optional<Account> viewer, StatusId id) {
    Status focus = statusService.get(viewer, id).status();
    boolean member = viewer.isPresent();
    List<Status> ancestors = ancestors(focus, member ? ANCESTORS_MEMBER : ANCESTORS_ANONYMOUS);
    List<Status> descendants =
        descendants(
            focus,
            member ? DESCENDANTS_MEMBER : DESCENDANTS_ANONYMOUS,
            member ? DEPTH_MEMBER : DEPTH_ANONYMOUS);
    List<Status> all = new ArrayList<>(ancestors);
    all.addAll(descendants);
    Map<String, AuthoredStatus> shown = visible(viewer, all);
    return new Context(
        ancestors.stream().map(s -> shown.get(s.id())).filter(java.util.Objects::nonNull).toList(),
        descendants.stream()
            .map(s -> shown.get(s.id()))
            .filter(java.util.Objects::nonNull)
            .toList());
  }

  /** Up the chain from the status, oldest first; the chain may end at a deleted status. */
  private List<Status> ancestors(Status focus, int limit) {
    List<Status> chain = new ArrayList<>();
    Set<String> seen = new HashSet<>(Set.of(focus.id()));
    Optional<String> parentId = focus.inReplyToId();
    while (parentId.isPresent() && chain.size() < limit && seen.add(parentId.get())) {
      Optional<Status> parent = statuses.find(parentId.get());
      if (parent.isEmpty()) {
        break;
      }
      chain.add(parent.get());
      parentId = parent.get().inReplyToId();
    }
    Collections.reverse(chain);
    return chain;
  }

  /**
   * Down from the status, level by level: the replies of one level are queried side by side, {@link
   * #QUERIES_IN_FLIGHT} at a time (one query of the parent index per status of the level, each
   * giving whole statuses), until {@code limit} statuses or {@code depth} levels. Then ordered
   * depth first, replies to one status oldest first: Mastodon's thread order.
   */
  private List<Status> descendants(Status focus, int limit, int depth) {
    Map<String, List<Status>> children = new HashMap<>();
    List<String> level = List.of(focus.id());
    int found = 0;
    for (int d = 0; d < depth && !level.isEmpty() && found < limit; d++) {
      List<String> next = new ArrayList<>();
      for (int from = 0; from < level.size() && found < limit; from += QUERIES_IN_FLIGHT) {
        int room = limit - found;
        Map<String, CompletableFuture<List<Status>>> replies = new LinkedHashMap<>();
        for (String parent :
            level.subList(from, Math.min(level.size(), from + QUERIES_IN_FLIGHT))) {
          replies.put(
              parent,
              CompletableFuture.supplyAsync(() -> conversations.replies(parent, room), PARALLEL));
        }
        for (var entry : replies.entrySet()) {
          List<Status> kept = entry.getValue().join().stream().limit(limit - found).toList();
          found += kept.size();
          children.put(entry.getKey(), kept);
          kept.forEach(s -> next.add(s.id()));
        }
      }
      level = next;
    }
    List<Status> ordered = new ArrayList<>();
    walk(focus.id(), children, ordered);
    return ordered;
  }

  private static void walk(String id, Map<String, List<Status>> children, List<Status> into) {
    for (Status child : children.getOrDefault(id, List.of())) {
      into.add(child);
      walk(child.id(), children, into);
    }
  }

  /**
   * The public statuses with the hashtag (any case), newest first, in the page's id window. An
   * invalid name has no statuses. Suspended authors' statuses, and for a member those of authors
   * they block or mute, are skipped; when that leaves the page short, the next entries are read, up
   * to {@link #TAG_ROUNDS} reads.
   */
  public List<AuthoredStatus> tagTimeline(
      Optional<Account> viewer, String hashtag, PageRequest page) {
    if (!StatusText.isTag(hashtag)) {
      return List.of();
    }
    String tag = StatusText.fold(hashtag);
    List<AuthoredStatus> result = new ArrayList<>();
    PageRequest window = page.withLimit(page.limit() + TAG_SLACK);
    for (int round = 0; round < TAG_ROUNDS && result.size() < page.limit(); round++) {
      List<Long> ids = conversations.taggedIds(tag, window);
      if (ids.isEmpty()) {
        break;
      }
      Map<String, Status> found =
          statuses.findAll(ids.stream().map(String::valueOf).toList()).stream()
              .filter(s -> s.visibility() == Visibility.PUBLIC)
              .collect(Collectors.toMap(Status::id, s -> s));
      Map<String, AuthoredStatus> shown = visible(viewer, List.copyOf(found.values()));
      for (Long id : ids) {
        AuthoredStatus status = shown.get(String.valueOf(id));
        if (status != null && result.size() < page.limit()) {
          result.add(status);
        }
      }
      if (ids.size() < window.limit()) {
        break;
      }
      long last = ids.getLast();
      window =
          page.ascending()
              ? new PageRequest(page.maxId(), page.sinceId(), Optional.of(last), window.limit())
              : new PageRequest(Optional.of(last), page.sinceId(), page.minId(), window.limit());
    }
    if (page.ascending()) {
      Collections.reverse(result);
    }
    return result;
  }

  /**
   * The statuses the viewer may see, by id, with their authors ({@link StatusHydrator}: one batch
   * read of the authors, one of the viewer's follows among the authors of private ones), less those
   * of authors the viewer blocks or mutes (one query of their blocks and mutes, read at the same
   * time).
   */
  private Map<String, AuthoredStatus> visible(Optional<Account> viewer, List<Status> candidates) {
    if (candidates.isEmpty()) {
      return Map.of();
    }
    CompletableFuture<Set<String>> hidden =
        viewer.isEmpty()
            ? CompletableFuture.completedFuture(Set.of())
            : CompletableFuture.supplyAsync(
                () ->
                    BlockOrMute.hiddenFrom(
                        viewer.get().id(), blocks.heldBy(viewer.get().id()), clock.instant()),
                PARALLEL);
    List<AuthoredStatus> shown = hydrator.visible(viewer, candidates);
    Set<String> hiddenAuthors = hidden.join();
    return shown.stream()
        .filter(s -> !hiddenAuthors.contains(s.author().id()))
        .collect(Collectors.toMap(s -> s.status().id(), Function.identity()));
  }
}
