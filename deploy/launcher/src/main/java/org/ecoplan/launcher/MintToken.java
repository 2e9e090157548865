package org.ecoplan.launcher;

import java.time.Duration;
import java.util.Set;

import org.ecoplan.infrastructure.token.SigningKeys;
import org.ecoplan.infrastructure.token.TokenMinter;

/**
 * Prints a JWT for the local run, signed with the key in {@code .ecoplan/keys} (created if missing,
 * so a token minted before the first start stays valid). Usually called as
 * {@code deploy/token.sh <role> [department-code] [subject]}.
 */
public final class MintToken {

    static final Set<String> ROLES = Set.of("admin", "supervisor", "reporter", "integrator");
    static final Duration LIFETIME = Duration.ofHours(8);

    private MintToken() {
    }

    public static void main(String[] args) {
        if (args.length < 1 || args.length > 3 || !ROLES.contains(args[0])) {
            System.err.println("Usage: deploy/token.sh <admin|supervisor|reporter|integrator> [department-code] [subject]");
            System.err.println("Prints a token valid for " + LIFETIME.toHours() + " h, e.g.");
            System.err.println("  curl -H \"Authorization: Bearer $(deploy/token.sh reporter YQ-ENV)\" http://localhost:8082/...");
            System.exit(2);
        }
        String role = args[0];
        String department = args.length > 1 ? args[1] : null;
        String subject = args.length > 2 ? args[2] : role + "@ecoplan.local";
        System.out.println(mint(LocalFolders.fromSystem(), role, department, subject));
    }

    /** @return a token for {@code role}, signed with the local key of {@code folders} (created if missing) */
    static String mint(LocalFolders folders, String role, String departmentCode, String subject) {
        TokenMinter minter = new TokenMinter(LocalStack.ISSUER, SigningKeys.loadOrCreate(folders.keys()).getPrivate());
        return minter.mint(Set.of(role), departmentCode, subject, LIFETIME);
    }
}
