package app.podium.operations;

import app.podium.AwsClients;
import app.podium.Backend;
import app.podium.http.Json;
import app.podium.shared.Variables;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Creates the first admin on AWS, once: reads {@code {"username", "email", "password"}} from the
 * Secrets Manager secret named by {@code ADMIN_SECRET_ARN} and calls {@code
 * SignupService.ensureAdmin}, which does nothing when the username exists. Invoked by hand ({@code
 * aws lambda invoke}), never behind the API; the event is ignored. The password is neither logged
 * nor returned, nor quoted in any error.
 */
public final class BootstrapAdminHandler
    implements RequestHandler<Map<String, Object>, Map<String, Object>> {
  public static final String SECRET_ARN_ENV = Variables.ADMIN_SECRET_ARN.name();
  static final List<String> FIELDS = List.of("username", "email", "password");

  private static final Logger LOG = LogManager.getLogger(BootstrapAdminHandler.class);

  /** What the handler needs of the accounts: {@code SignupService.ensureAdmin}. */
  @FunctionalInterface
  public interface Admins {
    /** True if it created the admin, false if the username already existed. */
    boolean ensureAdmin(String username, String email, String password);
  }

  private final Function<String, String> secrets;
  private final Admins admins;
  private final String secretId;

  /** Lambda's constructor: Secrets Manager and the container's services. */
  public BootstrapAdminHandler() {
    this(
        secretsManager(
            AwsClients.secretsManager(
                Variables.SECRETS_MANAGER_ENDPOINT.readIfSet(System.getenv()).orElse(null))),
        Backend.shared().signup()::ensureAdmin,
        Variables.ADMIN_SECRET_ARN.read(System.getenv()));
  }

  /**
   * @param secrets the secret string of a secret id (ARN or name)
   * @param secretId the secret holding the admin's credentials
   */
  public BootstrapAdminHandler(Function<String, String> secrets, Admins admins, String secretId) {
    this.secrets = secrets;
    this.admins = admins;
    this.secretId = secretId;
  }

  /** Reads a secret's string through Secrets Manager ({@code secretsmanager:GetSecretValue}). */
  public static Function<String, String> secretsManager(SecretsManagerClient client) {
    return id -> client.getSecretValue(r -> r.secretId(id)).secretString();
  }

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    if (secretId == null || secretId.isBlank()) {
      throw new IllegalStateException(
          SECRET_ARN_ENV
              + " is not set: it names the secret with the admin's "
              + "username, email and password");
    }
    Credentials credentials = parse(secretId, secrets.apply(secretId));
    boolean created =
        admins.ensureAdmin(credentials.username(), credentials.email(), credentials.password());
    LOG.info(
        "Admin {} {}",
        credentials.username(),
        created ? "created" : "already exists; nothing changed");
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("created", created);
    result.put("username", credentials.username());
    return result;
  }

  /** The admin's credentials; {@link #toString()} leaves the password out. */
  record Credentials(String username, String email, String password) {
    @Override
    public String toString() {
      return "Credentials[username=" + username + ", email=" + email + ", password=***]";
    }
  }

  /**
   * The secret's JSON. Errors name the secret and the missing fields, never the content: a Jackson
   * message could quote part of the password.
   */
  static Credentials parse(String secretId, String secret) {
    String expected =
        "secret "
            + secretId
            + " must be a JSON object with non-empty string fields "
            + String.join(", ", FIELDS);
    if (secret == null) {
      throw new IllegalArgumentException(expected + "; it has no secret string (binary secret?)");
    }
    JsonNode json;
    try {
      json = Json.MAPPER.readTree(secret);
    } catch (JsonProcessingException e) {
      var location = e.getLocation();
      throw new IllegalArgumentException(
          expected
              + "; it is not valid JSON"
              + (location == null
                  ? ""
                  : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")"));
    }
    if (json == null || !json.isObject()) {
      throw new IllegalArgumentException(expected + "; it is not a JSON object");
    }
    List<String> missing = new ArrayList<>();
    for (String field : FIELDS) {
      JsonNode value = json.get(field);
      if (value == null || !value.isTextual() || value.asText().isBlank()) {
        missing.add(field);
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          expected + "; missing, empty or not a string: " + String.join(", ", missing));
    }
    return new Credentials(
        json.get("username").asText().trim(),
        json.get("email").asText().trim(),
        json.get("password").asText());
  }
}
