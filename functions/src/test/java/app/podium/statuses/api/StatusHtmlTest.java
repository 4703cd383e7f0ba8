package app.podium.statuses.api;

import static org.assertj.core.api.Assertions.assertThat;

import app.podium.http.Html;
import app.podium.statuses.Mention;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusHtmlTest {
  static final String BASE = "https://podium.example";
  static final List<Mention> ALICE = List.of(new Mention("7", "alice"));

  static String alice() {
    return "<span class=\"h-card\" translate=\"no\"><a href=\"https://podium.example/@alice\" class=\"u-url mention\">"
        + "@<span>alice</span></a></span>";
  }

  static String tag(String folded, String typed) {
    return "<a href=\"https://podium.example/tags/"
        + folded
        + "\" class=\"mention hashtag\" rel=\"tag\">#<span>"
        + typed
        + "</span></a>";
  }

  @Test
  void plainTextIsEscapedIntoParagraphsAndLineBreaks() {
    assertThat(Html.paragraphs("a <b> & \"c\" 'd'\nnext\n\n\nnew"))
        .isEqualTo("<p>a &lt;b&gt; &amp; &quot;c&quot; &#39;d&#39;<br />next</p><p>new</p>");
    assertThat(Html.paragraphs("  ")).isEmpty();
  }

  @Test
  void resolvedMentionsAndTagsAreLinked() {
    assertThat(
            StatusHtml.content("hi @Alice, see #Java\n\n#java again", ALICE, List.of("java"), BASE))
        .isEqualTo(
            "<p>hi "
                + alice()
                + ", see "
                + tag("java", "Java")
                + "</p><p>"
                + tag("java", "java")
                + " again</p>");
  }

  @Test
  void unknownNamesAndUnstoredTagsStayPlainText() {
    assertThat(StatusHtml.content("@nobody #untagged", ALICE, List.of(), BASE))
        .isEqualTo("<p>@nobody #untagged</p>");
  }

  @Test
  void aTagLinkIsPercentEncoded() {
    assertThat(StatusHtml.content("#Café", List.of(), List.of("café"), BASE))
        .isEqualTo("<p>" + tag("caf%C3%A9", "Café") + "</p>");
  }

  @Test
  void noMarkupFromTheClientSurvivesAroundOrInsideLinks() {
    String html =
        StatusHtml.content(
            "<script>alert(1)</script> @<b>x</b> #\"onmouseover=alert(1) @alice\"><img src=x>"
                + " #tag<i>",
            ALICE,
            List.of("tag"),
            BASE);
    assertThat(html)
        .isEqualTo(
            "<p>&lt;script&gt;alert(1)&lt;/script&gt; @&lt;b&gt;x&lt;/b&gt; "
                + "#&quot;onmouseover=alert(1) "
                + alice()
                + "&quot;&gt;&lt;img src=x&gt; "
                + tag("tag", "tag")
                + "&lt;i&gt;</p>");
    String withoutOurMarkup = html.replace(alice(), "").replace(tag("tag", "tag"), "");
    assertThat(withoutOurMarkup.replace("<p>", "").replace("</p>", ""))
        .doesNotContain("<", ">", "\"");
  }
}
