package dev.hookline.bootstrap.e2e;

import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/** Every test of {@link TextInputEndToEndTest}, on a fresh PostgreSQL database (see {@link TestPostgres}). */
@DisabledIfSystemProperty(named = "hookline.skip-postgresql-tests", matches = "true")
class TextInputEndToEndPostgresqlTest extends TextInputEndToEndTest {

    @Override
    TestHookline.Store store() {
        return TestHookline.Store.POSTGRESQL;
    }
}
