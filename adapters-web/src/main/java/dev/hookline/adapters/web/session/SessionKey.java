package dev.hookline.adapters.web.session;

/** The secret key that signs web session cookies and CSRF tokens; provided by bootstrap (kept across restarts). */
public interface SessionKey {

    /** At least 32 random bytes. */
    byte[] sessionKey();
}
