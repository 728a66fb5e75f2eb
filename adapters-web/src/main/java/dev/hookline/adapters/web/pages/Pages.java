package dev.hookline.adapters.web.pages;

import dev.hookline.adapters.web.session.SignedInUser;
import dev.hookline.application.port.in.Problem;
import dev.hookline.application.port.in.Result;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.views.ModelAndView;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What every page controller does: find the signed-in user, render a view with the layout's data, redirect. */
public final class Pages {

    private Pages() {
    }

    public static SignedInUser user(HttpRequest<?> request) {
        return request.getAttribute(SignedInUser.ATTRIBUTE, SignedInUser.class)
                .orElseThrow(() -> new IllegalStateException("no signed-in user: the session filter guards this path"));
    }

    /** Whether HTMX sent the request (it then wants a fragment, not the whole page). */
    public static boolean htmx(HttpRequest<?> request) {
        return request.getHeaders().contains("HX-Request");
    }

    /** Renders {@code view} with the models plus the layout's {@code user} and {@code csrf}. */
    public static MutableHttpResponse<ModelAndView<Map<String, Object>>> render(HttpRequest<?> request,
                                                                              HttpStatus status, String view,
                                                                              Map<String, ?> models) {
        return HttpResponse.status(status).body(new ModelAndView<>(view, model(request, models)))
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    /** The models plus what the layout needs: the signed-in {@code user}, the {@code csrf} token, the {@code path}. */
    public static Map<String, Object> model(HttpRequest<?> request, Map<String, ?> models) {
        Map<String, Object> model = new HashMap<>(models);
        request.getAttribute(SignedInUser.ATTRIBUTE, SignedInUser.class).ifPresent(u -> {
            model.put("user", u);
            model.put("csrf", u.csrfToken());
        });
        model.putIfAbsent("csrf", "");
        model.put("path", request.getPath());
        return model;
    }

    public static MutableHttpResponse<ModelAndView<Map<String, Object>>> render(HttpRequest<?> request, String view,
                                                                              Map<String, ?> models) {
        return render(request, HttpStatus.OK, view, models);
    }

    /** The error page: 404 for objects of another account (never 403, which would confirm they exist). */
    public static MutableHttpResponse<ModelAndView<Map<String, Object>>> error(HttpRequest<?> request,
                                                                             HttpStatus status, String title,
                                                                             String message) {
        return render(request, status, "error", Map.of("error", new ErrorView(status.getCode(), title, message)));
    }

    public record ErrorView(int status, String title, String message) {
    }

    public static MutableHttpResponse<ModelAndView<Map<String, Object>>> problem(HttpRequest<?> request,
                                                                               Problem problem) {
        return switch (problem.kind()) {
            case NOT_FOUND -> error(request, HttpStatus.NOT_FOUND, "Not found",
                    "There is nothing here, or it belongs to another account.");
            case CONFLICT -> error(request, HttpStatus.CONFLICT, "Not possible right now", problem.message());
            case TOO_LARGE -> error(request, HttpStatus.REQUEST_ENTITY_TOO_LARGE, "Too large", problem.message());
            default -> error(request, HttpStatus.BAD_REQUEST, "Please check " + field(problem), problem.message());
        };
    }

    public static String field(Problem problem) {
        return problem.field() == null ? "your input" : problem.field().replace('_', ' ');
    }

    public static HttpStatus status(Problem problem) {
        return switch (problem.kind()) {
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case TOO_LARGE -> HttpStatus.REQUEST_ENTITY_TOO_LARGE;
            case UNPROCESSABLE -> HttpStatus.UNPROCESSABLE_ENTITY;
            case INVALID -> HttpStatus.BAD_REQUEST;
        };
    }

    public static <T> Problem problemOf(Result<T> result) {
        return ((Result.Rejected<T>) result).problem();
    }

    /** 303 See Other: after a form post, the browser GETs the next page. */
    public static MutableHttpResponse<?> redirect(String location) {
        return HttpResponse.seeOther(URI.create(location));
    }

    /**
     * Decodes an {@code application/x-www-form-urlencoded} body; repeated fields keep every value in
     * order. A value with a NUL character is a 400.
     */
    public static Map<String, List<String>> form(String body) {
        Map<String, List<String>> form = new LinkedHashMap<>();
        if (body == null || body.isEmpty()) {
            return form;
        }
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (value.indexOf('\0') >= 0) {
                // PostgreSQL cannot store it in text (the save would fail with a 500), as in the API
                throw new HttpStatusException(HttpStatus.BAD_REQUEST, name + " must not contain NUL characters");
            }
            form.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return form;
    }

    public static String first(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    public static String encode(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
    }

    public static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
