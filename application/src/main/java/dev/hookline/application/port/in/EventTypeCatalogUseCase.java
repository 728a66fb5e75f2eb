package dev.hookline.application.port.in;

import dev.hookline.domain.event.EventType;
import java.util.List;

/** The event type catalog: merchants read it, operators add types. */
public interface EventTypeCatalogUseCase {

    record AddEventTypeCommand(String name, String category, String description, String sample) {
    }

    List<EventType> list();

    Result<EventType> add(AddEventTypeCommand command);
}
