package app.podium.statuses;

import app.podium.shared.Visibility;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mentions and hashtags of a status's text, found as Mastodon finds them. A mention is
 * {@code @username} at the start of the text or after a character that is neither a word character
 * nor {@code /} or {@code =}; usernames are ASCII letters, digits and underscores, and a name
 * followed by {@code @domain} names a remote account, which is no local mention. A hashtag is
 * {@code #name} of letters, digits and underscores, not all digits, not inside a word or after
 * {@code /}, {@code =} or {@code )}. Nothing inside a URL is either.
 */
public final class StatusText {
  /** Distinct names resolved per status; further names stay plain text. */
  public static final int MAX_MENTIONS = 20;

  /** A longer name is no tag (a table key has a size limit, and no reader types one). */
  public static final int MAX_TAG_LENGTH = 100;

  /**
   * Tags of one status that its tag timelines list (the rest are shown and linked, not indexed).
   */
  public static final int MAX_INDEXED_TAGS = 10;

  private static final String WORD = "\\p{L}\\p{N}\\p{M}_";
  private static final Pattern URL = Pattern.compile("(?i)\\bhttps?://[^\\s<>\"]+");
  private static final Pattern MENTION =
      Pattern.compile(
          "(?<!["
              + WORD
              + "/=])@([A-Za-z0-9_]+)(?!["
              + WORD
              + "])(?!@["
              + WORD
              + ".-]*["
              + WORD
              + "])");
  private static final Pattern TAG =
      Pattern.compile(
          "(?<![" + WORD + "/=)])#([" + WORD + "]*\\p{L}[" + WORD + "]*)(?![" + WORD + "])");

  public enum Kind {
    MENTION,
    TAG
  }

  /**
   * One mention or hashtag: {@code start} (inclusive) to {@code end} (exclusive) in the text, the
   * {@code @} or {@code #} included; {@code name} as typed, without it.
   */
  public record Entity(Kind kind, int start, int end, String name) {}

  private StatusText() {}

  /**
   * The mentions and hashtags in the order they appear (a name too long to be a tag is left out).
   */
  public static List<Entity> entities(String text) {
    if (text == null || text.isEmpty()) {
      return List.of();
    }
    List<int[]> urls = new ArrayList<>();
    Matcher url = URL.matcher(text);
    while (url.find()) {
      urls.add(new int[] {url.start(), url.end()});
    }
    List<Entity> found = new ArrayList<>();
    Matcher mention = MENTION.matcher(text);
    while (mention.find()) {
      if (!insideAny(urls, mention.start())) {
        found.add(new Entity(Kind.MENTION, mention.start(), mention.end(), mention.group(1)));
      }
    }
    Matcher tag = TAG.matcher(text);
    while (tag.find()) {
      String folded = fold(tag.group(1));
      if (!insideAny(urls, tag.start())
          && folded.codePointCount(0, folded.length()) <= MAX_TAG_LENGTH) {
        found.add(new Entity(Kind.TAG, tag.start(), tag.end(), tag.group(1)));
      }
    }
    found.sort((a, b) -> Integer.compare(a.start(), b.start()));
    return found;
  }

  /**
   * The distinct usernames mentioned, lower case, in order of first appearance, at most {@link
   * #MAX_MENTIONS}.
   */
  public static List<String> mentionedNames(String text) {
    Set<String> names = new LinkedHashSet<>();
    for (Entity entity : entities(text)) {
      if (entity.kind() == Kind.MENTION && names.size() < MAX_MENTIONS) {
        names.add(entity.name().toLowerCase(Locale.ROOT));
      }
    }
    return List.copyOf(names);
  }

  /** The distinct hashtags, case-folded ({@link #fold}), in order of first appearance. */
  public static List<String> tags(String text) {
    Set<String> tags = new LinkedHashSet<>();
    for (Entity entity : entities(text)) {
      if (entity.kind() == Kind.TAG) {
        tags.add(fold(entity.name()));
      }
    }
    return List.copyOf(tags);
  }

  /** A hashtag as stored and looked up: NFKC, then lower case in the root locale. */
  public static String fold(String tag) {
    return Normalizer.normalize(tag, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
  }

  /** True when {@code name} (without {@code #}) is a hashtag as {@link #tags} finds them. */
  public static boolean isTag(String name) {
    if (name == null || name.isEmpty() || name.length() > 4 * MAX_TAG_LENGTH) {
      return false;
    }
    List<String> tags = tags("#" + name);
    return tags.size() == 1 && entities("#" + name).getFirst().end() == name.length() + 1;
  }

  private static boolean insideAny(List<int[]> ranges, int position) {
    for (int[] range : ranges) {
      if (position >= range[0] && position < range[1]) {
        return true;
      }
    }
    return false;
  }

  /**
   * The tags a public status is listed under: its first {@link #MAX_INDEXED_TAGS}; none for any
   * other status.
   */
  public static List<String> indexedTags(Status status) {
    if (status.visibility() != Visibility.PUBLIC || status.isReblog()) {
      return List.of();
    }
    return status.tags().stream().limit(MAX_INDEXED_TAGS).toList();
  }
}
