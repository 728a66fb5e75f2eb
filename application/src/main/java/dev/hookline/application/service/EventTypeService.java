package dev.hookline.application.service;

import dev.hookline.application.port.in.EventTypeCatalogUseCase;
import dev.hookline.application.port.in.Problem;
import dev.hookline.application.port.in.Result;
import dev.hookline.application.port.out.EventTypes;
import dev.hookline.application.port.out.Transactions;
import dev.hookline.domain.event.EventCatalog;
import dev.hookline.domain.event.EventType;
import dev.hookline.domain.event.EventTypeName;
import dev.hookline.domain.event.json.Json;
import dev.hookline.domain.event.json.JsonObject;
import dev.hookline.domain.event.json.JsonParse;
import java.util.List;

/** The event type catalog: seeded from seed 001's table; operators add types. */
public final class EventTypeService implements EventTypeCatalogUseCase {

    private final EventTypes eventTypes;
    private final Transactions transactions;

    public EventTypeService(EventTypes eventTypes, Transactions transactions) {
        this.eventTypes = eventTypes;
        this.transactions = transactions;
    }

    /** Adds the default catalog's types that are missing; returns how many were added. */
    public int seedDefaults() {
        return transactions.inTransaction(() -> {
            int added = 0;
            for (EventType type : EventCatalog.defaults()) {
                if (eventTypes.find(type.name()).isEmpty()) {
                    eventTypes.add(type);
                    added++;
                }
            }
            return added;
        });
    }

    @Override
    public List<EventType> list() {
        return eventTypes.all();
    }

    @Override
    public Result<EventType> add(AddEventTypeCommand command) {
        if (command.name() == null || command.name().isBlank()) {
            return Result.rejected(Problem.invalid("name", "name is required"));
        }
        if (command.name().length() > EventTypeName.MAX_LENGTH) {
            return Result.rejected(Problem.unprocessable("name", "name is too long: at most "
                    + EventTypeName.MAX_LENGTH + " characters (it has " + command.name().length() + ")"));
        }
        if (!EventTypeName.isValid(command.name())) {
            return Result.rejected(Problem.unprocessable("name",
                    "name must look like category.action: lower-case letters, digits and _ joined by dots"));
        }
        if (command.category() == null || command.category().trim().isEmpty() || command.category().length() > 100) {
            return Result.rejected(Problem.invalid("category", "category is required (at most 100 characters)"));
        }
        if (command.description() == null || command.description().trim().isEmpty() || command.description().length() > 500) {
            return Result.rejected(Problem.invalid("description", "description is required (at most 500 characters)"));
        }
        if (command.sample() == null) {
            return Result.rejected(Problem.invalid("sample", "sample is required: the JSON object test events carry"));
        }
        JsonParse parsed = Json.parse(command.sample());
        if (!(parsed instanceof JsonParse.Parsed ok) || !(ok.value() instanceof JsonObject)) {
            return Result.rejected(Problem.invalid("sample", "sample must be a JSON object"));
        }
        EventType type = new EventType(new EventTypeName(command.name()), command.category().trim(),
                command.description().trim(), ok.value().canonical());
        return transactions.inTransaction(() -> {
            if (eventTypes.find(type.name()).isPresent()) {
                return Result.rejected(Problem.conflict("name", "event type " + type.name() + " already exists"));
            }
            eventTypes.add(type);
            return Result.ok(type);
        });
    }
}
