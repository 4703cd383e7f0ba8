package app.podium.pages;

import gg.jte.html.HtmlTemplateOutput;
import gg.jte.html.OwaspHtmlTemplateOutput;
import gg.jte.output.StringOutput;
import java.util.function.Consumer;

/**
 * Every page, rendered by its template (src/main/jte, compiled to Java at build by
 * jte-maven-plugin): each method names its template's parameters, so a missing or mistyped one is a
 * compile error, and every value is HTML-escaped for where it lands (text, attribute) unless a
 * template says {@code $unsafe}, which only the layout's constant stylesheet does.
 */
public final class Pages {
  private Pages() {}

  /** The sign-in form; {@code returnTo} and {@code error} may be null. */
  public static String signIn(String login, String returnTo, String csrf, String error) {
    return render(out -> JtesignInGenerated.render(out, null, login, returnTo, csrf, error));
  }

  /** A signed-in member's settings: who they are and a sign-out button. */
  public static String settings(String displayName, String acct, String csrf) {
    return render(out -> JtesettingsGenerated.render(out, null, displayName, acct, csrf));
  }

  /** An error as a page: what {@code ErrorMapper} answers on a page route. */
  public static String error(int status, String message) {
    return render(out -> JteerrorGenerated.render(out, null, status, message));
  }

  private static String render(Consumer<HtmlTemplateOutput> template) {
    StringOutput text = new StringOutput();
    template.accept(new OwaspHtmlTemplateOutput(text));
    return text.toString();
  }
}
