package dev.hookline.domain.event.json;

/**
 * A JSON number as JavaScript holds it: a finite double. {@code -0} is stored as {@code 0}, since
 * {@code JSON.stringify} writes both as {@code 0}.
 */
public record JsonNumber(double value) implements JsonValue {

    public JsonNumber {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("a JSON number must be finite, not " + value);
        }
        if (value == 0) {
            value = 0.0;
        }
    }

    /** JavaScript's {@code Number.prototype.toString()} of the value. */
    @Override
    public String canonical() {
        return JsNumbers.toString(value);
    }
}
