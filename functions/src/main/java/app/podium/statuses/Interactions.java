package app.podium.statuses;

import app.podium.reactions.Reaction;
import java.util.Set;

/** What the reader did to the statuses on a page: the ids of those they favourited and those they reblogged. */
public record Interactions(Set<String> favourited, Set<String> reblogged) {
  /** For an anonymous reader, or where Mastodon shows no reader state. */
  public static final Interactions NONE = new Interactions(Set.of(), Set.of());

  public Interactions {
    favourited = Set.copyOf(favourited);
    reblogged = Set.copyOf(reblogged);
  }

  /** The same, with what the reader just did (or undid) to one status: known without reading it back. */
  public Interactions with(String statusId, Reaction.Kind kind, boolean done) {
    Set<String> changed = new java.util.HashSet<>(kind == Reaction.Kind.FAVOURITE ? favourited : reblogged);
    if (done) {
      changed.add(statusId);
    } else {
      changed.remove(statusId);
    }
    return kind == Reaction.Kind.FAVOURITE ? new Interactions(changed, reblogged) : new Interactions(favourited, changed);
  }
}
