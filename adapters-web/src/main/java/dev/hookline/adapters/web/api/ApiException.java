package dev.hookline.adapters.web.api;

import dev.hookline.application.port.in.Problem;

/** Stops a request with a {@link Problem}; turned into the error body by {@link ApiErrorHandlers}. */
public final class ApiException extends RuntimeException {

    private final transient Problem problem;

    public ApiException(Problem problem) {
        super(problem.message(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
