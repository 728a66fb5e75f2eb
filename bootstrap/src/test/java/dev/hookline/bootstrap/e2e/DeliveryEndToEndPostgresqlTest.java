package dev.hookline.bootstrap.e2e;

import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/** Every test of {@link DeliveryEndToEndTest}, on a fresh PostgreSQL database (see {@link TestPostgres}). */
@DisabledIfSystemProperty(named = "hookline.skip-postgresql-tests", matches = "true")
class DeliveryEndToEndPostgresqlTest extends DeliveryEndToEndTest {

    @Override
    TestHookline.Store store() {
        return TestHookline.Store.POSTGRESQL;
    }
}
