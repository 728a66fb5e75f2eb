package dev.hookline.adapters.web.pages.login;

import dev.hookline.adapters.web.pages.Pages;
import dev.hookline.adapters.web.security.LoginThrottle;
import dev.hookline.adapters.web.session.SessionCodec;
import dev.hookline.adapters.web.session.SessionFilter;
import dev.hookline.adapters.web.session.SignedInUser;
import dev.hookline.application.port.in.AuthenticateUseCase;
import dev.hookline.application.port.out.Users.Role;
import dev.hookline.application.port.out.Users.User;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Hidden;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Sign in (e-mail and password, bcrypt-checked by the use case), sign out, and the front door. */
@Hidden // a page, not part of the API: left out of the OpenAPI document
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class LoginPages {

    private final AuthenticateUseCase authenticate;
    private final SessionFilter sessions;
    private final LoginThrottle throttle;

    public LoginPages(AuthenticateUseCase authenticate, SessionFilter sessions, LoginThrottle throttle) {
        this.authenticate = authenticate;
        this.sessions = sessions;
        this.throttle = throttle;
    }

    /** The login form's model. */
    public record LoginView(String email, String next, String token, String error) {
    }

    @Get(produces = MediaType.TEXT_HTML)
    public MutableHttpResponse<?> home(HttpRequest<?> request) {
        Optional<SignedInUser> user = request.getAttribute(SignedInUser.ATTRIBUTE, SignedInUser.class);
        return Pages.redirect(user.map(u -> home(u.role())).orElse("/login"));
    }

    @Get(value = "/login", produces = MediaType.TEXT_HTML)
    public MutableHttpResponse<?> form(HttpRequest<?> request, @Nullable @QueryValue String next) {
        if (request.getAttribute(SignedInUser.ATTRIBUTE, SignedInUser.class).isPresent()) {
            return Pages.redirect(safeNext(next).orElse("/"));
        }
        String nonce = request.getCookies().findCookie(SessionFilter.LOGIN_COOKIE).map(Cookie::getValue)
                .orElseGet(SessionCodec::nonce);
        return Pages.render(request, "login", Map.of("login",
                        new LoginView("", safeNext(next).orElse(""), sessions.loginToken(nonce), null)))
                .cookie(sessions.loginCookie(nonce, request));
    }

    @Post(value = "/login", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    public MutableHttpResponse<?> login(HttpRequest<?> request, @Nullable @Body String body) {
        Map<String, List<String>> form = Pages.form(body);
        String email = Optional.ofNullable(Pages.first(form, "email")).orElse("").trim();
        String password = Optional.ofNullable(Pages.first(form, "password")).orElse("");
        Optional<String> next = safeNext(Pages.first(form, "next"));
        Optional<Duration> blocked = email.isEmpty() ? Optional.empty() : throttle.blockedFor(email);
        if (blocked.isPresent()) {
            long minutes = Math.max(1, (blocked.get().toSeconds() + 59) / 60);
            return loginAgain(request, HttpStatus.TOO_MANY_REQUESTS, email, next,
                    "Too many failed sign-ins for this e-mail address. Try again in " + minutes
                            + (minutes == 1 ? " minute." : " minutes."))
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(blocked.get().toSeconds() + 1));
        }
        Optional<User> user = email.isEmpty() || password.isEmpty() ? Optional.empty()
                : authenticate.login(email, password);
        if (user.isEmpty()) {
            if (!email.isEmpty() && !password.isEmpty()) {
                throttle.failed(email);
            }
            String error = email.isEmpty() || password.isEmpty() ? "Enter your e-mail address and password."
                    : "That e-mail address and password do not match an account.";
            return loginAgain(request, HttpStatus.UNAUTHORIZED, email, next, error);
        }
        throttle.succeeded(email);
        String target = next.filter(n -> allowed(n, user.get().role())).orElse(home(user.get().role()));
        MutableHttpResponse<?> response = Pages.redirect(target);
        response.cookie(sessions.sessionCookie(user.get(), request));
        response.cookie(Cookie.of(SessionFilter.LOGIN_COOKIE, "").path("/").maxAge(0));
        return response;
    }

    @Post(value = "/logout", consumes = {MediaType.APPLICATION_FORM_URLENCODED, MediaType.ALL}, produces = MediaType.TEXT_HTML)
    public MutableHttpResponse<?> logout(HttpRequest<?> request) {
        MutableHttpResponse<?> response = Pages.redirect("/login");
        response.cookie(sessions.signOut(request));
        return response;
    }

    private MutableHttpResponse<?> loginAgain(HttpRequest<?> request, HttpStatus status, String email,
                                              Optional<String> next, String error) {
        String nonce = request.getCookies().findCookie(SessionFilter.LOGIN_COOKIE).map(Cookie::getValue)
                .orElseGet(SessionCodec::nonce);
        return Pages.render(request, status, "login", Map.of("login",
                        new LoginView(email, next.orElse(""), sessions.loginToken(nonce), error)))
                .cookie(sessions.loginCookie(nonce, request));
    }

    private static String home(Role role) {
        return role == Role.ADMIN ? "/admin" : "/settings/webhooks";
    }

    private static boolean allowed(String next, Role role) {
        return role == Role.ADMIN ? next.startsWith("/admin") : next.startsWith("/settings");
    }

    /** Only local paths: never an open redirect to another site. */
    static Optional<String> safeNext(String next) {
        if (next == null || next.isBlank() || !next.startsWith("/") || next.startsWith("//") || next.contains("\\")
                || next.length() > 500) {
            return Optional.empty();
        }
        return Optional.of(next);
    }
}
