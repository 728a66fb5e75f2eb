package dev.hookline.bootstrap.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** README: {@code hookline.data-dir} holds the embedded database and the values generated on first start. */
class DataDirectoryTest {

    @Test
    void theEmbeddedDatabaseLivesInTheDataDirectory() throws Exception {
        Path dir = TestHookline.newDataDir().toAbsolutePath();
        Map<String, Object> p = new HashMap<>();
        p.put("micronaut.server.port", -1);
        p.put("hookline.data-dir", dir.toString());
        p.put("hookline.security.bcrypt-cost", 4);
        // no datasources.default.url: the one of application.yml
        try (ApplicationContext ctx = ApplicationContext.run(EmbeddedServer.class, p).getApplicationContext()) {
            assertTrue(ctx.isRunning());
        }
        assertTrue(Files.exists(dir.resolve("hookline.mv.db")), "the database is in " + dir);
        assertTrue(Files.exists(dir.resolve("secret-key")), "and the values generated on first start");
    }
}
