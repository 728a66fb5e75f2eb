package dev.hookline.bootstrap;

import io.micronaut.runtime.Micronaut;
import java.util.Arrays;

/**
 * Starts Hookline: the HTTP server, the dispatcher and the Quartz housekeeping jobs.
 * {@code --demo} adds the {@code demo} environment (demo account, built-in demo receiver).
 */
public final class Hookline {

    private Hookline() {
    }

    public static void main(String[] args) {
        boolean demo = Arrays.asList(args).contains("--demo");
        String[] rest = Arrays.stream(args).filter(a -> !a.equals("--demo")).toArray(String[]::new);
        Micronaut app = Micronaut.build(rest).mainClass(Hookline.class).banner(false);
        if (demo) {
            app.environments("demo");
        }
        app.start();
    }
}
