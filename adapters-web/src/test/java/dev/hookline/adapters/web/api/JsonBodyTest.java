package dev.hookline.adapters.web.api;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hookline.application.port.in.Problem;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonBodyTest {

    private static final Optional<MediaType> JSON = Optional.of(MediaType.APPLICATION_JSON_TYPE);

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Problem refusal(Runnable call) {
        return assertThrows(ApiException.class, call::run).problem();
    }

    @Test
    void aBodyWithoutContentTypeIsA415NamingContentType() {
        ApiStatusException e = assertThrows(ApiStatusException.class,
                () -> JsonBody.requireJson(Optional.empty(), bytes("{\"name\":\"x\"}")));
        assertEquals(HttpStatus.UNSUPPORTED_MEDIA_TYPE, e.status());
        assertEquals("Content-Type", e.field());
        assertTrue(e.getMessage().contains("application/json"), e.getMessage());
    }

    @Test
    void noBodyNeedsNoContentTypeAndJsonTypesAreAccepted() {
        assertDoesNotThrow(() -> JsonBody.requireJson(Optional.empty(), null));
        assertDoesNotThrow(() -> JsonBody.requireJson(Optional.empty(), new byte[0]));
        assertDoesNotThrow(() -> JsonBody.requireJson(JSON, bytes("{}")));
        assertDoesNotThrow(() -> JsonBody.requireJson(Optional.of(MediaType.of("application/merge-patch+json")),
                bytes("{}")));
        assertEquals(HttpStatus.UNSUPPORTED_MEDIA_TYPE, assertThrows(ApiStatusException.class,
                () -> JsonBody.requireJson(Optional.of(MediaType.TEXT_PLAIN_TYPE), bytes("{}"))).status());
    }

    @Test
    void malformedUtf8IsRefusedInsteadOfBecomingReplacementCharacters() {
        byte[] latin1 = "{\"name\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
        Problem problem = refusal(() -> JsonBody.text(latin1));
        assertEquals(Problem.Kind.INVALID, problem.kind());
        assertEquals("the request body is not valid UTF-8 (byte 0xE9 at offset 12); send JSON encoded as UTF-8",
                problem.message());
        byte[] truncated = {'"', (byte) 0xE2, (byte) 0x82};
        assertTrue(refusal(() -> JsonBody.text(truncated)).message().startsWith("the request body is not valid UTF-8"));
        byte[] surrogate = {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'};
        assertTrue(refusal(() -> JsonBody.text(surrogate)).message().startsWith("the request body is not valid UTF-8"));
        assertEquals("{\"name\":\"café 東京 😀\"}", JsonBody.text(bytes("{\"name\":\"café 東京 😀\"}")));
    }

    @Test
    void nulInAStringFieldIsRefusedNamingTheField() {
        JsonBody body = JsonBody.parse("{\"name\":\"a\\u0000b\",\"events\":[\"x\\u0000\"],\"data\":{\"n\":\"\\u0000\"}}");
        Problem name = refusal(() -> body.string("name"));
        assertEquals("name", name.field());
        assertEquals("name must not contain NUL characters (\\u0000)", name.message());
        assertEquals("events", refusal(() -> body.strings("events")).field());
        // inside a JSON value such as an event's data it is kept: stored escaped, it reaches receivers as sent
        assertEquals("{\"n\":\"\\u0000\"}", body.value("data").canonical());
    }

    @Test
    void aDuplicatedNameIsA400NamingItWhereverItIs() {
        Problem top = refusal(() -> JsonBody.parse("{\"type\":\"payment.succeeded\",\"type\":\"invoice.paid\"}"));
        assertEquals("type", top.field());
        assertTrue(top.message().contains("duplicate member name \"type\""), top.message());
        Problem nested = refusal(() -> JsonBody.parse("{\"data\":{\"customer\":{\"id\":1,\"id\":2}}}"));
        assertEquals("data.customer.id", nested.field());
    }

    @Test
    void aRouteWithoutFieldsTakesNoBodyOrAnEmptyObjectAndNamesAnyField() {
        assertDoesNotThrow(() -> ApiRequests.noFields(null));
        assertDoesNotThrow(() -> ApiRequests.noFields(JsonBody.parse("{}")));
        Problem secret = refusal(() -> ApiRequests.noFields(JsonBody.parse("{\"secret\":\"whsec_x\"}")));
        assertEquals("secret", secret.field());
        assertEquals("unknown field secret; this request takes no fields", secret.message());
    }

    @Test
    void unknownFieldsAreListedWithWhatTheRequestTakes() {
        Problem typo = refusal(() -> ApiRequests.CreateApiKey.read(JsonBody.parse("{\"nmae\":\"x\"}")));
        assertEquals(List.of("nmae", "unknown field nmae; this request takes name"),
                List.of(typo.field(), typo.message()));
        assertNull(ApiRequests.CreateApiKey.read(JsonBody.parse("{}")).name());
    }
}
