package dev.hookline.application.port.out;

/** A slow, salted password hash (bcrypt or similar). */
public interface PasswordHasher {

    String hash(String password);

    boolean matches(String password, String hash);
}
