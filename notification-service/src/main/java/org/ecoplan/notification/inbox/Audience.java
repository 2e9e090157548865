package org.ecoplan.notification.inbox;

import java.util.Objects;

/**
 * An inbox: a department's, a department head's, the supervisors' or one user's.
 *
 * @param owner the department code, the user (token subject), or {@link #SUPERVISORS_OWNER}
 */
public record Audience(Box box, String owner) {

    public static final String SUPERVISORS_OWNER = "supervisors";
    public static final Audience SUPERVISORS = new Audience(Box.SUPERVISORS, SUPERVISORS_OWNER);

    public Audience {
        Objects.requireNonNull(box, "box");
        Objects.requireNonNull(owner, "owner");
    }

    public static Audience department(String code) {
        return new Audience(Box.DEPARTMENT, code);
    }

    public static Audience head(String code) {
        return new Audience(Box.DEPARTMENT_HEAD, code);
    }

    public static Audience user(String subject) {
        return new Audience(Box.USER, subject);
    }

    public enum Box {
        /** Read by the department's staff (token claim {@code department}). */
        DEPARTMENT,
        /** The department's head (负责人): escalations go here; readable like the department's inbox. */
        DEPARTMENT_HEAD,
        /** Read by every supervisor (督办). */
        SUPERVISORS,
        /** One person's inbox (token subject). */
        USER
    }
}
