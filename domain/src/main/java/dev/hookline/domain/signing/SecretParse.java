package dev.hookline.domain.signing;

/** The outcome of checking a merchant-supplied secret. */
public sealed interface SecretParse permits SecretParse.Valid, SecretParse.Invalid {

    record Valid(SigningSecret secret) implements SecretParse {
    }

    /** @param reason says what is wrong, for the merchant */
    record Invalid(String reason) implements SecretParse {
    }
}
