package dev.hookline.bootstrap.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hookline.bootstrap.api.ApiServer.Answer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The OpenAPI document generated from the controllers at build time: served without a key at
 * {@code /openapi.yml}, it parses, lists every route of DESIGN.md with its success status,
 * request and response schemas and the bearer security scheme, and every {@code $ref} resolves.
 * Swagger UI at {@code /docs} loads its files from the server itself.
 */
class OpenApiDocumentTest {

    /** method, path, success status, whether it takes a JSON body: DESIGN.md "REST API v1". */
    private static final String[][] DESIGN_ROUTES = {
        {"post", "/v1/accounts", "201", "body"},
        {"post", "/v1/events", "202", "body"},
        {"post", "/v1/event-types", "201", "body"},
        {"get", "/v1/event-types", "200", ""},
        {"post", "/v1/webhooks", "201", "body"},
        {"get", "/v1/webhooks", "200", ""},
        {"get", "/v1/webhooks/{id}", "200", ""},
        {"patch", "/v1/webhooks/{id}", "200", "body"},
        {"delete", "/v1/webhooks/{id}", "204", ""},
        {"post", "/v1/webhooks/{id}/rotate-secret", "200", ""},
        {"post", "/v1/webhooks/test", "200", "body"},
        {"get", "/v1/webhooks/{id}/deliveries", "200", ""},
        {"get", "/v1/deliveries/{id}", "200", ""},
        {"post", "/v1/deliveries/{id}/retry", "202", ""},
        {"post", "/v1/webhooks/{id}/recover", "202", "body"},
    };

    private static ApiServer api;
    private static Map<String, Object> spec;
    private static String text;

    @BeforeAll
    static void start() throws IOException {
        api = ApiServer.start();
        Answer answer = api.call("GET", "/openapi.yml", null, null);
        assertEquals(200, answer.status(), answer::toString);
        assertTrue(answer.headers().firstValue("content-type").orElse("").startsWith("application/yaml"));
        text = answer.body();
        spec = new Yaml().load(text);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void listsEveryRouteOfTheDesignWithItsStatusAndSchemas() {
        assertTrue(String.valueOf(spec.get("openapi")).startsWith("3."));
        Map<String, Object> paths = map(spec, "paths");
        for (String[] route : DESIGN_ROUTES) {
            String what = route[0].toUpperCase() + " " + route[1];
            Map<String, Object> path = map(paths, route[1]);
            Map<String, Object> operation = map(path, route[0]);
            assertNotNull(operation.get("summary"), what + " has a summary");
            Map<String, Object> responses = map(operation, "responses");
            assertTrue(responses.containsKey(route[2]), what + " documents " + route[2] + ": " + responses.keySet());
            if (!route[2].equals("204")) {
                assertNotNull(schemaOf(map(responses, route[2])), what + " has a response schema");
            }
            assertTrue(responses.containsKey("401"), what + " documents 401");
            for (String code : responses.keySet()) {
                if (code.startsWith("4")) {
                    assertEquals("#/components/schemas/Error", schemaOf(map(responses, code)).get("$ref"),
                            what + " " + code + " is the error body");
                }
            }
            if (route[3].equals("body")) {
                Map<String, Object> content = map(map(operation, "requestBody"), "content");
                assertEquals(List.of("application/json"), new ArrayList<>(content.keySet()), what);
                Map<String, Object> body = resolve(map(map(content, "application/json"), "schema"));
                assertFalse(map(body, "properties").isEmpty(), what + " request body has properties");
            }
            if (route[1].contains("{id}")) {
                assertTrue(String.valueOf(operation.get("parameters")).contains("name=id"), what + " names {id}");
            }
        }
    }

    @Test
    void schemasAreSnakeCaseAndEveryReferenceResolves() {
        Map<String, Object> webhook = resolve(Map.of("$ref", "#/components/schemas/Webhook"));
        assertTrue(map(webhook, "properties").keySet().containsAll(List.of("id", "url", "events", "status",
                "success_rate", "last_delivery_at", "last_delivery_status", "secret")), webhook.toString());
        assertTrue(map(resolve(Map.of("$ref", "#/components/schemas/PublishEvent")), "properties").keySet()
                .containsAll(List.of("account_id", "type", "data", "previous_data", "entities")));
        assertTrue(map(resolve(Map.of("$ref", "#/components/schemas/ErrorBody")), "properties").keySet()
                .containsAll(List.of("type", "message", "field")));
        java.util.regex.Matcher refs = java.util.regex.Pattern.compile("\\$ref: \"?([^\"\\s]+)").matcher(text);
        int count = 0;
        while (refs.find()) {
            assertNotNull(resolve(Map.of("$ref", refs.group(1))), refs.group(1));
            count++;
        }
        assertTrue(count > 30, count + " references");
        for (String name : map(map(spec, "components"), "schemas").keySet()) {
            assertFalse(name.contains("View"), "schema names are the product's words: " + name);
        }
    }

    /** What clients generated from the document read and send: the payload itself, any JSON object. */
    @Test
    void eventPayloadsAreAnyJsonObjectAsOnTheWire() {
        String[][] payloads = {{"Event", "data"}, {"Event", "previous_data"}, {"Event", "entities"},
            {"EventType", "sample"}, {"PublishEvent", "data"}, {"PublishEvent", "previous_data"},
            {"PublishEvent", "entities"}, {"AddEventType", "sample"}};
        for (String[] payload : payloads) {
            String what = payload[0] + "." + payload[1];
            Map<String, Object> field = map(map(resolve(Map.of("$ref", "#/components/schemas/" + payload[0])),
                    "properties"), payload[1]);
            @SuppressWarnings("unchecked")
            Map<String, Object> schema = resolve(field.get("allOf") instanceof List<?> all
                    ? (Map<String, Object>) all.get(0) : field);
            assertEquals("object", schema.get("type"), what);
            assertEquals(true, schema.get("additionalProperties"), what + " takes any member of any JSON type");
            assertFalse(schema.containsKey("properties") || schema.containsKey("required"), what + ": " + schema);
        }
    }

    @Test
    void listsTheApiOnlyNotThePages() {
        for (String path : map(spec, "paths").keySet()) {
            assertTrue(path.startsWith("/v1/"), path);
        }
    }

    @Test
    void declaresTheBearerSchemeForEveryOperation() {
        Map<String, Object> scheme = map(map(map(spec, "components"), "securitySchemes"), "bearer");
        assertEquals("http", scheme.get("type"));
        assertEquals("bearer", scheme.get("scheme"));
        assertEquals(List.of(Map.of("bearer", List.of())), spec.get("security"));
        assertFalse(map(spec, "paths").containsKey("/openapi.yml"), "the docs routes are not API operations");
    }

    @Test
    void swaggerUiIsServedFromTheJarWithoutAKey() {
        Answer docs = api.call("GET", "/docs", null, null);
        assertEquals(200, docs.status());
        assertTrue(docs.headers().firstValue("content-type").orElse("").startsWith("text/html"));
        assertTrue(docs.body().contains("'/openapi.yml'"), "the UI loads this server's spec");
        assertFalse(docs.body().contains("https://"), "nothing from a CDN");
        for (String file : List.of("swagger-ui-bundle.js", "swagger-ui-standalone-preset.js", "swagger-ui.css")) {
            Answer res = api.call("GET", "/docs/res/" + file, null, null);
            assertEquals(200, res.status(), file);
            assertTrue(res.body().length() > 1000, file);
            assertTrue(docs.body().contains("/docs/res/" + file), "the page loads " + file);
        }
        assertEquals(404, api.call("GET", "/docs/res/..%2F..%2Fhookline.yml", null, null).status());
        assertEquals(404, api.call("GET", "/docs/res/nothing.js", null, null).status());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        assertTrue(value instanceof Map, () -> "no " + key + " in " + parent.keySet());
        return (Map<String, Object>) value;
    }

    /** The schema of a response or request content: the JSON one. */
    private static Map<String, Object> schemaOf(Map<String, Object> response) {
        return map(map(map(response, "content"), "application/json"), "schema");
    }

    private static Map<String, Object> resolve(Map<String, Object> schema) {
        Object ref = schema.get("$ref");
        if (ref == null) {
            return schema;
        }
        String[] parts = ref.toString().substring(2).split("/");
        Map<String, Object> node = spec;
        for (String part : parts) {
            node = map(node, part);
        }
        return node;
    }
}
