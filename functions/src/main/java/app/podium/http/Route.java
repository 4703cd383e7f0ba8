package app.podium.http;

import app.podium.Grants;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/**
 * One route, declared once: method, path (API Gateway's syntax: {@code /api/v1/accounts/{id}}), the
 * name of its function, who may call it, what it may touch, and its code, a method of its feature's
 * endpoints {@code E}. A declaration builds no client: the CDK stack (one function per route, its
 * IAM grants and environment from {@link #grants}), the local server, the OpenAPI check and the ITs
 * read it as it is, and the composition root binds its code to the endpoints it builds with exactly
 * the services they need.
 */
public record Route<E>(
    Method method, String path, String name, Access access, Grants grants, Code<E> code) {
  public enum Method {
    GET,
    POST,
    PUT,
    PATCH,
    DELETE
  }

  /** The route's code on its feature's endpoints. */
  @FunctionalInterface
  public interface Code<E> {
    APIGatewayV2HTTPResponse run(E endpoints, ApiRequest request);
  }

  /**
   * Every route function checks the origin first ({@link OriginCheck}): it reads the origin secret.
   */
  public Route {
    grants = grants.readOriginSecret();
  }

  public static <E> Route<E> get(
      String path, String name, Access access, Grants grants, Code<E> code) {
    return new Route<>(Method.GET, path, name, access, grants, code);
  }

  public static <E> Route<E> post(
      String path, String name, Access access, Grants grants, Code<E> code) {
    return new Route<>(Method.POST, path, name, access, grants, code);
  }

  public static <E> Route<E> patch(
      String path, String name, Access access, Grants grants, Code<E> code) {
    return new Route<>(Method.PATCH, path, name, access, grants, code);
  }

  public static <E> Route<E> delete(
      String path, String name, Access access, Grants grants, Code<E> code) {
    return new Route<>(Method.DELETE, path, name, access, grants, code);
  }

  /** API Gateway's route key, e.g. {@code GET /api/v1/accounts/{id}}. */
  public String key() {
    return method + " " + path;
  }

  /** The route's code on the endpoints the composition root built. */
  public Endpoint bind(E endpoints) {
    return request -> code.run(endpoints, request);
  }
}
