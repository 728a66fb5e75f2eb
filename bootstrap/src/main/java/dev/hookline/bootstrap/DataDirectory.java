package dev.hookline.bootstrap;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The data directory ({@code hookline.data-dir}, default {@code ./data}): where the embedded
 * database lives and where values generated on first start are kept (owner-only files).
 */
@Singleton
public class DataDirectory {

    private static final SecureRandom RANDOM = new SecureRandom();
    private final Path root;

    public DataDirectory(@Value("${hookline.data-dir:./data}") String root) {
        this.root = Path.of(root);
    }

    public Path root() {
        return root;
    }

    /** Reads the value stored under {@code name}, or generates, stores and returns it (with {@code true}). */
    public Generated valueOf(String name, Supplier<String> generator) {
        Path file = root.resolve(name);
        try {
            if (Files.exists(file)) {
                return new Generated(Files.readString(file, StandardCharsets.UTF_8).trim(), false);
            }
            Files.createDirectories(root);
            String value = generator.get();
            Path tmp = root.resolve(name + ".tmp");
            Files.writeString(tmp, value + "\n", StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return new Generated(value, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write " + file, e);
        }
    }

    /** A stored or generated value. */
    public record Generated(String value, boolean isNew) {
    }

    public static String randomToken(String prefix, int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static Optional<String> nonBlank(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s.trim());
    }
}
