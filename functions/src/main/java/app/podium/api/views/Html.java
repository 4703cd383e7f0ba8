package app.podium.api.views;

/** Plain text to the HTML Mastodon clients render: escaped, paragraphs and line breaks. */
final class Html {
  private Html() {}

  static String escape(String text) {
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

  /** Blank lines split paragraphs; single newlines become {@code <br />}. Empty text stays empty. */
  static String paragraphs(String text) {
    if (text == null || text.isBlank()) {
      return "";
    }
    StringBuilder html = new StringBuilder();
    for (String paragraph : text.strip().replace("\r\n", "\n").split("\n{2,}")) {
      html.append("<p>").append(escape(paragraph).replace("\n", "<br />")).append("</p>");
    }
    return html.toString();
  }
}
