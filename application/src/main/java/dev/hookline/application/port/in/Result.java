package dev.hookline.application.port.in;

import java.util.function.Function;

/** The value a use case produced, or the {@link Problem} that stopped it. */
public sealed interface Result<T> permits Result.Ok, Result.Rejected {

    record Ok<T>(T value) implements Result<T> {
    }

    record Rejected<T>(Problem problem) implements Result<T> {
    }

    static <T> Result<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> Result<T> rejected(Problem problem) {
        return new Rejected<>(problem);
    }

    default <U> Result<U> map(Function<T, U> f) {
        if (this instanceof Ok<T> ok) {
            return new Ok<>(f.apply(ok.value()));
        }
        return new Rejected<>(((Rejected<T>) this).problem());
    }

    /** The value; for tests and callers that already know it succeeded. */
    default T orElseThrow() {
        if (this instanceof Ok<T> ok) {
            return ok.value();
        }
        Problem p = ((Rejected<T>) this).problem();
        throw new IllegalStateException(p.kind() + " " + p.field() + ": " + p.message());
    }
}
