package app.podium.local.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A small HTTP client for integration tests: requests to the local stack's API, answers parsed as
 * JSON. Each call is one real HTTP request through the local server, the authorizer and the
 * handler, and each answer on a documented route is held to openapi.yaml by {@link OpenApiContract}
 * before the test sees it.
 */
public final class ApiClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String baseUrl;

  public ApiClient(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  public record Response(int status, Map<String, String> headers, String body) {
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON (" + status + "): " + body, e);
      }
    }

    public String field(String name) {
      JsonNode value = json().get(name);
      return value == null || value.isNull() ? null : value.asText();
    }

    public String header(String name) {
      return headers.get(name.toLowerCase());
    }

    /**
     * Asserts a validation refusal as Mastodon answers it: a 422 whose {@code details} name the
     * field's first error; returns the answer.
     */
    public Response invalid(String field, String error) {
      expect(422);
      assertThat(json().at("/details/" + field + "/0/error").asText())
          .as(toString())
          .isEqualTo(error);
      return this;
    }

    /** Asserts the answer's status, showing the whole answer when it differs; returns it. */
    public Response expect(int expected) {
      assertThat(status).as(toString()).isEqualTo(expected);
      return this;
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }

  /** How many answers had each status, for a burst of concurrent calls. */
  public static Map<Integer, Long> statuses(List<Response> responses) {
    return responses.stream()
        .collect(Collectors.groupingBy(Response::status, Collectors.counting()));
  }

  /** The JSON array of an answer that must be a 200 holding one. */
  public static JsonNode okArray(Response response) {
    JsonNode json = ok(response);
    assertThat(json.isArray()).as(response.toString()).isTrue();
    return json;
  }

  /** One field of every element of a JSON array, as text, in order. */
  public static List<String> texts(JsonNode array, String field) {
    List<String> texts = new java.util.ArrayList<>();
    array.forEach(element -> texts.add(element.get(field).asText()));
    return texts;
  }

  /** The JSON of an answer that must be a 200. */
  public static JsonNode ok(Response response) {
    return response.expect(200).json();
  }

  /** A request under construction: method, path, token, headers, body. */
  public final class Call {
    private final String method;
    private final String path;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();
    private String outsideContract;

    private Call(String method, String path) {
      this.method = method;
      this.path = path;
    }

    public Call token(String token) {
      return header("Authorization", "Bearer " + token);
    }

    public Call header(String name, String value) {
      headers.put(name, value);
      return this;
    }

    public Call form(Map<String, ?> fields) {
      header("Content-Type", "application/x-www-form-urlencoded");
      body =
          HttpRequest.BodyPublishers.ofString(
              fields.entrySet().stream()
                  .map(e -> encode(e.getKey()) + "=" + encode(String.valueOf(e.getValue())))
                  .collect(Collectors.joining("&")));
      return this;
    }

    public Call json(Object value) {
      try {
        return raw("application/json", JSON.writeValueAsString(value));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    public Call raw(String contentType, String text) {
      header("Content-Type", contentType);
      body = HttpRequest.BodyPublishers.ofString(text);
      return this;
    }

    public Call bytes(String contentType, byte[] bytes) {
      header("Content-Type", contentType);
      body = HttpRequest.BodyPublishers.ofByteArray(bytes);
      return this;
    }

    /**
     * Skips the OpenAPI check for this one call, for an answer that is not Podium's to document
     * (API Gateway's own refusals, say). The reason is required so that the exception reads as one.
     */
    public Call outsideContract(String reason) {
      if (reason == null || reason.isBlank()) {
        throw new IllegalArgumentException("say why this response is outside the OpenAPI contract");
      }
      outsideContract = reason;
      return this;
    }

    public Response send() {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(baseUrl + path))
              // long: IT classes run side by side on a 2-core machine that other builds share, and
              // a request may wait behind another class's burst of Argon2 signups
              .timeout(Duration.ofSeconds(120))
              .method(method, body);
      headers.forEach(request::header);
      try {
        HttpResponse<String> response =
            HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        Map<String, String> responseHeaders = new LinkedHashMap<>();
        response
            .headers()
            .map()
            .forEach((name, values) -> responseHeaders.put(name.toLowerCase(), values.getFirst()));
        Response answer = new Response(response.statusCode(), responseHeaders, response.body());
        if (outsideContract == null) {
          OpenApiContract.get().check(method, path, answer);
        }
        return answer;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /** A request with any method, e.g. one a route added later uses ({@code PUT}). */
  public Call method(String method, String path) {
    return new Call(method, path);
  }

  public Call get(String path) {
    return new Call("GET", path);
  }

  public Call post(String path) {
    return new Call("POST", path);
  }

  public Call patch(String path) {
    return new Call("PATCH", path);
  }

  public Call options(String path) {
    return new Call("OPTIONS", path);
  }

  public Call delete(String path) {
    return new Call("DELETE", path);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
