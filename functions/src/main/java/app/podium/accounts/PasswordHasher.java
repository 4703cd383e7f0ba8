package app.podium.accounts;

/**
 * Hashes and checks passwords; implemented with a maintained Argon2id library outside the domain.
 */
public interface PasswordHasher {
  String hash(String password);

  boolean matches(String password, String hash);

  /**
   * Spends the time of one {@link #matches} without a stored hash, so an unknown user costs a login
   * request as long as a wrong password does.
   */
  void burnEquivalentTime(String password);
}
