package dev.hookline.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.hookline.application.port.in.Problem;
import dev.hookline.application.port.in.Result;
import dev.hookline.domain.id.AccountId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestEventServiceTest {

    /** Only the endpoints are read before the webhook is found; nothing else is needed. */
    private final TestEventService service = new TestEventService(new FakeEndpoints(new ArrayList<>()), null, null,
            null, null, null, null, null, null, null);

    @Test
    void anUnknownWebhookIsNotFoundNamingWebhookId() {
        for (String id : List.of("wh_01KB0000000000000000000000", "nope")) {
            Result<?> result = service.send(AccountId.generate(), id, "payment.succeeded");
            Problem problem = assertInstanceOf(Result.Rejected.class, result).problem();
            assertEquals(List.of(Problem.Kind.NOT_FOUND, "webhook_id", "webhook " + id + " not found"),
                    List.of(problem.kind(), problem.field(), problem.message()));
        }
    }
}
