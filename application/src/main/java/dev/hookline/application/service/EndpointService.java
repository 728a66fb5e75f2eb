package dev.hookline.application.service;

import dev.hookline.application.port.in.CheckEndpointUrlUseCase;
import dev.hookline.application.port.in.DeleteEndpointUseCase;
import dev.hookline.application.port.in.EndpointQueries;
import dev.hookline.application.port.in.Problem;
import dev.hookline.application.port.in.RegisterEndpointUseCase;
import dev.hookline.application.port.in.Result;
import dev.hookline.application.port.in.RotateSecretUseCase;
import dev.hookline.application.port.in.UpdateEndpointUseCase;
import dev.hookline.application.port.out.Deliveries;
import dev.hookline.application.port.out.Endpoints;
import dev.hookline.application.port.out.EndpointTallies;
import dev.hookline.application.port.out.EventTypes;
import dev.hookline.application.port.out.HostResolver;
import dev.hookline.application.port.out.Transactions;
import dev.hookline.domain.id.AccountId;
import dev.hookline.domain.delivery.DeliveryTally;
import dev.hookline.domain.endpoint.Disablement;
import dev.hookline.domain.endpoint.Endpoint;
import dev.hookline.domain.id.EndpointId;
import dev.hookline.domain.endpoint.network.AddressVerdict;
import dev.hookline.domain.endpoint.network.EndpointUrl;
import dev.hookline.domain.endpoint.network.UrlCheck;
import dev.hookline.domain.event.EventFilter;
import dev.hookline.domain.event.EventType;
import dev.hookline.domain.retry.RetryPolicy;
import dev.hookline.domain.signing.SecretParse;
import dev.hookline.domain.signing.SigningSecret;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Registers, changes, rotates and deletes endpoints, and reads them with their delivery stats. */
public final class EndpointService implements RegisterEndpointUseCase, UpdateEndpointUseCase, DeleteEndpointUseCase,
        RotateSecretUseCase, EndpointQueries, CheckEndpointUrlUseCase {

    /**
     * The success rate counts the deliveries finished in this window, to the hour (the last delivery is
     * the endpoint's latest attempt, any time).
     */
    static final Duration STATS_WINDOW = Duration.ofDays(7);

    private final Endpoints endpoints;
    private final Deliveries deliveries;
    private final EndpointTallies tallies;
    private final EventTypes eventTypes;
    private final HostResolver resolver;
    private final Transactions transactions;
    private final Clock clock;
    private final HooklineSettings settings;
    private final SecureRandom random = new SecureRandom();

    public EndpointService(Endpoints endpoints, Deliveries deliveries, EndpointTallies tallies, EventTypes eventTypes,
                           HostResolver resolver, Transactions transactions, Clock clock,
                           HooklineSettings settings) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.tallies = tallies;
        this.eventTypes = eventTypes;
        this.resolver = resolver;
        this.transactions = transactions;
        this.clock = clock;
        this.settings = settings;
    }

    @Override
    public Result<Endpoint> register(AccountId account, RegisterEndpointCommand command) {
        Result<String> url = checkUrl(command.url());
        if (url instanceof Result.Rejected<String> r) {
            return Result.rejected(r.problem());
        }
        Result<EventFilter> filter = checkEvents(command.events());
        if (filter instanceof Result.Rejected<EventFilter> r) {
            return Result.rejected(r.problem());
        }
        Optional<Problem> description = checkDescription(command.description());
        if (description.isPresent()) {
            return Result.rejected(description.get());
        }
        Optional<Problem> rate = checkRateLimit(command.rateLimit());
        if (rate.isPresent()) {
            return Result.rejected(rate.get());
        }
        Result<Optional<RetryPolicy>> retry = checkRetrySchedule(command.retrySchedule());
        if (retry instanceof Result.Rejected<Optional<RetryPolicy>> r) {
            return Result.rejected(r.problem());
        }
        SigningSecret secret;
        if (command.secret() == null) {
            secret = SigningSecret.generate(random);
        } else if (SigningSecret.parse(command.secret()) instanceof SecretParse.Valid valid) {
            secret = valid.secret();
        } else {
            return Result.rejected(Problem.unprocessable("secret",
                    ((SecretParse.Invalid) SigningSecret.parse(command.secret())).reason()));
        }
        Instant now = clock.instant();
        Integer rateLimit = command.rateLimit() == null || command.rateLimit() == 0 ? null : command.rateLimit();
        Endpoint endpoint = Endpoint.create(account, url.orElseThrow(), command.description(), filter.orElseThrow(),
                secret, now).withRateLimit(rateLimit, now).withRetryPolicy(retry.orElseThrow().orElse(null), now);
        transactions.run(() -> endpoints.add(endpoint));
        return Result.ok(endpoint);
    }

    @Override
    public Result<Endpoint> update(AccountId account, String endpointId, UpdateEndpointCommand command) {
        String url = null;
        if (command.url() != null) {
            Result<String> checked = checkUrl(command.url());
            if (checked instanceof Result.Rejected<String> r) {
                return Result.rejected(r.problem());
            }
            url = checked.orElseThrow();
        }
        EventFilter filter = null;
        if (command.events() != null) {
            Result<EventFilter> checked = checkEvents(command.events());
            if (checked instanceof Result.Rejected<EventFilter> r) {
                return Result.rejected(r.problem());
            }
            filter = checked.orElseThrow();
        }
        Optional<Problem> problem = checkDescription(command.description()).or(() -> checkRateLimit(command.rateLimit()));
        if (problem.isPresent()) {
            return Result.rejected(problem.get());
        }
        Result<Optional<RetryPolicy>> retry = command.retrySchedule() == null ? null
                : command.retrySchedule().isEmpty() ? Result.ok(Optional.empty())
                : checkRetrySchedule(command.retrySchedule().get());
        if (retry instanceof Result.Rejected<Optional<RetryPolicy>> r) {
            return Result.rejected(r.problem());
        }
        String newUrl = url;
        EventFilter newFilter = filter;
        Result<Endpoint> result = transactions.inTransaction(() -> {
            Optional<Endpoint> found = find(account, endpointId);
            if (found.isEmpty()) {
                return Result.rejected(Problem.notFound("webhook " + endpointId));
            }
            Instant now = clock.instant();
            Endpoint changed = found.get().edit(newUrl, command.description(), newFilter, now);
            if (command.rateLimit() != null) {
                changed = changed.withRateLimit(command.rateLimit() == 0 ? null : command.rateLimit(), now);
            }
            if (retry != null) {
                changed = changed.withRetryPolicy(retry.orElseThrow().orElse(null), now);
            }
            boolean disabling = Boolean.FALSE.equals(command.enabled()) && changed.enabled();
            boolean enabling = Boolean.TRUE.equals(command.enabled()) && !changed.enabled();
            if (disabling) {
                changed = changed.disable(Disablement.byMerchant(now));
            } else if (enabling) {
                changed = changed.enable(now);
            }
            if (changed.equals(found.get())) {
                return Result.ok(changed); // nothing to change: nothing written, updated_at stays
            }
            // the row and the mark in one transaction: a publish that saw the endpoint disabled locks
            // it before writing HELD deliveries (Endpoints#lockEnabled), so none is written behind the
            // mark; a PENDING one written behind its hold is held by the dispatcher
            endpoints.update(changed);
            if (disabling || enabling) {
                // the housekeeping job holds its waiting deliveries, a chunk per transaction, within a
                // sweep interval (1 s), and the dispatchers claim its held ones straight from the hold:
                // not in this request, which would wait for all of them (the dispatcher holds any it
                // claims for a disabled endpoint meanwhile)
                endpoints.markSwitched(changed.id());
            }
            return Result.ok(changed);
        });
        return result;
    }

    @Override
    public Result<Void> delete(AccountId account, String endpointId) {
        if (!EndpointId.isValid(endpointId)) {
            return Result.rejected(Problem.notFound("webhook " + endpointId));
        }
        // gone for every read now; the housekeeping job deletes its history a chunk per transaction
        boolean deleted = transactions.inTransaction(
                () -> endpoints.delete(account, new EndpointId(endpointId), clock.instant()));
        return deleted ? Result.ok(null) : Result.rejected(Problem.notFound("webhook " + endpointId));
    }

    @Override
    public Result<RotatedSecret> rotate(AccountId account, String endpointId) {
        SigningSecret next = SigningSecret.generate(random);
        return transactions.inTransaction(() -> {
            Optional<Endpoint> found = find(account, endpointId);
            if (found.isEmpty()) {
                return Result.rejected(Problem.notFound("webhook " + endpointId));
            }
            Instant now = clock.instant();
            endpoints.update(found.get().rotateSecret(next, now, settings.secretOverlap()));
            return Result.ok(new RotatedSecret(next, now.plus(settings.secretOverlap())));
        });
    }

    @Override
    public List<EndpointView> list(AccountId account) {
        List<Endpoint> all = endpoints.ofAccount(account);
        Map<EndpointId, DeliveryTally> stats = tallies.sumFrom(all.stream().map(Endpoint::id).toList(), statsFrom());
        Map<EndpointId, Long> held = heldOfDisabled(all);
        return all.stream().map(e -> new EndpointView(e, stats.getOrDefault(e.id(), DeliveryTally.NONE),
                held.getOrDefault(e.id(), 0L))).toList();
    }

    @Override
    public Result<EndpointView> get(AccountId account, String endpointId) {
        Optional<Endpoint> found = find(account, endpointId);
        if (found.isEmpty()) {
            return Result.rejected(Problem.notFound("webhook " + endpointId));
        }
        Endpoint endpoint = found.get();
        DeliveryTally stats = tallies.sumFrom(List.of(endpoint.id()), statsFrom())
                .getOrDefault(endpoint.id(), DeliveryTally.NONE);
        return Result.ok(new EndpointView(endpoint, stats, heldOfDisabled(List.of(endpoint)).getOrDefault(endpoint.id(), 0L)));
    }

    /**
     * Held deliveries of the disabled ones: counted only while disabled, where the API and pages
     * show it (the count reads the endpoint's held rows, and the PATCH that enabled one with 100,000
     * held spent ~1.7 s of H2 on counting them).
     */
    private Map<EndpointId, Long> heldOfDisabled(List<Endpoint> some) {
        return deliveries.countHeld(some.stream().filter(e -> !e.enabled()).map(Endpoint::id).toList());
    }

    private long statsFrom() {
        return DeliveryTally.epochHour(clock.instant().minus(STATS_WINDOW));
    }

    @Override
    public Optional<Problem> checkEndpointUrl(String url) {
        return checkUrl(url) instanceof Result.Rejected<String> r ? Optional.of(r.problem()) : Optional.empty();
    }

    private Optional<Endpoint> find(AccountId account, String endpointId) {
        if (!EndpointId.isValid(endpointId)) {
            return Optional.empty();
        }
        return endpoints.find(account, new EndpointId(endpointId));
    }

    /** The URL rules of the network policy, then the addresses its host name resolves to. */
    private Result<String> checkUrl(String raw) {
        if (raw == null || raw.isBlank()) {
            return Result.rejected(Problem.invalid("url", "url is required"));
        }
        UrlCheck check = settings.networkPolicy().checkUrl(raw);
        if (check instanceof UrlCheck.Refused refused) {
            return Result.rejected(Problem.unprocessable("url", refused.reason()));
        }
        EndpointUrl url = ((UrlCheck.Accepted) check).url();
        if (url.literalAddress().isEmpty()
                && resolver.resolve(url.host()) instanceof HostResolver.Resolution.Resolved resolved) {
            for (InetAddress address : resolved.addresses()) {
                if (settings.networkPolicy().check(address) instanceof AddressVerdict.Refused refused) {
                    return Result.rejected(Problem.unprocessable("url",
                            "host " + url.host() + " resolves to " + refused.reason()));
                }
            }
        }
        return Result.ok(url.value());
    }

    /** The filter's syntax, then that every named type or category exists in the catalog. */
    private Result<EventFilter> checkEvents(List<String> events) {
        if (events == null) {
            return Result.rejected(Problem.invalid("events",
                    "events is required: a list of event types, categories (payment.*) or [\"*\"] for all"));
        }
        EventFilter.FilterParse parse = EventFilter.parse(events);
        if (parse instanceof EventFilter.FilterParse.Invalid invalid) {
            return Result.rejected(Problem.unprocessable("events", invalid.reason()));
        }
        EventFilter filter = ((EventFilter.FilterParse.Valid) parse).filter();
        if (filter instanceof EventFilter.Selected selected) {
            List<EventType> catalog = eventTypes.all();
            Set<String> names = catalog.stream().map(t -> t.name().value()).collect(Collectors.toSet());
            Set<String> categories = catalog.stream().map(t -> t.name().category()).collect(Collectors.toSet());
            for (String name : selected.names()) {
                if (!names.contains(name)) {
                    return Result.rejected(Problem.unprocessable("events", "unknown event type " + name));
                }
            }
            for (String category : selected.categories()) {
                if (!categories.contains(category)) {
                    return Result.rejected(Problem.unprocessable("events", "no event types in category " + category
                            + ".*"));
                }
            }
        }
        return Result.ok(filter);
    }

    private static Optional<Problem> checkDescription(String description) {
        if (description != null && description.length() > Endpoint.MAX_DESCRIPTION_LENGTH) {
            return Optional.of(Problem.invalid("description",
                    "description must be at most " + Endpoint.MAX_DESCRIPTION_LENGTH + " characters"));
        }
        return Optional.empty();
    }

    /** Shortest and longest delay an endpoint's own schedule may have. */
    static final Duration MIN_RETRY_DELAY = Duration.ofSeconds(1);
    static final Duration MAX_RETRY_DELAY = Duration.ofDays(7);

    /**
     * An endpoint's own retry schedule (with the deployment's jitter); empty for {@code null} (the
     * deployment's schedule). An empty text is a schedule without retries.
     */
    private Result<Optional<RetryPolicy>> checkRetrySchedule(String text) {
        if (text == null) {
            return Result.ok(Optional.empty());
        }
        List<Duration> delays;
        try {
            delays = RetryPolicy.parseSchedule(text);
        } catch (NumberFormatException | ArithmeticException tooLarge) {
            return Result.rejected(Problem.invalid("retry_schedule",
                    "retry_schedule has a delay too large to read; each is 1s to 7d"));
        } catch (IllegalArgumentException e) {
            return Result.rejected(Problem.invalid("retry_schedule", "retry_schedule: " + e.getMessage()));
        }
        if (delays.size() > RetryPolicy.MAX_RETRIES) {
            return Result.rejected(Problem.invalid("retry_schedule",
                    "retry_schedule may have at most " + RetryPolicy.MAX_RETRIES + " delays"));
        }
        for (Duration delay : delays) {
            if (delay.compareTo(MIN_RETRY_DELAY) < 0 || delay.compareTo(MAX_RETRY_DELAY) > 0) {
                String shown = RetryPolicy.formatSchedule(List.of(delay));
                return Result.rejected(Problem.invalid("retry_schedule",
                        "retry_schedule delays must be from 1s to 7d, not " + shown));
            }
        }
        return Result.ok(Optional.of(new RetryPolicy(delays, settings.retryPolicy().jitter())));
    }

    private static Optional<Problem> checkRateLimit(Integer rateLimit) {
        if (rateLimit != null && (rateLimit < 0 || rateLimit > 100_000)) {
            return Optional.of(Problem.invalid("rate_limit",
                    "rate_limit must be between 1 and 100000 deliveries per second (0 removes the limit)"));
        }
        return Optional.empty();
    }
}
