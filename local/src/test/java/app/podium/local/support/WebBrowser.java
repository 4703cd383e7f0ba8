package app.podium.local.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser without JavaScript on the local stack's pages: it keeps its cookies, follows no
 * redirect by itself (a test reads each {@code Location}), posts forms from this site ({@code
 * Origin}), and has a client address of its own so that its sign-ins count on their own.
 */
public class WebBrowser {
  static final HttpClient HTTP =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  static final Pattern TOKEN_FIELD =
      Pattern.compile("name=\"authenticity_token\" value=\"([A-Za-z0-9_-]{43})\"");

  /** An answer with every Set-Cookie kept. */
  public record Page(int status, HttpResponse<String> raw) {
    public String body() {
      return raw.body();
    }

    public Optional<String> header(String name) {
      return raw.headers().firstValue(name);
    }

    /** The Set-Cookie value for {@code name}, if the answer sets it. */
    public Optional<String> setCookie(String name) {
      return raw.headers().allValues("set-cookie").stream()
          .filter(c -> c.startsWith(name + "="))
          .findFirst();
    }

    /** The value the answer gives the cookie. */
    public Optional<String> cookieValue(String name) {
      return setCookie(name).map(c -> c.substring(name.length() + 1, c.indexOf(';')));
    }

    /** The form's hidden CSRF token. */
    public String csrfField() {
      Matcher m = TOKEN_FIELD.matcher(body());
      assertThat(m.find()).as("a hidden authenticity_token field in %s", body()).isTrue();
      return m.group(1);
    }

    /** The value of the hidden field {@code name} (HTML-escaped as the page has it). */
    public Optional<String> hiddenField(String name) {
      Matcher m =
          Pattern.compile(
                  "<input type=\"hidden\" name=\"" + Pattern.quote(name) + "\" value=\"([^\"]*)\">")
              .matcher(body());
      return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    @Override
    public String toString() {
      return status + " " + raw.headers().map() + "\n" + body();
    }
  }

  private final String baseUrl;
  public final Map<String, String> cookies = new LinkedHashMap<>();
  public final String address = Podium.freshAddress();

  public WebBrowser(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  public Page get(String path) {
    return send("GET", path, null, Map.of());
  }

  /** Posts a form from this site, as the site's own page does. */
  public Page post(String path, Map<String, String> form) {
    return post(path, form, Map.of("Origin", baseUrl));
  }

  /** Posts a form with {@code headers} instead of this site's {@code Origin}. */
  public Page post(String path, Map<String, String> form, Map<String, String> headers) {
    String body =
        form.entrySet().stream()
            .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
            .collect(Collectors.joining("&"));
    return send("POST", path, body, headers);
  }

  /** Opens the sign-in form and posts it, as a person would, coming back to {@code returnTo}. */
  public Page signIn(String login, String password, String returnTo) {
    Page form = get("/auth/sign_in");
    assertThat(form.status()).as(form.toString()).isEqualTo(200);
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("authenticity_token", form.csrfField());
    fields.put("username", login);
    fields.put("password", password);
    if (returnTo != null) {
      fields.put("return_to", returnTo);
    }
    return post("/auth/sign_in", fields);
  }

  public Page send(String method, String path, String body, Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(Duration.ofSeconds(120))
            .header("CloudFront-Viewer-Address", address + ":4000")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/x-www-form-urlencoded");
    }
    headers.forEach(request::header);
    if (!cookies.isEmpty()) {
      request.header(
          "Cookie",
          cookies.entrySet().stream()
              .map(e -> e.getKey() + "=" + e.getValue())
              .collect(Collectors.joining("; ")));
    }
    try {
      HttpResponse<String> response =
          HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      for (String set : response.headers().allValues("set-cookie")) {
        String name = set.substring(0, set.indexOf('='));
        String value = set.substring(name.length() + 1, set.indexOf(';'));
        if (set.contains("Max-Age=0")) {
          cookies.remove(name);
        } else {
          cookies.put(name, value);
        }
      }
      return new Page(response.statusCode(), response);
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  public static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
