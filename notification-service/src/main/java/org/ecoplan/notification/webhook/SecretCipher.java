package org.ecoplan.notification.webhook;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;

/**
 * Keeps subscription secrets encrypted at rest (AES-256-GCM, {@code v1:<base64(iv|ciphertext)>}) when a key is
 * configured. Without a key (the local run) they are stored as {@code plain:<secret>}, and a warning says so:
 * the signing needs the secret itself, so hashing is not an option.
 */
@ApplicationScoped
public class SecretCipher {

    private static final String ENCRYPTED = "v1:";
    private static final String PLAIN = "plain:";
    private static final int IV_BYTES = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Optional<SecretKey> key;

    SecretCipher(WebhookConfig config) {
        this.key = config.secretEncryptionKey().filter(text -> !text.isBlank())
                .map(text -> new SecretKeySpec(Base64.getDecoder().decode(text.trim()), "AES"));
        if (key.isEmpty()) {
            Log.warn("ecoplan.webhooks.secret-encryption-key is not set: webhook secrets are stored unencrypted");
        }
    }

    public String seal(String secret) {
        if (key.isEmpty()) {
            return PLAIN + secret;
        }
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key.get(), new GCMParameterSpec(128, iv));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return ENCRYPTED + Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot encrypt a webhook secret", e);
        }
    }

    public String open(String stored) {
        if (stored.startsWith(PLAIN)) {
            return stored.substring(PLAIN.length());
        }
        if (key.isEmpty()) {
            throw new IllegalStateException("A webhook secret is encrypted but no ecoplan.webhooks.secret-encryption-key is set");
        }
        try {
            byte[] sealed = Base64.getDecoder().decode(stored.substring(ENCRYPTED.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key.get(), new GCMParameterSpec(128, sealed, 0, IV_BYTES));
            return new String(cipher.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot decrypt a webhook secret (wrong key?)", e);
        }
    }
}
