package app.podium.accounts;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/**
 * Argon2id with OWASP's minimum parameters (19 MiB, 2 iterations, 1 lane), through password4j. The
 * hash string carries its parameters, so raising them later still verifies old hashes.
 */
public final class Argon2PasswordHasher implements PasswordHasher {
  private static final Argon2Function ARGON2 =
      Argon2Function.getInstance(19 * 1024, 2, 1, 32, Argon2.ID);
  private static final String DUMMY_HASH =
      Password.hash("podium-timing-equalizer").addRandomSalt(16).with(ARGON2).getResult();

  @Override
  public String hash(String password) {
    return Password.hash(password).addRandomSalt(16).with(ARGON2).getResult();
  }

  @Override
  public boolean matches(String password, String hash) {
    return Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash));
  }

  @Override
  public void burnEquivalentTime(String password) {
    matches(password, DUMMY_HASH);
  }
}
