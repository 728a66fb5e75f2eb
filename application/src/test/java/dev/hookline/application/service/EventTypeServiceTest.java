package dev.hookline.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.hookline.application.port.in.EventTypeCatalogUseCase.AddEventTypeCommand;
import dev.hookline.application.port.in.Problem;
import dev.hookline.application.port.in.Result;
import dev.hookline.application.port.out.EventTypes;
import dev.hookline.application.port.out.Transactions;
import dev.hookline.domain.event.EventType;
import dev.hookline.domain.event.EventTypeName;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class EventTypeServiceTest {

    private final List<EventType> stored = new ArrayList<>();
    private final EventTypeService service = new EventTypeService(new EventTypes() {
        @Override
        public List<EventType> all() {
            return List.copyOf(stored);
        }

        @Override
        public Optional<EventType> find(EventTypeName name) {
            return stored.stream().filter(t -> t.name().equals(name)).findFirst();
        }

        @Override
        public void add(EventType type) {
            stored.add(type);
        }
    }, new Transactions() {
        @Override
        public <T> T inTransaction(Supplier<T> work) {
            return work.get();
        }
    });

    private Problem refusal(String name, String sample) {
        Result<EventType> result = service.add(new AddEventTypeCommand(name, "Refunds", "A refund", sample));
        return assertInstanceOf(Result.Rejected.class, result, result::toString).problem();
    }

    @Test
    void aTypeWithoutASampleIsRefusedNamingSample() {
        Problem missing = refusal("refund.created", null);
        assertEquals(List.of(Problem.Kind.INVALID, "sample"), List.of(missing.kind(), missing.field()));
        assertEquals("sample is required: the JSON object test events carry", missing.message());
        assertEquals("sample", refusal("refund.created", "[]").field());
        assertEquals("sample", refusal("refund.created", "null").field());
        assertEquals(List.of(), stored);
    }

    @Test
    void aDuplicateNameIsAConflictNamingName() {
        assertInstanceOf(Result.Ok.class, service.add(new AddEventTypeCommand("refund.created", "Refunds", "d", "{}")));
        Problem again = refusal("refund.created", "{}");
        assertEquals(List.of(Problem.Kind.CONFLICT, "name"), List.of(again.kind(), again.field()));
    }

    @Test
    void anOverlongNameIsRefusedAsTooLongGivingTheLimit() {
        Problem tooLong = refusal("a." + "b".repeat(4998), "{}");
        assertEquals("name", tooLong.field());
        assertEquals("name is too long: at most 100 characters (it has 5000)", tooLong.message());
        assertInstanceOf(Result.Ok.class, service.add(new AddEventTypeCommand("a." + "b".repeat(98), "R", "d", "{}")));
    }
}
