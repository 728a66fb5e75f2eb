package dev.hookline.adapters.persistence.event;

import dev.hookline.domain.event.EventType;
import dev.hookline.domain.event.EventTypeName;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

@MappedEntity("event_types")
record EventTypeRow(@Id String name, String category, String description, String sample, Instant createdAt) {

    static EventTypeRow fromDomain(EventType type, Instant now) {
        return new EventTypeRow(type.name().value(), type.category(), type.description(), type.sample(), now);
    }

    EventType toDomain() {
        return new EventType(new EventTypeName(name), category, description, sample);
    }
}
