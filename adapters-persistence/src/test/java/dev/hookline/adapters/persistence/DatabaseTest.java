package dev.hookline.adapters.persistence;

import dev.hookline.application.port.out.Accounts;
import dev.hookline.application.port.out.ApiKeys;
import dev.hookline.application.port.out.Attempts;
import dev.hookline.application.port.out.Deliveries;
import dev.hookline.application.port.out.Endpoints;
import dev.hookline.application.port.out.EventTypes;
import dev.hookline.application.port.out.Events;
import dev.hookline.application.port.out.Transactions;
import dev.hookline.application.port.out.Users;
import dev.hookline.domain.account.Account;
import dev.hookline.domain.id.AccountId;
import dev.hookline.domain.delivery.AttemptTrigger;
import dev.hookline.domain.delivery.Delivery;
import dev.hookline.domain.id.DeliveryId;
import dev.hookline.domain.id.EndpointId;
import dev.hookline.domain.delivery.DeliveryStatus;
import dev.hookline.domain.endpoint.Endpoint;
import dev.hookline.domain.event.Event;
import dev.hookline.domain.event.EventFilter;
import dev.hookline.domain.id.EventId;
import dev.hookline.domain.event.EventTypeName;
import dev.hookline.domain.signing.SigningSecret;
import io.micronaut.context.ApplicationContext;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/** One fresh migrated database per test class (H2, or PostgreSQL in the postgresql-tests run); empty tables per test. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class DatabaseTest {

    protected static final Instant T0 = Instant.parse("2026-01-15T10:00:00.123456Z");
    protected static final EventTypeName PAYMENT_SUCCEEDED = new EventTypeName("payment.succeeded");
    protected static final SecureRandom RANDOM = new SecureRandom();

    protected ApplicationContext context;
    protected Transactions tx;
    protected Accounts accounts;
    protected Users users;
    protected ApiKeys apiKeys;
    protected EventTypes eventTypes;
    protected Endpoints endpoints;
    protected Events events;
    protected Deliveries deliveries;
    protected Attempts attempts;
    protected Jdbc jdbc;

    @BeforeAll
    void startDatabase() {
        context = TestDatabase.start();
        tx = context.getBean(Transactions.class);
        accounts = context.getBean(Accounts.class);
        users = context.getBean(Users.class);
        apiKeys = context.getBean(ApiKeys.class);
        eventTypes = context.getBean(EventTypes.class);
        endpoints = context.getBean(Endpoints.class);
        events = context.getBean(Events.class);
        deliveries = context.getBean(Deliveries.class);
        attempts = context.getBean(Attempts.class);
        jdbc = context.getBean(Jdbc.class);
    }

    @AfterAll
    void stopDatabase() {
        if (context != null) {
            context.close();
        }
    }

    @BeforeEach
    void emptyTables() {
        TestDatabase.clean(context);
    }

    protected AccountId newAccount() {
        AccountId id = AccountId.generate();
        accounts.add(new Account(id, "Acme " + id.value(), T0));
        return id;
    }

    protected static SigningSecret newSecret() {
        return SigningSecret.generate(RANDOM);
    }

    protected Endpoint newEndpoint(AccountId account) {
        Endpoint endpoint = Endpoint.create(account, "https://example.com/hooks", "orders",
                new EventFilter.AllEvents(), newSecret(), T0);
        endpoints.add(endpoint);
        return endpoint;
    }

    protected Event newEvent(AccountId account) {
        return newEvent(account, T0);
    }

    protected Event newEvent(AccountId account, Instant createdAt) {
        return newEvent(account, createdAt, false);
    }

    /** A stored event; {@code test}: a test event (its deliveries are left out of stats and bulk retries). */
    protected Event newEvent(AccountId account, Instant createdAt, boolean test) {
        Event event = new Event(EventId.generate(), account, PAYMENT_SUCCEEDED, createdAt, "{\"amount\":1}",
                Optional.empty(), Optional.empty(), Optional.empty(), test);
        events.add(event);
        return event;
    }

    /** A PENDING delivery due at {@code due}, not yet stored. */
    protected static Delivery pending(Endpoint endpoint, Event event, Instant due) {
        return new Delivery(DeliveryId.generate(), endpoint.accountId(), event.id(), endpoint.id(), event.type(),
                DeliveryStatus.PENDING, 0, 6, due, null, null, AttemptTrigger.SCHEDULED, event.createdAt(),
                event.createdAt());
    }

    /** One column of one row, as text, read past the adapter. */
    protected String rawColumn(String sql, String id) {
        return jdbc.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
    }

    /** How many deliveries of the endpoint are in each status. */
    protected Map<DeliveryStatus, Long> countByStatus(EndpointId endpoint) {
        return jdbc.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT status, COUNT(*) AS n FROM deliveries WHERE endpoint_id = ? GROUP BY status")) {
                ps.setString(1, endpoint.value());
                Map<DeliveryStatus, Long> counts = new EnumMap<>(DeliveryStatus.class);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        counts.put(DeliveryStatus.valueOf(rs.getString("status")), rs.getLong("n"));
                    }
                }
                return counts;
            }
        });
    }

    protected long count(String sql) {
        return jdbc.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
