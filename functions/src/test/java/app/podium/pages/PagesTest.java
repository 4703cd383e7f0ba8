package app.podium.pages;

import static org.assertj.core.api.Assertions.assertThat;

import app.podium.http.PageResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PagesTest {
  static final String SCRIPT = "<script>alert(1)</script>";

  @Test
  void aDisplayNameHoldingMarkupIsWrittenAsText() {
    String html = Pages.settings(SCRIPT, "alice", "token");

    assertThat(html).doesNotContain(SCRIPT).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
  }

  @Test
  void whatTheVisitorTypedIsEscapedInTheFormsAttributesAndText() {
    String breakout = "\"><script>alert(1)</script>";
    String html = Pages.signIn(breakout, "/x\"" + SCRIPT, "token", SCRIPT);

    assertThat(html).doesNotContain("<script>").doesNotContain("\"><");
    // in a quoted attribute the quote and < are what must not pass: > ends nothing there
    assertThat(html).contains("value=\"&#34;>&lt;script>alert(1)&lt;/script>\"");
  }

  @Test
  void theErrorPageEscapesItsMessage() {
    assertThat(Pages.error(404, SCRIPT)).doesNotContain(SCRIPT).contains("&lt;script&gt;");
  }

  @Test
  void theInlineStylesheetIsExactlyWhatThePolicyAllows() {
    Matcher style =
        Pattern.compile("<style>(.*?)</style>", Pattern.DOTALL).matcher(Pages.error(500, "x"));

    assertThat(style.find()).isTrue();
    assertThat(PageResponse.CONTENT_SECURITY_POLICY)
        .contains("style-src 'sha256-" + Stylesheet.sha256Base64(style.group(1)) + "';")
        .contains("default-src 'none'")
        .contains("frame-ancestors 'none'")
        .contains("form-action 'self'")
        .contains("base-uri 'none'");
  }

  @Test
  void everyFormCarriesItsTokenAndLabelsEachField() {
    String html = Pages.signIn("", null, "the-token", null);

    assertThat(html)
        .contains("<input type=\"hidden\" name=\"authenticity_token\" value=\"the-token\">")
        .contains("<label for=\"username\">")
        .contains("<label for=\"password\">")
        .contains("autocomplete=\"username\"")
        .contains("autocomplete=\"current-password\"")
        .doesNotContain("return_to");
  }
}
