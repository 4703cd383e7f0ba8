package app.podium.domain;

import java.util.Set;

/** What the reader did to the statuses on a page: the ids of those they favourited and those they reblogged. */
public record Interactions(Set<String> favourited, Set<String> reblogged) {
  /** For an anonymous reader, or where Mastodon shows no reader state. */
  public static final Interactions NONE = new Interactions(Set.of(), Set.of());

  public Interactions {
    favourited = Set.copyOf(favourited);
    reblogged = Set.copyOf(reblogged);
  }
}
