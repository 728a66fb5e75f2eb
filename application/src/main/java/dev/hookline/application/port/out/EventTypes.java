package dev.hookline.application.port.out;

import dev.hookline.domain.event.EventType;
import dev.hookline.domain.event.EventTypeName;
import java.util.List;
import java.util.Optional;

/** The event type catalog. */
public interface EventTypes {

    /** Every type, ordered by name. */
    List<EventType> all();

    Optional<EventType> find(EventTypeName name);

    void add(EventType type);
}
