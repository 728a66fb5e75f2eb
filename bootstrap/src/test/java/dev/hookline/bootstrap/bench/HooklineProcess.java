package dev.hookline.bootstrap.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The real Hookline: {@code java -jar hookline.jar} as a child process with its own data
 * directory, talking to the given database. Samples its resident set size from /proc and logs
 * its GC to a file (for the peak heap).
 */
final class HooklineProcess implements AutoCloseable {

    static final String OPERATOR_KEY = "hk_op_benchmark_operator_key_0123456789";
    /** Fixed, so a PostgreSQL database from an earlier run (fresh data directory) accepts this one. */
    private static final String SECRET_KEY = "YmVuY2htYXJrLXNlY3JldC1rZXktMzItYnl0ZXMhISE=";

    final Process process;
    final int port;
    final Path gcLog;
    final Path log;
    final long startedAt;
    final Recorder rssKb = new Recorder();
    private final Thread sampler;
    private volatile boolean sampling = true;

    private HooklineProcess(Process process, int port, Path gcLog, Path log, long startedAt) {
        this.process = process;
        this.port = port;
        this.gcLog = gcLog;
        this.log = log;
        this.startedAt = startedAt;
        this.sampler = new Thread(this::sample, "bench-rss-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    static HooklineProcess start(Bench.Config cfg, String store) throws IOException, InterruptedException {
        Path dataDir = cfg.out().resolve("data-" + store).toAbsolutePath();
        deleteTree(dataDir);
        Files.createDirectories(dataDir);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path gcLog = cfg.out().resolve("gc-" + store + ".log").toAbsolutePath();
        Path log = cfg.out().resolve("hookline-" + store + ".log").toAbsolutePath();
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String a : cfg.jvmArgs().split("\\s+")) {
            if (!a.isBlank()) {
                cmd.add(a);
            }
        }
        cmd.add("-Xlog:gc:file=" + gcLog + ":uptimenanos");
        if (cfg.jfr()) {
            cmd.add("-XX:StartFlightRecording=filename=" + cfg.out().resolve("hookline-" + store + ".jfr").toAbsolutePath()
                    + ",settings=profile,dumponexit=true");
            cmd.add("-XX:FlightRecorderOptions=stackdepth=512");
        }
        cmd.add("-jar");
        cmd.add(cfg.jar().toAbsolutePath().toString());
        cmd.add("--micronaut.server.port=" + port);
        cmd.add("--hookline.data-dir=" + dataDir);
        String url = cfg.jdbc().isBlank()
                ? "jdbc:h2:file:" + dataDir + "/hookline;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                        + "DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0"
                : cfg.jdbc();
        cmd.add("--datasources.default.url=" + url);
        if (!cfg.jdbc().isBlank()) {
            cmd.add("--datasources.default.username=" + cfg.jdbcUser());
            cmd.add("--datasources.default.password=" + cfg.jdbcPassword());
        }
        cmd.add("--hookline.operator-key=" + OPERATOR_KEY);
        cmd.add("--hookline.secret-key=" + SECRET_KEY);
        cmd.add("--hookline.admin.password=bench-operator-password");
        cmd.add("--hookline.endpoints.allow-insecure-urls=true");
        cmd.add("--hookline.endpoints.allowed-private-networks=127.0.0.0/8");
        cmd.add("--hookline.api.rate-limit=0");
        cmd.addAll(cfg.hooklineArgs());
        long startedAt = Bench.now();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        HooklineProcess hookline = new HooklineProcess(p, port, gcLog, log, startedAt);
        hookline.awaitUp(Duration.ofSeconds(90));
        return hookline;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    private void awaitUp(Duration max) throws InterruptedException, IOException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Hookline exited with " + process.exitValue() + "; see " + log);
            }
            try {
                http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/v1/event-types")).build(),
                        HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException e) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("Hookline did not answer within " + max + "; see " + log);
    }

    private void sample() {
        Path status = Path.of("/proc", Long.toString(process.pid()), "status");
        while (sampling && process.isAlive()) {
            try {
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("VmRSS:")) {
                        rssKb.record(Bench.now(), Long.parseLong(line.replaceAll("[^0-9]", "")));
                    }
                }
                Thread.sleep(200);
            } catch (IOException e) {
                return; // exited, or no /proc on this system
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * Seconds Hookline's JIT compilers have spent compiling so far ({@code java.ci.totalTime} from
     * {@code jcmd PerfCounter.print}); -1 when it cannot be read.
     */
    double compilerSeconds() {
        Path jcmd = Path.of(ProcessHandle.current().info().command().orElse("java")).resolveSibling("jcmd");
        try {
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "PerfCounter.print")
                    .redirectErrorStream(true).start();
            long ticks = -1;
            long frequency = -1;
            for (String line : new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .split("\n")) {
                if (line.startsWith("java.ci.totalTime=") || line.startsWith("sun.ci.totalTime=")) {
                    ticks = Long.parseLong(line.substring(line.indexOf('=') + 1).trim());
                } else if (line.startsWith("sun.os.hrt.frequency=")) {
                    frequency = Long.parseLong(line.substring(line.indexOf('=') + 1).trim());
                }
            }
            p.waitFor();
            return ticks < 0 || frequency <= 0 ? -1 : (double) ticks / frequency;
        } catch (IOException | NumberFormatException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Peak resident set size of the process so far (VmHWM), in MiB; -1 without /proc. */
    long peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException e) {
            // gone
        }
        return -1;
    }

    /** CPU time (user + system) the process used so far, in milliseconds; -1 without /proc. */
    long cpuMillis() {
        return cpuMillis(Long.toString(process.pid()));
    }

    /** CPU time (user + system) of process {@code pid} ("self" for this JVM) so far, in ms; -1 without /proc. */
    static long cpuMillis(String pid) {
        try {
            String stat = Files.readString(Path.of("/proc", pid, "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10; // USER_HZ is 100 on Linux
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    double peakRssMb(long from, long to) {
        long kb = rssKb.max(from, to);
        return kb < 0 ? Double.NaN : kb / 1024.0;
    }

    private static final Pattern GC_LINE = Pattern.compile("^\\[(\\d+)ns\\].*?(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    /** The most heap in use (before a collection) between the two bench times, from the GC log. */
    double peakHeapMb(long from, long to) {
        long max = -1;
        try {
            for (String line : Files.readAllLines(gcLog)) {
                Matcher m = GC_LINE.matcher(line);
                if (m.find()) {
                    long at = startedAt + Long.parseLong(m.group(1));
                    if (at >= from && at < to) {
                        max = Math.max(max, Long.parseLong(m.group(2)));
                    }
                }
            }
        } catch (IOException e) {
            return Double.NaN;
        }
        return max < 0 ? Double.NaN : max;
    }

    @Override
    public void close() {
        sampling = false;
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
