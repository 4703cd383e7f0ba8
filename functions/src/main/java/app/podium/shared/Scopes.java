package app.podium.shared;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * OAuth scopes as Mastodon defines them: top-level scopes ({@code read}) cover their granular ones
 * ({@code read:accounts}), {@code admin:read} covers {@code admin:read:*}, and the legacy {@code
 * follow} covers follows, blocks and mutes.
 */
public record Scopes(Set<String> values) {

  private static final Set<String> TOP_LEVEL =
      Set.of("read", "write", "follow", "push", "profile", "admin:read", "admin:write");

  private static final Set<String> GRANULAR =
      Set.of(
          "read:accounts",
          "read:blocks",
          "read:bookmarks",
          "read:favourites",
          "read:filters",
          "read:follows",
          "read:lists",
          "read:mutes",
          "read:notifications",
          "read:search",
          "read:statuses",
          "read:invites",
          "write:accounts",
          "write:blocks",
          "write:bookmarks",
          "write:conversations",
          "write:favourites",
          "write:filters",
          "write:follows",
          "write:lists",
          "write:media",
          "write:mutes",
          "write:notifications",
          "write:reports",
          "write:statuses",
          "write:invites",
          "admin:read:accounts",
          "admin:read:reports",
          "admin:read:invites",
          "admin:write:accounts",
          "admin:write:reports",
          "admin:write:invites");

  private static final Set<String> COVERED_BY_FOLLOW =
      Set.of(
          "read:follows",
          "write:follows",
          "read:blocks",
          "write:blocks",
          "read:mutes",
          "write:mutes");

  /** Every scope a token may have, sorted: the authorization server metadata's list. */
  public static List<String> supported() {
    return Stream.concat(TOP_LEVEL.stream(), GRANULAR.stream()).sorted().toList();
  }

  public static final Scopes DEFAULT = new Scopes(Set.of("read"));

  public Scopes {
    values = Set.copyOf(values);
  }

  /** Parses a space- or plus-separated list; blank means {@link #DEFAULT}. */
  public static Scopes parse(String text) {
    if (text == null || text.isBlank()) {
      return DEFAULT;
    }
    Set<String> parsed =
        Arrays.stream(text.trim().split("[\\s+]+"))
            .filter(s -> !s.isEmpty())
            .collect(Collectors.toCollection(LinkedHashSet::new));
    return new Scopes(parsed);
  }

  /** Throws {@link DomainException.Invalid} on a scope Mastodon does not define. */
  public Scopes requireKnown(String field) {
    for (String scope : values) {
      if (!TOP_LEVEL.contains(scope) && !GRANULAR.contains(scope)) {
        throw DomainException.Invalid.field(field, "ERR_INVALID", "is invalid");
      }
    }
    return this;
  }

  public boolean allows(String required) {
    if (values.contains(required)) {
      return true;
    }
    int lastColon = required.lastIndexOf(':');
    if (lastColon > 0 && values.contains(required.substring(0, lastColon))) {
      return true;
    }
    return values.contains("follow") && COVERED_BY_FOLLOW.contains(required);
  }

  /** True if every scope in {@code requested} is allowed by these scopes. */
  public boolean covers(Scopes requested) {
    return requested.values.stream().allMatch(this::allows);
  }

  /** Space-separated, in a stable order, as OAuth responses carry scopes. */
  public String text() {
    return values.stream().sorted().collect(Collectors.joining(" "));
  }

  @Override
  public String toString() {
    return text();
  }
}
