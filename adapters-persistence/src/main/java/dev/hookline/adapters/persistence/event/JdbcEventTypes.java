package dev.hookline.adapters.persistence.event;

import dev.hookline.application.port.out.EventTypes;
import dev.hookline.domain.event.EventType;
import dev.hookline.domain.event.EventTypeName;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

@Singleton
class JdbcEventTypes implements EventTypes {

    private final EventTypeRepository repository;

    JdbcEventTypes(EventTypeRepository repository) {
        this.repository = repository;
    }

    @Override
    public List<EventType> all() {
        return repository.listOrderByName().stream().map(EventTypeRow::toDomain).toList();
    }

    @Override
    public Optional<EventType> find(EventTypeName name) {
        return repository.findById(name.value()).map(EventTypeRow::toDomain);
    }

    @Override
    public void add(EventType type) {
        repository.save(EventTypeRow.fromDomain(type, Instant.now()));
    }
}
