package dev.hookline.application.port.in;

import java.util.Optional;

/**
 * Checks an endpoint URL against the rules applied when it is saved (HTTPS, no userinfo, no
 * private or metadata addresses), without saving anything: for the form's inline check.
 */
public interface CheckEndpointUrlUseCase {

    /** Empty when the URL would be accepted; else why not, with the field {@code url}. */
    Optional<Problem> checkEndpointUrl(String url);
}
