package app.podium.timelines;

import app.podium.graph.BlockMuteStore;
import app.podium.graph.BlockOrMute;
import app.podium.graph.FollowStore;
import app.podium.statuses.AuthoredStatus;
import app.podium.statuses.Status;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whether a status belongs on a member's home timeline: the one place for the home's rules, as
 * Mastodon's {@code FeedManager#filter_from_home?}. The fan-out (one status, a page of followers),
 * a follow's backfill, a returning member's rebuild and the home read (one member, a page of
 * statuses, the large followees' merged in) all ask {@link #belongs}, with what it needs read once
 * per page or batch into {@link Relations}, never per status.
 *
 * <ul>
 *   <li>the member's own statuses always belong;
 *   <li>none by an account the member blocks or mutes (while the mute lasts), nor a reblog of such
 *       an account's status;
 *   <li>a reply to someone other than its author only when the member follows the one it answers,
 *       or is that one (a reply to oneself goes wherever the author's statuses go).
 * </ul>
 *
 * Who may see a status at all, wherever it is read (a suspended author, an author who blocks the
 * reader, a private status), is {@code StatusHydrator}'s: a suspended author's entries stay, to
 * show again when the suspension is lifted. Mastodon's {@code show_reblogs} and list and language
 * filters have no counterpart here: Podium's follows carry no such options.
 */
public final class HomeFeedPolicy {
  private final FollowStore follows;
  private final BlockMuteStore blocks;
  private final Clock clock;

  public HomeFeedPolicy(FollowStore follows, BlockMuteStore blocks, Clock clock) {
    this.follows = follows;
    this.blocks = blocks;
    this.clock = clock;
  }

  /**
   * What the rules look at of a status: its author, whom it answers (when that is someone else)
   * and, for a reblog whose original is known, that original's author. A fanned-out entry knows
   * only its author: the fan-out applied the rest when it wrote it.
   */
  public record Candidate(
      String authorId, Optional<String> answeredId, Optional<String> originalAuthorId) {
    public static Candidate of(Status status) {
      return new Candidate(
          status.authorId(),
          answered(status.authorId(), status.inReplyToAccountId()),
          Optional.empty());
    }

    /**
     * A status as hydrated for a page, past the reply rule already (the fan-out applied it to an
     * entry, the read to a large followee's status): its author and, for a reblog, its original's
     * author, known only now.
     */
    public static Candidate shown(AuthoredStatus shown) {
      return new Candidate(
          shown.status().authorId(),
          Optional.empty(),
          shown.reblog().map(original -> original.status().authorId()));
    }

    public static Candidate of(TimelineEntry entry) {
      return new Candidate(entry.authorId(), Optional.empty(), Optional.empty());
    }

    /** A status known by its fan-out task's facts: its author and whom it answers. */
    public static Candidate of(String authorId, Optional<String> inReplyToAccountId) {
      return new Candidate(authorId, answered(authorId, inReplyToAccountId), Optional.empty());
    }

    private static Optional<String> answered(String authorId, Optional<String> inReplyToAccountId) {
      return inReplyToAccountId.filter(id -> !id.equals(authorId));
    }
  }

  /**
   * What the rules ask of members and accounts, answered from reads made once per page or batch.
   */
  public interface Relations {
    /** Whether the member blocks the account, or mutes it and the mute still lasts. */
    boolean hides(String memberId, String accountId);

    /** Whether the member follows the account (asked only of accounts that replies answer). */
    boolean follows(String memberId, String accountId);
  }

  /** The rules: whether {@code status} belongs on {@code memberId}'s home. */
  public static boolean belongs(String memberId, Candidate status, Relations relations) {
    if (status.authorId().equals(memberId)) {
      return true;
    }
    if (relations.hides(memberId, status.authorId())
        || status
            .originalAuthorId()
            .filter(author -> relations.hides(memberId, author))
            .isPresent()) {
      return false;
    }
    return status
        .answeredId()
        .map(answered -> answered.equals(memberId) || relations.follows(memberId, answered))
        .orElse(true);
  }

  /** One member's relations: the accounts they hide, and which of some accounts they follow. */
  public record MemberRelations(String memberId, Set<String> hidden, Set<String> followed)
      implements Relations {
    @Override
    public boolean hides(String member, String accountId) {
      return member.equals(memberId) && hidden.contains(accountId);
    }

    @Override
    public boolean follows(String member, String accountId) {
      return member.equals(memberId) && followed.contains(accountId);
    }
  }

  /**
   * The accounts the member blocks or mutes: one query, which every home read makes beside its
   * page.
   */
  public Set<String> hiddenFrom(String memberId) {
    return hiddenFrom(memberId, blocks.heldBy(memberId));
  }

  /** The accounts the member hides now, from their blocks and mutes as read. */
  public Set<String> hiddenFrom(String memberId, List<BlockOrMute> held) {
    return BlockOrMute.hiddenFrom(memberId, held, clock.instant());
  }

  /**
   * The member's relations for {@code candidates}, given whom they hide: which of the accounts that
   * replies among them answer the member follows, one batch read, made only when there are such
   * replies.
   */
  public MemberRelations ofMember(
      String memberId, Set<String> hidden, Collection<Candidate> candidates) {
    Set<String> answered =
        candidates.stream()
            .map(Candidate::answeredId)
            .flatMap(Optional::stream)
            .filter(id -> !id.equals(memberId))
            .collect(Collectors.toSet());
    return new MemberRelations(
        memberId, hidden, answered.isEmpty() ? Set.of() : follows.followedBy(memberId, answered));
  }

  /**
   * The statuses of {@code statuses} that belong on the member's home (a follow's backfill): one
   * query of the member's blocks and mutes, and at most one batch read of their follows.
   */
  public List<Status> onHome(String memberId, List<Status> statuses) {
    return onHome(
        memberId, statuses, ofMember(memberId, hiddenFrom(memberId), candidates(statuses)));
  }

  public static List<Status> onHome(String memberId, List<Status> statuses, Relations relations) {
    return statuses.stream().filter(s -> belongs(memberId, Candidate.of(s), relations)).toList();
  }

  public static List<Candidate> candidates(Collection<Status> statuses) {
    return statuses.stream().map(Candidate::of).toList();
  }

  /**
   * The members among {@code followers} whose home the status belongs on (the fan-out's page): one
   * query of who blocks or mutes its author, and, for a reply to someone else, one batch read of
   * which of them follow that one.
   */
  public List<String> audience(Candidate status, List<String> followers) {
    Set<String> hiding =
        BlockOrMute.hidingFrom(
            status.authorId(), blocks.targeting(status.authorId()), clock.instant());
    Set<String> following =
        status
            .answeredId()
            .map(answered -> follows.followersAmong(answered, followers))
            .orElse(Set.of());
    Relations relations =
        new Relations() {
          @Override
          public boolean hides(String memberId, String accountId) {
            return accountId.equals(status.authorId()) && hiding.contains(memberId);
          }

          @Override
          public boolean follows(String memberId, String accountId) {
            return status.answeredId().filter(accountId::equals).isPresent()
                && following.contains(memberId);
          }
        };
    return followers.stream().filter(member -> belongs(member, status, relations)).toList();
  }
}
