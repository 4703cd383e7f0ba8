package app.podium.pages;

import gg.jte.html.HtmlTemplateOutput;
import gg.jte.html.OwaspHtmlTemplateOutput;
import gg.jte.output.StringOutput;
import java.util.List;
import java.util.Map;
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

  /**
   * The OAuth consent page: the app, the scopes it asks for, the member it would act as, and a form
   * that carries the checked request ({@code fields}) to approve or deny it.
   */
  public static String consent(
      String appName,
      String website,
      List<String> scopes,
      String acct,
      Map<String, String> fields,
      String csrf) {
    return render(
        out -> JteconsentGenerated.render(out, null, appName, website, scopes, acct, fields, csrf));
  }

  /** An out-of-band app's code, for the member to copy into the app. */
  public static String authorizationCode(String appName, String code) {
    return render(out -> JteauthorizationCodeGenerated.render(out, null, appName, code));
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
