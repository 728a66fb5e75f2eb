package dev.hookline.adapters.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hookline.domain.id.AccountId;
import dev.hookline.domain.delivery.Attempt;
import dev.hookline.domain.id.AttemptId;
import dev.hookline.domain.delivery.AttemptOutcome;
import dev.hookline.domain.delivery.AttemptTrigger;
import dev.hookline.domain.delivery.Delivery;
import dev.hookline.domain.delivery.ErrorKind;
import dev.hookline.domain.endpoint.Endpoint;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AttemptsTest extends DatabaseTest {

    @Test
    void roundTripsAttemptsWithResponsesAndFailuresOldestFirst() {
        AccountId account = newAccount();
        Endpoint endpoint = newEndpoint(account);
        Delivery delivery = pending(endpoint, newEvent(account), T0);
        deliveries.addAll(List.of(delivery));

        Map<String, String> sent = new LinkedHashMap<>();
        sent.put("content-type", "application/json");
        sent.put("webhook-signature", "v1,abc+/= v1,def");
        sent.put("x-odd", "quote \" backslash \\ tab \t newline \n unicode é ☃ \uD83D\uDE00 nul \u0000");
        sent.put("Ünïcödé-Name", "");
        Attempt failure = new Attempt(AttemptId.generate(), delivery.id(), 1, AttemptTrigger.SCHEDULED, T0,
                Duration.ofMillis(5003), sent, new AttemptOutcome.Failure(ErrorKind.TIMEOUT, "no answer within 5 s"));
        Attempt response = new Attempt(AttemptId.generate(), delivery.id(), 2, AttemptTrigger.MANUAL,
                T0.plusSeconds(60), Duration.ofMillis(42), sent,
                new AttemptOutcome.Response(503, Map.of("retry-after", "120", "x-json", "{\"a\":[1,2]}"),
                        "<html>down \u00e9</html>", true));
        Attempt redirect = new Attempt(AttemptId.generate(), delivery.id(), 3, AttemptTrigger.MANUAL,
                T0.plusSeconds(120), Duration.ZERO, Map.of(), new AttemptOutcome.Response(301, Map.of(), "", false));
        attempts.addAll(List.of(failure, response));
        attempts.addAll(List.of(redirect));

        List<Attempt> read = attempts.ofDelivery(delivery.id());
        assertEquals(List.of(failure, response, redirect), read);
        assertEquals(List.copyOf(sent.keySet()), List.copyOf(read.get(0).requestHeaders().keySet()), "header order");
        assertEquals(List.of(), attempts.ofDelivery(pending(endpoint, newEvent(account), T0).id()));
    }
}
