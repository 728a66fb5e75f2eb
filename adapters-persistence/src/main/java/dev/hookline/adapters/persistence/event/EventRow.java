package dev.hookline.adapters.persistence.event;

import dev.hookline.domain.id.AccountId;
import dev.hookline.domain.event.Event;
import dev.hookline.domain.id.EventId;
import dev.hookline.domain.event.EventTypeName;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.Optional;

/** An event row; the JSON columns hold the canonical text byte for byte. */
@MappedEntity("events")
record EventRow(@Id String id, String accountId, String type, Instant createdAt, String data,
                @Nullable String previousData, @Nullable String entities, @Nullable String idempotencyKey,
                boolean test) {

    static EventRow fromDomain(Event event) {
        return new EventRow(event.id().value(), event.accountId().value(), event.type().value(), event.createdAt(),
                event.data(), event.previousData().orElse(null), event.entities().orElse(null),
                event.idempotencyKey().orElse(null), event.test());
    }

    Event toDomain() {
        return new Event(new EventId(id), new AccountId(accountId), new EventTypeName(type), createdAt, data,
                Optional.ofNullable(previousData), Optional.ofNullable(entities), Optional.ofNullable(idempotencyKey),
                test);
    }
}
