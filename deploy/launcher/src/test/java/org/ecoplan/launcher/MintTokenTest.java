package org.ecoplan.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.ecoplan.infrastructure.token.SigningKeys;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MintTokenTest {

    @TempDir
    Path root;

    @Test
    void mintsTokensThatTheLocalServicesVerifyWithTheStoredPublicKey() throws Exception {
        LocalFolders folders = new LocalFolders(root);

        String first = MintToken.mint(folders, "reporter", "YQ-ENV", "li.lei");
        String second = MintToken.mint(folders, "admin", null, "admin@ecoplan.local");

        Path publicKey = folders.keys().resolve(SigningKeys.PUBLIC_KEY_FILE);
        var consumer = new JwtConsumerBuilder()
                .setVerificationKey(SigningKeys.readPublicKey(Files.readString(publicKey)))
                .setExpectedIssuer(LocalStack.ISSUER)
                .setRequireExpirationTime()
                .build();
        JwtClaims reporter = consumer.processToClaims(first);
        assertEquals("li.lei", reporter.getSubject());
        assertEquals(List.of("reporter"), reporter.getStringListClaimValue("groups"));
        assertEquals("YQ-ENV", reporter.getClaimValueAsString("department"));
        JwtClaims admin = consumer.processToClaims(second);
        assertTrue(admin.getClaimValue("department") == null, "no department claim without a department");
    }
}
