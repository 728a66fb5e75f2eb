package dev.hookline.adapters.persistence;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encrypts signing secrets at rest with AES-256-GCM: a random 12-byte IV per value, stored as
 * {@code v1:} + base64(iv || ciphertext || tag). The associated data binds a value to its row
 * (the endpoint id), so a ciphertext copied to another row does not decrypt.
 *
 * <p>The key is {@code hookline.secret-key} (base64 of 32 bytes). Without it, a key is generated
 * on first start into {@code ${hookline.data-dir}/secret-key} (mode 600) and read from there
 * afterwards: back that file up with the database.
 */
@Singleton
public class SecretCipher {

    private static final Logger LOG = LoggerFactory.getLogger(SecretCipher.class);
    private static final String VERSION = "v1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int KEY_BYTES = 32;

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    public SecretCipher(@Nullable @Value("${hookline.secret-key:}") String configuredKey,
                        @Value("${hookline.data-dir:./data}") String dataDir) {
        this(configuredKey != null && !configuredKey.isBlank()
                ? decodeKey(configuredKey.trim(), "hookline.secret-key")
                : keyFromFile(Path.of(dataDir).resolve("secret-key")));
    }

    public SecretCipher(byte[] key) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("the secret key must be " + KEY_BYTES + " bytes, not " + key.length);
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    /**
     * A fingerprint of the key that reveals nothing about it (HMAC-SHA256 of a fixed text), to
     * check that every node of a database uses the same key.
     */
    public String fingerprint() {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            byte[] digest = mac.doFinal("hookline secret-key fingerprint v1".getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(digest, 12));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** Encrypts {@code plaintext}, bound to {@code context} (e.g. the row id). */
    public String encrypt(String plaintext, String context) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return VERSION + Base64.getEncoder().encodeToString(
                    ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /**
     * Decrypts a value made by {@link #encrypt} with the same key and context.
     *
     * @throws IllegalStateException when the key (or context) is not the one it was encrypted with
     */
    public String decrypt(String stored, String context) {
        if (stored == null || !stored.startsWith(VERSION)) {
            throw new IllegalStateException("stored secret of " + context + " is not encrypted in a known format");
        }
        byte[] all = Base64.getDecoder().decode(stored.substring(VERSION.length()));
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new IllegalStateException("cannot decrypt the signing secrets of " + context
                    + ": hookline.secret-key (or the data directory's secret-key file) is not the key they were"
                    + " encrypted with", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot decrypt the signing secrets of " + context, e);
        }
    }

    private static byte[] decodeKey(String base64, String source) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(source + " is not base64", e);
        }
        if (key.length != KEY_BYTES) {
            throw new IllegalStateException(source + " must be the base64 of " + KEY_BYTES + " bytes (openssl rand"
                    + " -base64 32), it has " + key.length);
        }
        return key;
    }

    private static byte[] keyFromFile(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                byte[] fresh = new byte[KEY_BYTES];
                new SecureRandom().nextBytes(fresh);
                String text = Base64.getEncoder().encodeToString(fresh) + "\n";
                try {
                    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                        Files.createFile(file,
                                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    } else {
                        Files.createFile(file);
                    }
                    Files.writeString(file, text, StandardCharsets.US_ASCII);
                    LOG.warn("hookline.secret-key is not set: generated a key into {} - back it up, signing secrets"
                            + " cannot be read without it", file.toAbsolutePath());
                    return fresh;
                } catch (FileAlreadyExistsException raced) {
                    // another process made it first: use theirs
                }
            }
            return decodeKey(Files.readString(file, StandardCharsets.US_ASCII).trim(), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the secret key file " + file, e);
        }
    }
}
