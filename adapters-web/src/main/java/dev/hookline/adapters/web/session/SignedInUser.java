package dev.hookline.adapters.web.session;

import dev.hookline.application.port.out.Users;
import dev.hookline.domain.id.AccountId;

/**
 * The user of the current web request, with the CSRF token every form and HTMX request of this
 * session must carry.
 *
 * @param accountId {@code null} for operators
 */
public record SignedInUser(String id, String email, Users.Role role, AccountId accountId, String csrfToken) {

    public static final String ATTRIBUTE = "hookline.web-user";

    public boolean operator() {
        return role == Users.Role.ADMIN;
    }

    public boolean merchant() {
        return role == Users.Role.MERCHANT && accountId != null;
    }
}
