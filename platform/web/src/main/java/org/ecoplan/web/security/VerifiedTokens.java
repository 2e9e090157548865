package org.ecoplan.web.security;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.Claims;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.JwtContext;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.DefaultJWTTokenParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * Verifies bearer tokens with smallrye-jwt's own parser and remembers the verified ones: a phone sends the same
 * token with every request, and checking its RSA signature each time cost a tenth of a report's CPU. Keyed by the
 * raw token (a different token is verified afresh); an entry lives until the token's {@code exp} (without the
 * verifier's clock skew), {@code iat} + {@code mp.jwt.verify.token.age} if set, or
 * {@code ecoplan.security.token-cache.max-age} after its verification, whichever comes first; at most
 * {@code ecoplan.security.token-cache.max-entries} are kept (least recently used go first; 0 turns the cache off).
 * A refused token is never cached. The max age bounds how long a token keeps passing after its signing key was
 * withdrawn.
 *
 * <p>The principals it builds name claims without exceptions: smallrye's {@code getClaim("department")} looks the
 * name up with {@code Claims.valueOf}, which throws and catches for every custom claim, on every read.
 */
@Alternative
@Priority(1)
@Singleton
public class VerifiedTokens extends JWTCallerPrincipalFactory {

    private final DefaultJWTTokenParser parser = new DefaultJWTTokenParser();
    private final Cache<String, Verified> verified;
    private final long maxAgeNanos;

    /** Without configuration (smallrye creates factories reflectively for one-off key contexts): no cache. */
    public VerifiedTokens() {
        this.verified = null;
        this.maxAgeNanos = 0;
    }

    @Inject
    public VerifiedTokens(@ConfigProperty(name = "ecoplan.security.token-cache.max-entries", defaultValue = "2000") int maxEntries,
            @ConfigProperty(name = "ecoplan.security.token-cache.max-age", defaultValue = "5M") Duration maxAge) {
        this.maxAgeNanos = maxAge.toNanos();
        this.verified = maxEntries <= 0 || maxAge.isZero() || maxAge.isNegative() ? null
                : Caffeine.newBuilder().maximumSize(maxEntries).expireAfter(new UntilInvalid()).build();
    }

    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo context) throws ParseException {
        if (verified == null) {
            return verify(token, context);
        }
        Verified known = verified.getIfPresent(token);
        // Same verification settings only: a one-off context (another key) is always checked afresh.
        if (known != null && known.context() == context) {
            return known.principal();
        }
        Principal principal = verify(token, context);
        long now = System.currentTimeMillis();
        long validUntil = validUntil(principal.claims(), context, now);
        if (validUntil > now) {
            verified.put(token, new Verified(principal, context, System.nanoTime()
                    + Math.min(maxAgeNanos, Duration.ofMillis(validUntil - now).toNanos())));
        }
        return principal;
    }

    private Principal verify(String token, JWTAuthContextInfo context) throws ParseException {
        JwtContext jwt = parser.parse(token, context);
        return new Principal(token, jwt.getJoseObjects().get(0).getHeader("typ"), jwt.getJwtClaims());
    }

    /** The end of the token's validity in epoch milliseconds, as strict as the verifier or stricter. */
    private static long validUntil(JwtClaims claims, JWTAuthContextInfo context, long now) {
        long until = Long.MAX_VALUE;
        try {
            NumericDate expires = claims.getExpirationTime();
            if (expires != null) {
                until = expires.getValueInMillis();
            }
            Long maxAge = context.getTokenAge() != null ? context.getTokenAge() : context.getMaxTimeToLiveSecs();
            NumericDate issued = claims.getIssuedAt();
            if (maxAge != null && issued != null) {
                until = Math.min(until, issued.getValueInMillis() + maxAge * 1000);
            }
        } catch (MalformedClaimException e) {
            return now; // the verifier accepted it, but we do not know how long: check it every time
        }
        return until;
    }

    private record Verified(JWTCallerPrincipal principal, JWTAuthContextInfo context, long expiresAtNanos) {
    }

    private static final class UntilInvalid implements Expiry<String, Verified> {
        @Override
        public long expireAfterCreate(String key, Verified value, long currentTime) {
            return Math.max(0, value.expiresAtNanos() - currentTime);
        }

        @Override
        public long expireAfterUpdate(String key, Verified value, long currentTime, long currentDuration) {
            return expireAfterCreate(key, value, currentTime);
        }

        @Override
        public long expireAfterRead(String key, Verified value, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }

    /** A verified token; shared by the requests that send it, so it is never changed after construction. */
    static final class Principal extends DefaultJWTCallerPrincipal {

        private static final Map<String, Claims> STANDARD = Arrays.stream(Claims.values())
                .collect(Collectors.toUnmodifiableMap(Claims::name, Function.identity()));

        private final JwtClaims claims;

        Principal(String rawToken, String type, JwtClaims claims) {
            super(rawToken, type, claims);
            this.claims = claims;
        }

        JwtClaims claims() {
            return claims;
        }

        @Override
        protected Claims getClaimType(String claimName) {
            return STANDARD.getOrDefault(claimName, Claims.UNKNOWN);
        }
    }
}
