package dev.hookline.bootstrap.e2e;

import dev.hookline.application.port.out.Deliveries;
import dev.hookline.domain.delivery.Delivery;
import dev.hookline.domain.delivery.DeliveryStatus;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the deliveries this node's dispatcher claimed, and those its publishes wrote already claimed
 * for it (handed over), so a test can tell how nodes shared the work; and its claim passes (each pass
 * asks for the newest due deliveries first, then the oldest).
 */
@Singleton
public class ClaimCounter implements BeanCreatedEventListener<Deliveries> {

    private final AtomicInteger claimed = new AtomicInteger();
    private final AtomicInteger passes = new AtomicInteger();
    private final AtomicInteger handedOver = new AtomicInteger();

    @Override
    public Deliveries onCreated(BeanCreatedEvent<Deliveries> event) {
        Deliveries real = event.getBean();
        return (Deliveries) Proxy.newProxyInstance(Deliveries.class.getClassLoader(), new Class<?>[] {Deliveries.class},
                (proxy, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (method.getName().equals("claimNewestDue")) {
                        passes.incrementAndGet();
                    }
                    if (method.getName().startsWith("claim") && result instanceof List<?> list) {
                        claimed.addAndGet(list.size());
                    }
                    if (method.getName().equals("addAll") && args[0] instanceof List<?> added) {
                        handedOver.addAndGet((int) added.stream()
                                .filter(d -> ((Delivery) d).status() == DeliveryStatus.SENDING).count());
                    }
                    return result;
                });
    }

    int claimed() {
        return claimed.get();
    }

    /** Deliveries written already claimed by this node's publishes. */
    int handedOver() {
        return handedOver.get();
    }

    /** Deliveries this node took to send: claimed, or handed over. */
    int taken() {
        return claimed.get() + handedOver.get();
    }

    int passes() {
        return passes.get();
    }
}
