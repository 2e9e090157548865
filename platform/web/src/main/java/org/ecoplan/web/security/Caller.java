package org.ecoplan.web.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonString;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who is calling: the subject for audit trails and the department claim for department-scoped rules. */
@RequestScoped
public class Caller {

    @Inject
    SecurityIdentity identity;

    @Inject
    JsonWebToken token;

    /** The name written into histories and audit rows; {@code anonymous} for open reads. */
    public String name() {
        return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }

    public Optional<String> department() {
        if (identity.isAnonymous()) {
            return Optional.empty();
        }
        Object claim = token.getClaim(Roles.DEPARTMENT_CLAIM);
        String department = claim instanceof JsonString text ? text.getString() : claim == null ? null : claim.toString();
        return Optional.ofNullable(department).filter(code -> !code.isBlank());
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }
}
