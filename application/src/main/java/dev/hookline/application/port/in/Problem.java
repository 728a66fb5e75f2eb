package dev.hookline.application.port.in;

/**
 * Why a use case refused a request: an expected outcome, reported to the caller with the field it
 * concerns.
 *
 * @param field the input field at fault (API name, snake_case), or {@code null}
 */
public record Problem(Kind kind, String field, String message) {

    public enum Kind {
        /** Malformed or missing input. */
        INVALID,
        /** Well-formed but not acceptable (unknown event type, refused URL, bad secret). */
        UNPROCESSABLE,
        /** No such object in the caller's account. */
        NOT_FOUND,
        /** The object's state does not allow it. */
        CONFLICT,
        /** Larger than allowed. */
        TOO_LARGE
    }

    public static Problem invalid(String field, String message) {
        return new Problem(Kind.INVALID, field, message);
    }

    public static Problem unprocessable(String field, String message) {
        return new Problem(Kind.UNPROCESSABLE, field, message);
    }

    public static Problem notFound(String what) {
        return new Problem(Kind.NOT_FOUND, null, what + " not found");
    }

    /** @param field the input field that names the missing object, like {@code webhook_id} in a body */
    public static Problem notFound(String field, String what) {
        return new Problem(Kind.NOT_FOUND, field, what + " not found");
    }

    public static Problem conflict(String message) {
        return new Problem(Kind.CONFLICT, null, message);
    }

    public static Problem conflict(String field, String message) {
        return new Problem(Kind.CONFLICT, field, message);
    }
}
