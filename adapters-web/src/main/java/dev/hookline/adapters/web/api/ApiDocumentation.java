package dev.hookline.adapters.web.api;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The OpenAPI document's header: title, the bearer-key security scheme every {@code /v1} route
 * needs, and the tags. The operations come from the controllers; micronaut-openapi writes the
 * document at build time ({@code META-INF/swagger/hookline.yml}), {@link OpenApiController}
 * serves it.
 */
@OpenAPIDefinition(
        info = @Info(title = "Hookline API", version = "v1", description = """
                Webhook delivery: merchants register endpoints and pick event types; the platform publishes \
                events; Hookline signs, sends, retries and logs every attempt.

                Authenticate with `Authorization: Bearer <key>`: the operator key (`hookline.operator-key`) \
                for accounts, events and new event types; a merchant API key for everything else. \
                A merchant key only ever sees its own account: other accounts' ids answer 404.

                Request bodies are UTF-8 JSON objects sent with `Content-Type: application/json` (a body \
                without it is a 415); a member name may appear only once per object, and text fields \
                (names, descriptions, ids) must not contain NUL (`\\u0000`). \
                Errors are `{"error":{"type":"…","message":"…","field":"…"}}`. Lists are \
                `{"data":[…],"next_cursor":…}`, newest first (the event type catalog by name); pass \
                `next_cursor` back as `?cursor=` (`?limit=` 1–100, default 20; anything else is a 400)."""),
        security = @SecurityRequirement(name = ApiDocumentation.BEARER))
@SecurityScheme(name = ApiDocumentation.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "the operator key or a merchant API key (hk_…)")
@Tag(name = ApiDocumentation.OPERATOR, description = "For the platform's services, with the operator key")
@Tag(name = ApiDocumentation.WEBHOOKS, description = "A merchant's endpoints, with the merchant's API key")
@Tag(name = ApiDocumentation.DELIVERIES, description = "The delivery log and retries")
@Tag(name = ApiDocumentation.API_KEYS, description = "A merchant's API keys")
public final class ApiDocumentation {

    public static final String BEARER = "bearer";
    /** The media type of every request and response body of the API. */
    public static final String JSON = "application/json";
    /** The {@code limit} and {@code cursor} query parameters of every list (see {@link Paging}). */
    public static final String LIMIT = "1 to 100, default 20; anything else is a 400";
    public static final String CURSOR = "next_cursor of the previous page";
    public static final String OPERATOR = "Operator";
    public static final String WEBHOOKS = "Webhooks";
    public static final String DELIVERIES = "Deliveries";
    public static final String API_KEYS = "API keys";

    private ApiDocumentation() {
    }
}
