package org.ecoplan.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.Test;

import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;

class VerifiedTokensTest {

    private static final KeyPair KEYS = keys();
    private static final KeyPair OTHER_KEYS = keys();
    private final JWTAuthContextInfo context = new JWTAuthContextInfo(KEYS.getPublic(), "ecoplan-test");

    @Test
    void aVerifiedTokenIsAnsweredFromTheCacheUntilItExpires() throws Exception {
        var tokens = new VerifiedTokens(10, Duration.ofMinutes(5));
        String token = sign(KEYS, 2);

        JsonWebToken first = tokens.parse(token, context);
        assertThat(tokens.parse(token, context)).isSameAs(first);
        assertThat(first.getName()).isEqualTo("zhang.wei");
        assertThat(first.<Object>getClaim("department").toString()).contains("ENV");
        assertThat(first.getGroups()).containsExactly("reporter");

        Thread.sleep(2_200);
        // Past exp the cached entry is gone; the verifier (with its clock skew) decides afresh.
        assertThat(tokens.parse(token, context)).isNotSameAs(first);
    }

    @Test
    void aRefusedTokenIsNeverRemembered() throws Exception {
        var tokens = new VerifiedTokens(10, Duration.ofMinutes(5));
        String forged = sign(OTHER_KEYS, 300);

        assertThatThrownBy(() -> tokens.parse(forged, context)).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> tokens.parse(forged, context)).isInstanceOf(ParseException.class);
    }

    @Test
    void anotherVerificationContextChecksTheTokenAfreshAndAZeroSizeTurnsTheCacheOff() throws Exception {
        String token = sign(KEYS, 300);
        var tokens = new VerifiedTokens(10, Duration.ofMinutes(5));
        JsonWebToken first = tokens.parse(token, context);
        assertThat(tokens.parse(token, new JWTAuthContextInfo(KEYS.getPublic(), "ecoplan-test"))).isNotSameAs(first);

        var uncached = new VerifiedTokens(0, Duration.ofMinutes(5));
        assertThat(uncached.parse(token, context)).isNotSameAs(uncached.parse(token, context));
    }

    @Test
    void theMaxAgeBoundsHowLongAVerificationIsReused() throws Exception {
        var tokens = new VerifiedTokens(10, Duration.ofMillis(300));
        String token = sign(KEYS, 300);
        JsonWebToken first = tokens.parse(token, context);
        assertThat(tokens.parse(token, context)).isSameAs(first);
        Thread.sleep(500);
        assertThat(tokens.parse(token, context)).isNotSameAs(first);
    }

    private static String sign(KeyPair keys, int secondsValid) throws JoseException {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer("ecoplan-test");
        claims.setSubject("zhang.wei");
        claims.setIssuedAtToNow();
        NumericDate expires = NumericDate.now();
        expires.addSeconds(secondsValid);
        claims.setExpirationTime(expires);
        claims.setStringListClaim("groups", List.of("reporter"));
        claims.setClaim("department", "ENV");
        JsonWebSignature signature = new JsonWebSignature();
        signature.setPayload(claims.toJson());
        signature.setKey(keys.getPrivate());
        signature.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        signature.setHeader("typ", "JWT");
        return signature.getCompactSerialization();
    }

    private static KeyPair keys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
