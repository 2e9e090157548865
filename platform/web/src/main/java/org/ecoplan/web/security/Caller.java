package org.ecoplan.web.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonString;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who is calling: the subject for audit trails and the department claim for department-scoped rules. */
@RequestScoped
public class Caller {

    private final SecurityIdentity identity;
    private final JsonWebToken token;

    Caller(SecurityIdentity identity, JsonWebToken token) {
        this.identity = identity;
        this.token = token;
    }

    /** The name written into histories and audit rows; {@code anonymous} for open reads. */
    public String name() {
        return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }

    /** Read once per request: a request asks several times (access rules, history rows). */
    private Optional<String> department;

    public Optional<String> department() {
        if (department == null) {
            department = readDepartment();
        }
        return department;
    }

    private Optional<String> readDepartment() {
        if (identity.isAnonymous()) {
            return Optional.empty();
        }
        // Without an exception when the token came through VerifiedTokens (smallrye's own principal throws and
        // catches one inside getClaim for every custom claim).
        Object claim = token.getClaim(Roles.DEPARTMENT_CLAIM);
        String code = claim instanceof JsonString text ? text.getString() : claim == null ? null : claim.toString();
        return Optional.ofNullable(code).filter(value -> !value.isBlank());
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }
}
