package dev.hookline.domain.delivery;

/** Why an attempt failed without a usable HTTP answer (a 3xx answer is a {@link #REDIRECT}). */
public enum ErrorKind {
    /** No complete answer within the configured timeout. */
    TIMEOUT,
    /** The connection was refused or dropped. */
    CONNECT,
    /** The TLS handshake failed (certificate, protocol). */
    TLS,
    /** The host name did not resolve. */
    DNS,
    /** The address is not allowed (SSRF rules), checked at connect time. */
    BLOCKED,
    /** The endpoint answered with a redirect, which is never followed. */
    REDIRECT
}
