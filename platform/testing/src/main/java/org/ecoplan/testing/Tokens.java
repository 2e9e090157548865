package org.ecoplan.testing;

import java.time.Duration;
import java.util.Set;

import org.ecoplan.infrastructure.token.TokenMinter;

/**
 * Signed JWTs for tests, verified by the key that {@link RealInfrastructureResource} hands to the
 * service under test. Claims: {@code iss} = {@link TestInfrastructure#ISSUER}, {@code sub} and
 * {@code upn}, {@code groups} (roles: admin, supervisor, reporter, integrator) and
 * {@code department} (a department code); valid for one hour.
 */
public final class Tokens {

    private static final Duration LIFETIME = Duration.ofHours(1);

    private Tokens() {
    }

    /**
     * @param departmentCode the {@code department} claim; null leaves it out
     * @return {@code "Bearer <jwt>"} for one role, with subject {@code <role>@ecoplan.test}, ready for an
     *         Authorization header
     */
    public static String bearer(String role, String departmentCode) {
        return "Bearer " + token(Set.of(role), departmentCode, role + "@ecoplan.test");
    }

    /**
     * @param departmentCode the {@code department} claim; null leaves it out
     * @return the JWT (without "Bearer ")
     */
    public static String token(Set<String> roles, String departmentCode, String subject) {
        return new TokenMinter(TestInfrastructure.ISSUER, TestInfrastructure.signingKey())
                .mint(roles, departmentCode, subject, LIFETIME);
    }
}
