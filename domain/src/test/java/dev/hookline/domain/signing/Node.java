package dev.hookline.domain.signing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code node -e script} to check signatures against the receivers' own code (seeds 000, 001,
 * 004).
 */
final class Node {

    record Result(int exitCode, String stdout) {
    }

    private Node() {
    }

    static boolean available() {
        try {
            return run("process.stdout.write('ok')", "").exitCode() == 0;
        } catch (IOException | RuntimeException notThere) {
            return false;
        }
    }

    /** Runs {@code script} with {@code stdin} as its standard input (UTF-8) and {@code args} as {@code process.argv[1..]}. */
    static Result run(String script, String stdin, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("node", "-e", script));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        try {
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("node did not finish");
            }
            return new Result(process.exitValue(), out);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IOException(interrupted);
        }
    }
}
