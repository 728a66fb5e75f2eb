package dev.hookline.bootstrap;

import io.micronaut.runtime.Micronaut;

/** Starts Hookline: the HTTP server, the dispatcher and the Quartz housekeeping jobs. */
public final class Hookline {

    private Hookline() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(Hookline.class).banner(false).start();
    }
}
