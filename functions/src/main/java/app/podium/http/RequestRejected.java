package app.podium.http;

/**
 * A request refused before it reaches the domain: malformed body, wrong content type, too large.
 * The domain never sees HTTP, so these live here.
 */
public final class RequestRejected extends RuntimeException {
  private final int status;

  public RequestRejected(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  public int status() {
    return status;
  }

  public static RequestRejected badRequest(String message) {
    return new RequestRejected(400, message);
  }
}
