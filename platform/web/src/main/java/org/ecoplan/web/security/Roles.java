package org.ecoplan.web.security;

/**
 * The roles of the shared security model; they arrive in the JWT's {@code groups} claim. Reading the
 * published catalogue is open to everybody, writes need {@link #ADMIN}.
 */
public final class Roles {
    public static final String ADMIN = "admin";
    public static final String SUPERVISOR = "supervisor";
    public static final String REPORTER = "reporter";
    public static final String INTEGRATOR = "integrator";

    /** The claim that names the caller's department by its registry code (e.g. {@code ENV}). */
    public static final String DEPARTMENT_CLAIM = "department";

    private Roles() {
    }
}
