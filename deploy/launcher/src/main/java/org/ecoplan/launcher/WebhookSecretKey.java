package org.ecoplan.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The AES-256 key with which notification-service encrypts webhook subscription secrets at rest
 * ({@code ecoplan.webhooks.secret-encryption-key}). Created once per installation beside the JWT keys, readable
 * by its owner only; losing it makes the stored secrets unreadable, so it lives as long as the database.
 */
final class WebhookSecretKey {

    static final String FILE = "webhook-secret.key";

    private WebhookSecretKey() {
    }

    static String loadOrCreate(Path keys) {
        Path file = keys.resolve(FILE);
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.US_ASCII).trim();
            }
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            String encoded = Base64.getEncoder().encodeToString(key);
            Files.createDirectories(keys);
            Files.writeString(file, encoded + "\n", StandardCharsets.US_ASCII);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system: the folder's own permissions have to do.
            }
            return encoded;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the webhook secret key " + file, e);
        }
    }
}
