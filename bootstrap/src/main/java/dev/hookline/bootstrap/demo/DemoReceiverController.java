package dev.hookline.bootstrap.demo;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;

/**
 * A receiver for the demo endpoint, so a fresh demo shows real deliveries: it answers 200, and
 * 500 for {@code payment.failed} events so the log also shows retries and a failure.
 */
@Controller(DemoReceiverController.PATH)
@Requires(property = "hookline.demo", value = "true")
public class DemoReceiverController {

    public static final String PATH = "/demo/receiver";

    @Post(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> receive(@Nullable @Body String body) {
        if (body != null && body.contains("\"type\":\"payment.failed\"")) {
            return HttpResponse.serverError("{\"error\":\"demo receiver fails payment.failed on purpose\"}");
        }
        return HttpResponse.ok("{\"received\":true}");
    }
}
