package dev.hookline.adapters.web.session;

import dev.hookline.adapters.web.security.RefusedRequest;
import dev.hookline.application.port.in.AuthenticateUseCase;
import dev.hookline.application.port.out.Users.User;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.http.server.filter.FilterBodyParser;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * The web pages' session and CSRF guard (everything outside {@code /v1}, which has its own
 * bearer-key filter, and outside static assets):
 * <ul>
 *   <li>reads the signed session cookie and records the {@link SignedInUser};</li>
 *   <li>refuses (403) every POST/PUT/PATCH/DELETE whose CSRF token ({@code X-CSRF-Token} header
 *       or {@code _csrf} form field) is not the session's — or, for {@code POST /login}, the
 *       pre-login cookie's;</li>
 *   <li>sends visitors without a session to {@code /login}, and keeps merchants out of
 *       {@code /admin} and operators out of {@code /settings}.</li>
 * </ul>
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class SessionFilter {

    public static final String SESSION_COOKIE = "hookline_session";
    public static final String LOGIN_COOKIE = "hookline_login";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    public static final String CSRF_FIELD = "_csrf";
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS,
            HttpMethod.TRACE);

    private final SessionCodec codec;
    private final AuthenticateUseCase authenticate;
    private final FilterBodyParser bodyParser;
    private final Clock clock;
    private final Duration ttl;
    private final boolean alwaysSecure;
    private final Executor blocking;

    public SessionFilter(SessionKey key, AuthenticateUseCase authenticate, FilterBodyParser bodyParser, Clock clock,
                         @Value("${hookline.session.ttl:12h}") Duration ttl,
                         @Value("${hookline.session.secure-cookie:false}") boolean alwaysSecure,
                         @Named(TaskExecutors.BLOCKING) Executor blocking) {
        this.codec = new SessionCodec(key.sessionKey());
        this.authenticate = authenticate;
        this.bodyParser = bodyParser;
        this.clock = clock;
        this.ttl = ttl;
        this.alwaysSecure = alwaysSecure;
        this.blocking = blocking;
    }

    /** Paths this filter leaves alone: the API (bearer keys), static files, the demo receiver (a webhook target). */
    static boolean exempt(String path) {
        return path.equals("/v1") || path.startsWith("/v1/") || path.startsWith("/assets/")
                || path.startsWith("/webjars/") || path.startsWith("/demo/") || path.equals("/favicon.ico");
    }

    /**
     * Completes with the request to let it through, or fails with the {@link RefusedRequest}
     * response that stops it. Exempt paths pass on the event loop; the rest (session look-up, form
     * parsing) runs on the blocking executor.
     */
    @RequestFilter
    public CompletableFuture<HttpRequest<?>> filter(HttpRequest<?> request) {
        if (exempt(request.getPath())) {
            return CompletableFuture.completedFuture(request);
        }
        return CompletableFuture.supplyAsync(() -> RefusedRequest.unless(request, guard(request)), blocking);
    }

    @Nullable
    private MutableHttpResponse<?> guard(HttpRequest<?> request) {
        String path = request.getPath();
        Optional<String> sessionValue = request.getCookies().findCookie(SESSION_COOKIE).map(Cookie::getValue);
        Optional<SignedInUser> user = sessionValue.flatMap(value -> codec.decode(value, clock.instant())
                .flatMap(session -> authenticate.user(session.userId(), session.id()))
                .map(u -> signedIn(u, value)));
        user.ifPresent(u -> request.setAttribute(SignedInUser.ATTRIBUTE, u));

        if (!SAFE.contains(request.getMethod())) {
            String boundTo = path.equals("/login")
                    ? request.getCookies().findCookie(LOGIN_COOKIE).map(Cookie::getValue).orElse(null)
                    : user.isPresent() ? sessionValue.get() : null;
            if (!codec.validCsrfToken(boundTo, csrfToken(request))) {
                return page(HttpStatus.FORBIDDEN, "This form has expired",
                        "The request did not carry this session's security token, so nothing was changed. "
                                + "Go back, reload the page and try again.");
            }
        }

        boolean merchantArea = path.equals("/settings") || path.startsWith("/settings/");
        boolean operatorArea = path.equals("/admin") || path.startsWith("/admin/");
        if (!merchantArea && !operatorArea) {
            return null;
        }
        if (user.isEmpty()) {
            String login = "/login?next=" + URLEncoder.encode(request.getUri().toString(), StandardCharsets.UTF_8);
            if (request.getHeaders().contains("HX-Request")) {
                return HttpResponse.ok().header("HX-Redirect", login);
            }
            return HttpResponse.seeOther(java.net.URI.create(login));
        }
        if (merchantArea && !user.get().merchant()) {
            return page(HttpStatus.FORBIDDEN, "Merchant pages",
                    "You are signed in as an operator. Operators work on the /admin pages.");
        }
        if (operatorArea && !user.get().operator()) {
            return page(HttpStatus.FORBIDDEN, "Operators only",
                    "The /admin pages are for the platform's operators. Your webhooks are under /settings/webhooks.");
        }
        return null;
    }

    /** The pages may not be framed (clickjacking), sniffed, or leak their URLs to other sites. */
    @ResponseFilter
    public void securityHeaders(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (exempt(request.getPath())) {
            return;
        }
        response.header("X-Frame-Options", "DENY");
        response.header("X-Content-Type-Options", "nosniff");
        response.header("Referrer-Policy", "same-origin");
    }

    private SignedInUser signedIn(User user, String sessionValue) {
        return new SignedInUser(user.id(), user.email(), user.role(), user.accountId(), codec.csrfToken(sessionValue));
    }

    /** The token from the header, or else from the form body. */
    private String csrfToken(HttpRequest<?> request) {
        String header = request.getHeaders().get(CSRF_HEADER);
        if (header != null && !header.isBlank()) {
            return header.trim();
        }
        Optional<MediaType> type = request.getContentType();
        if (type.isEmpty() || !(type.get().matches(MediaType.APPLICATION_FORM_URLENCODED_TYPE)
                || type.get().matches(MediaType.MULTIPART_FORM_DATA_TYPE))) {
            return null;
        }
        Object value = firstOf(bodyParser.parseBody(request)).get(CSRF_FIELD);
        if (value instanceof Iterable<?> many) {
            var it = many.iterator();
            value = it.hasNext() ? it.next() : null;
        }
        return value == null ? null : value.toString();
    }

    /** Waits (on the blocking executor) for the parsed form; an empty map when there is none. */
    private static Map<String, Object> firstOf(CompletableFuture<Map<String, Object>> parsed) {
        try {
            Map<String, Object> form = parsed.get(30, TimeUnit.SECONDS);
            return form == null ? Map.of() : form;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        } catch (Exception e) {
            return Map.of();
        }
    }

    /** Starts a session for {@code user}: the cookie to set. */
    public Cookie sessionCookie(User user, HttpRequest<?> request) {
        String value = codec.encode(user.id(), clock.instant().plus(ttl));
        return cookie(SESSION_COOKIE, value, request).maxAge(ttl);
    }

    /** Signs the request's session out for good (a copy of its cookie is refused too); the cookie that clears it. */
    public Cookie signOut(HttpRequest<?> request) {
        request.getCookies().findCookie(SESSION_COOKIE).flatMap(c -> codec.decode(c.getValue(), clock.instant()))
                .ifPresent(session -> authenticate.signOut(session.id(), session.expiresAt()));
        return clearedSessionCookie(request);
    }

    public Cookie clearedSessionCookie(HttpRequest<?> request) {
        return cookie(SESSION_COOKIE, "", request).maxAge(0);
    }

    /** A fresh pre-login cookie; the login form's token is {@link #loginToken} of its value. */
    public Cookie loginCookie(String nonce, HttpRequest<?> request) {
        return cookie(LOGIN_COOKIE, nonce, request).maxAge(Duration.ofHours(2));
    }

    public String loginToken(String nonce) {
        return codec.csrfToken(nonce);
    }

    private Cookie cookie(String name, String value, HttpRequest<?> request) {
        return Cookie.of(name, value).httpOnly(true).secure(secure(request, alwaysSecure)).sameSite(SameSite.Lax)
                .path("/");
    }

    /** Whether cookies set in answer to this request get the Secure flag: behind TLS, or when configured. */
    public static boolean secure(HttpRequest<?> request, boolean alwaysSecure) {
        return alwaysSecure || request.isSecure()
                || "https".equalsIgnoreCase(request.getHeaders().get("X-Forwarded-Proto"));
    }

    static MutableHttpResponse<String> page(HttpStatus status, String title, String message) {
        String html = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
                + " · Hookline</title><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<link rel=\"icon\" href=\"/assets/favicon.svg\" type=\"image/svg+xml\">"
                + "<link rel=\"stylesheet\" href=\"/assets/hookline.css\"></head><body class=\"plain\">"
                + "<main class=\"narrow\"><div class=\"card\"><h1>" + escape(title) + "</h1><p>" + escape(message)
                + "</p><p><a class=\"button\" href=\"/\">Go to Hookline</a></p></div></main></body></html>";
        return HttpResponse.status(status).contentType(MediaType.TEXT_HTML_TYPE).body(html)
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
