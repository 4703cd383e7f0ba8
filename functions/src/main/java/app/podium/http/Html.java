package app.podium.http;

import java.util.regex.Pattern;

/**
 * Plain text to the HTML Mastodon clients render: escaped, in paragraphs and line breaks. Every
 * character a client sent is escaped; the only markup is what is written here (and, for a status's
 * links, in {@code StatusHtml}).
 */
public final class Html {
  /** Compiled once: every account and status of a page is rendered through it. */
  private static final Pattern BLANK_LINES = Pattern.compile("\n{2,}");

  private Html() {}

  public static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * Blank lines split paragraphs; single newlines become {@code <br />}. Empty text stays empty.
   */
  public static String paragraphs(String text) {
    if (text == null || text.isBlank()) {
      return "";
    }
    return "<p>" + lines(text.strip().replace("\r\n", "\n")) + "</p>";
  }

  /**
   * Escaped, with blank lines closing a paragraph and opening the next, single newlines as {@code
   * <br />}.
   */
  public static String lines(String plain) {
    return BLANK_LINES.matcher(escape(plain)).replaceAll("</p><p>").replace("\n", "<br />");
  }
}
