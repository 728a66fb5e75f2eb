package dev.hookline.adapters.web.pages;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.Hidden;
import java.net.URI;

/**
 * {@code /favicon.ico}, which browsers ask for on their own where a page names no icon (the JSON
 * API, Swagger UI): the pages' icon, instead of a 404.
 */
@Hidden // a page, not part of the API: left out of the OpenAPI document
@Controller
public class Favicon {

    @Get("/favicon.ico")
    public MutableHttpResponse<?> favicon() {
        return HttpResponse.<Object>permanentRedirect(URI.create("/assets/favicon.svg"));
    }
}
