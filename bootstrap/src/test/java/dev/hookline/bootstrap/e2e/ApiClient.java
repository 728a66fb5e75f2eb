package dev.hookline.bootstrap.e2e;

import static dev.hookline.bootstrap.e2e.TestHookline.OPERATOR_KEY;
import static dev.hookline.bootstrap.e2e.TestHookline.parse;
import static dev.hookline.bootstrap.e2e.TestHookline.str;

import dev.hookline.domain.event.json.Json;
import dev.hookline.domain.event.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Talks to a Hookline over HTTP like any API client. */
class ApiClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    ApiClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    String baseUrl() {
        return baseUrl;
    }

    HttpResponse<String> call(String method, String path, String key, String json, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Calls and checks the status; returns the JSON body parsed. */
    JsonObject ok(int expectedStatus, String method, String path, String key, String json, String... headers) {
        HttpResponse<String> response = call(method, path, key, json, headers);
        if (response.statusCode() != expectedStatus) {
            throw new AssertionError(method + " " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return parse(response.body());
    }

    /** A new merchant account; returns {account id, api key}. */
    String[] newAccount(String name) {
        JsonObject created = ok(201, "POST", "/v1/accounts", OPERATOR_KEY, "{\"name\":" + Json.quote(name) + "}");
        return new String[] {str(created, "id"), str(created, "api_key")};
    }

    /** Registers an endpoint; returns {webhook id, secret}. */
    String[] newWebhook(String apiKey, String url, String eventsJson) {
        JsonObject created = ok(201, "POST", "/v1/webhooks", apiKey,
                "{\"url\":" + Json.quote(url) + ",\"events\":" + eventsJson + "}");
        return new String[] {str(created, "id"), str(created, "secret")};
    }

    JsonObject publish(String accountId, String type, String dataJson) {
        return ok(202, "POST", "/v1/events", OPERATOR_KEY,
                "{\"account_id\":\"" + accountId + "\",\"type\":\"" + type + "\",\"data\":" + dataJson + "}");
    }

    }
