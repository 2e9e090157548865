package org.ecoplan.infrastructure.token;

import java.security.PrivateKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Objects;
import java.util.Set;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/**
 * Mints RS256-signed JWTs in the shape EcoPlan's services expect (MicroProfile JWT):
 * {@code iss}, {@code sub} and {@code upn} (the caller), {@code groups} (EcoPlan roles: admin,
 * supervisor, reporter, integrator) and {@code department} (the caller's department code, if any).
 */
public final class TokenMinter {

    /** Claim holding the department code of the caller. */
    public static final String DEPARTMENT_CLAIM = "department";

    private final String issuer;
    private final PrivateKey signingKey;

    public TokenMinter(String issuer, PrivateKey signingKey) {
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.signingKey = Objects.requireNonNull(signingKey, "signingKey");
    }

    /**
     * @param roles          the {@code groups} claim
     * @param departmentCode the {@code department} claim; null or blank leaves it out
     * @param subject        {@code sub} and {@code upn}
     * @param lifetime       time until {@code exp}
     * @return the compact serialisation (without "Bearer ")
     */
    public String mint(Set<String> roles, String departmentCode, String subject, Duration lifetime) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setSubject(subject);
        claims.setClaim("upn", subject);
        claims.setStringListClaim("groups", new ArrayList<>(roles));
        if (departmentCode != null && !departmentCode.isBlank()) {
            claims.setClaim(DEPARTMENT_CLAIM, departmentCode);
        }
        claims.setIssuedAtToNow();
        claims.setNotBeforeMinutesInThePast(1);
        claims.setExpirationTimeMinutesInTheFuture(lifetime.toSeconds() / 60f);
        claims.setGeneratedJwtId();

        JsonWebSignature signature = new JsonWebSignature();
        signature.setPayload(claims.toJson());
        signature.setKey(signingKey);
        signature.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        signature.setHeader("typ", "JWT");
        try {
            return signature.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("Could not sign a token", e);
        }
    }
}
