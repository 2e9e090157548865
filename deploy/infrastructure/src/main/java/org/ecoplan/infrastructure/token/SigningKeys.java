package org.ecoplan.infrastructure.token;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The RSA key pair that signs the tokens of a local run or a test JVM, as PEM text (PKCS#8 private
 * key, X.509 public key: what {@code mp.jwt.verify.publickey[.location]} reads). Production keys
 * never come from here: services read their public key (or an OIDC provider) from configuration.
 */
public final class SigningKeys {

    public static final String PRIVATE_KEY_FILE = "privateKey.pem";
    public static final String PUBLIC_KEY_FILE = "publicKey.pem";

    private SigningKeys() {
    }

    /** @return a new 2048-bit RSA key pair */
    public static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is not available", e);
        }
    }

    /**
     * Reads {@code privateKey.pem} and {@code publicKey.pem} from {@code directory}, generating and
     * writing them first if they are missing (the private key readable by its owner only).
     */
    public static KeyPair loadOrCreate(Path directory) {
        Path privateKeyFile = directory.resolve(PRIVATE_KEY_FILE);
        Path publicKeyFile = directory.resolve(PUBLIC_KEY_FILE);
        try {
            if (!Files.exists(privateKeyFile) || !Files.exists(publicKeyFile)) {
                Files.createDirectories(directory);
                KeyPair keys = generate();
                Files.writeString(privateKeyFile, privateKeyPem(keys.getPrivate()), StandardCharsets.US_ASCII);
                restrictToOwner(privateKeyFile);
                Files.writeString(publicKeyFile, publicKeyPem(keys.getPublic()), StandardCharsets.US_ASCII);
                return keys;
            }
            return new KeyPair(readPublicKey(Files.readString(publicKeyFile, StandardCharsets.US_ASCII)),
                    readPrivateKey(Files.readString(privateKeyFile, StandardCharsets.US_ASCII)));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or write the signing keys in " + directory, e);
        }
    }

    public static String publicKeyPem(PublicKey key) {
        return pem("PUBLIC KEY", key.getEncoded());
    }

    public static String privateKeyPem(PrivateKey key) {
        return pem("PRIVATE KEY", key.getEncoded());
    }

    public static PublicKey readPublicKey(String pem) {
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(decode(pem)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Not an RSA public key in PEM form", e);
        }
    }

    public static PrivateKey readPrivateKey(String pem) {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(decode(pem)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Not an RSA private key in PKCS#8 PEM form", e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] decode(String pem) {
        return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system (Windows): the folder's own permissions apply.
        }
    }
}
