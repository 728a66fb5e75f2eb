package dev.hookline.bootstrap.bench;

import dev.hookline.domain.event.json.Json;
import dev.hookline.domain.event.json.JsonArray;
import dev.hookline.domain.event.json.JsonObject;
import dev.hookline.domain.event.json.JsonParse;
import dev.hookline.domain.event.json.JsonValue;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Hookline benchmark: the real jar as a child process, its real API, database and signing,
 * against a loopback {@link Sink} that verifies every signature. Scenarios: throughput at fan-out
 * 1, 10 and 100, latency at half the fan-out-1 rate, a retry backlog draining beside fresh
 * events, and beside each throughput figure the bare HttpClient ceiling against the same sink at
 * the same concurrency. Writes {@code target/bench/results.json} and {@code results.md}.
 *
 * <p>Run it with {@code mvn -B -Pbench -DskipTests -pl bootstrap -am verify} (README, "Benchmark").
 */
public final class Bench {

    private static final long ORIGIN = System.nanoTime();
    /** The warm-up looks at the JIT compilers' time over windows this long ... */
    private static final long JIT_WINDOW_NANOS = 10_000_000_000L;
    /** ... and ends (after bench.jit-warmup) once they used less than this share of a core in one. */
    private static final double JIT_SETTLED_SHARE = 0.15;

    /** Nanoseconds on this JVM's clock, always positive: the publisher's and the sink's common time base. */
    static long now() {
        return System.nanoTime() - ORIGIN + 1;
    }

    record Config(Path out, Path jar, String jdbc, String jdbcUser, String jdbcPassword, int seconds, int warmup,
                  int ceilingSeconds, int jitWarmup, int jitWarmupMax, int backlog, int publishers, int maxOutstanding, String jvmArgs,
                  List<String> hooklineArgs, boolean jfr, List<String> scenarios, int maxInFlight,
                  int maxInFlightPerEndpoint) {

        static Config fromSystemProperties() {
            List<String> extra = new ArrayList<>();
            for (String a : prop("bench.hookline-args", "").split("\\s+")) {
                if (!a.isBlank()) {
                    extra.add(a);
                }
            }
            return new Config(Path.of(prop("bench.out", "target/bench")), Path.of(prop("bench.jar", "target/hookline.jar")),
                    prop("bench.jdbc", ""), prop("bench.jdbc-user", "postgres"), prop("bench.jdbc-password", ""),
                    Integer.parseInt(prop("bench.seconds", "30")), Integer.parseInt(prop("bench.warmup", "5")),
                    Integer.parseInt(prop("bench.ceiling-seconds", "10")), Integer.parseInt(prop("bench.jit-warmup", "45")),
                    Integer.parseInt(prop("bench.jit-warmup-max", "180")),
                    Integer.parseInt(prop("bench.backlog", "50000")),
                    Integer.parseInt(prop("bench.publishers", "64")), Integer.parseInt(prop("bench.max-outstanding", "2000")),
                    prop("bench.jvm-args", "-Xmx512m"), extra, Boolean.parseBoolean(prop("bench.jfr", "false")),
                    Arrays.asList(prop("bench.scenarios", "fanout1,fanout10,fanout100,latency,backlog").split(",")),
                    Integer.parseInt(prop("bench.max-in-flight", "512")),
                    Integer.parseInt(prop("bench.max-in-flight-per-endpoint", "64")));
        }

        private static String prop(String name, String fallback) {
            String v = System.getProperty(name);
            return v == null || v.isBlank() ? fallback : v.trim();
        }
    }

    /** One row of results.json. */
    record Row(String scenario, String store, double deliveriesPerS, double ceilingPerS, double p50, double p95,
               double p99, double peakRssMb, double peakHeapMb, double eventsPerS, long deliveries, double seconds,
               long invalidSignatures, long duplicates, long publishErrors, Cpu cpu, String load,
               String note) {

        Row withNote(String other) {
            return new Row(scenario, store, deliveriesPerS, ceilingPerS, p50, p95, p99, peakRssMb, peakHeapMb, eventsPerS,
                    deliveries, seconds, invalidSignatures, duplicates, publishErrors, cpu, load, other);
        }

        String json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("scenario", scenario);
            m.put("store", store);
            m.put("deliveries_per_s", round(deliveriesPerS));
            m.put("ceiling_per_s", round(ceilingPerS));
            m.put("ratio_of_ceiling",
                    ceilingPerS > 0 ? Math.round(deliveriesPerS / ceilingPerS * 1000) / 1000.0 : Double.NaN);
            m.put("p50_ms", round(p50));
            m.put("p95_ms", round(p95));
            m.put("p99_ms", round(p99));
            m.put("peak_rss_mb", round(peakRssMb));
            m.put("peak_heap_mb", round(peakHeapMb));
            m.put("events_per_s", round(eventsPerS));
            m.put("deliveries", deliveries);
            m.put("seconds", round(seconds));
            m.put("invalid_signatures", invalidSignatures);
            m.put("duplicates", duplicates);
            m.put("publish_errors", publishErrors);
            m.put("hookline_cpu_ms_per_delivery",
                    deliveries == 0 ? 0 : Math.round(cpu.hooklineMs() * 1000.0 / deliveries) / 1000.0);
            // shares of all cores over the measured interval; "other" is mostly PostgreSQL when it runs here
            m.put("machine_cpu_busy_pct", cpu.share(cpu.machineBusyMs()));
            m.put("hookline_cpu_pct", cpu.share(cpu.hooklineMs()));
            m.put("bench_cpu_pct", cpu.share(cpu.benchMs()));
            // /proc/stat and the processes' stat files are read a moment apart: never below 0
            m.put("other_cpu_pct", cpu.share(Math.max(0, cpu.machineBusyMs() - cpu.hooklineMs() - cpu.benchMs())));
            m.put("load_avg", load);
            m.put("cpus", Runtime.getRuntime().availableProcessors());
            m.put("at", Instant.now().toString());
            m.put("note", note);
            StringBuilder sb = new StringBuilder("{");
            m.forEach((k, v) -> {
                if (sb.length() > 1) {
                    sb.append(',');
                }
                sb.append(Json.quote(k)).append(':');
                sb.append(v instanceof String s ? Json.quote(s)
                        : v instanceof Double d && (d.isNaN() || d.isInfinite()) ? "null" : String.valueOf(v));
            });
            return sb.append('}').toString();
        }

        private static double round(double v) {
            return Double.isNaN(v) ? Double.NaN : Math.round(v * 10) / 10.0;
        }
    }

    private final Config cfg;
    private final String store;
    private final Sink sink;
    private final HooklineProcess hookline;
    private final Load publisher;
    private final HttpClient api = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<Row> rows = new ArrayList<>();
    private final Map<Integer, Double> ceilings = new LinkedHashMap<>(); // in the order measured
    private final Map<String, Double> rates = new LinkedHashMap<>();
    /** How long the warm-up ran, in s; negative when the JIT had not settled by bench.jit-warmup-max. */
    private double jitSettledAfter;
    private boolean jitObserved;

    private Bench(Config cfg, String store, Sink sink, HooklineProcess hookline, Load publisher) {
        this.cfg = cfg;
        this.store = store;
        this.sink = sink;
        this.hookline = hookline;
        this.publisher = publisher;
    }

    public static void main(String[] args) {
        try {
            run(Config.fromSystemProperties());
            System.exit(0);
        } catch (Exception | Error e) {
            e.printStackTrace();
            System.exit(1); // the sink's and publishers' threads must not keep a failed run alive
        }
    }

    private static void run(Config cfg) throws Exception {
        Files.createDirectories(cfg.out());
        // to re-run without Maven: java -cp "$(cat target/bench/classpath.txt)" dev.hookline.bootstrap.bench.Bench
        Files.writeString(cfg.out().resolve("classpath.txt"), System.getProperty("java.class.path"));
        if (!Files.exists(cfg.jar())) {
            throw new IllegalStateException(cfg.jar() + " is missing: run the benchmark through Maven (package first)");
        }
        String store = cfg.jdbc().isBlank() ? "h2" : cfg.jdbc().startsWith("jdbc:postgresql:") ? "postgresql" : "other";
        log("store " + store + ", " + cfg.seconds() + " s per throughput scenario, load " + load());
        List<Row> rows;
        try (Sink sink = new Sink(2);
             HooklineProcess hookline = HooklineProcess.start(cfg, store);
             Load publisher = new Load(cfg.publishers() * 2, 1)) {
            log("Hookline pid " + hookline.process.pid() + " on port " + hookline.port + " (log " + hookline.log + ")");
            Bench bench = new Bench(cfg, store, sink, hookline, publisher);
            bench.run();
            rows = bench.rows;
            log("peak RSS of the whole Hookline run: " + hookline.peakRssMb() + " MiB; invalid signatures: "
                    + sink.invalidTotal());
        }
        writeResults(cfg, store, rows);
    }

    private void run() throws Exception {
        if (cfg.jitWarmup() > 0) {
            warmUp();
        }
        for (String s : cfg.scenarios()) {
            switch (s.trim()) {
                case "fanout1" -> throughput("fanout_1", 1);
                case "fanout10" -> throughput("fanout_10", 10);
                case "fanout100" -> throughput("fanout_100", 100);
                case "latency" -> latency();
                case "backlog" -> backlog();
                case "publish" -> throughput("publish_only", 0);
                case "ceiling" -> {
                    ceiling(concurrency(1));
                    ceiling(concurrency(100));
                }
                default -> throw new IllegalArgumentException("unknown scenario " + s);
            }
        }
    }

    // ---------------------------------------------------------------- scenarios

    /** Traffic before any measurement, so the JIT has compiled the hot paths of both processes. */
    private void warmUp() throws Exception {
        log("warming up for " + cfg.jitWarmup() + " s, then until Hookline's JIT compilers settle (at most "
                + cfg.jitWarmupMax() + " s; fan-out 10, not measured)");
        Account acc = account("warmup", 10);
        Sink.Group g = sink.group("warmup");
        AtomicLong published = new AtomicLong();
        Semaphore slots = new Semaphore(cfg.publishers());
        long start = System.nanoTime();
        long end = start + cfg.jitWarmup() * 1_000_000_000L;
        long last = start + cfg.jitWarmupMax() * 1_000_000_000L;
        long nextLook = start + JIT_WINDOW_NANOS;
        double compiledBefore = hookline.compilerSeconds();
        long seq = 0;
        while (true) {
            long t = System.nanoTime();
            if (t >= nextLook) {
                // on 2 cores the C2 compiler is still busy minutes into a run (a long tail of methods
                // reaching its thresholds); figures measured meanwhile are not a running node's
                double compiled = hookline.compilerSeconds();
                double share = compiled < 0 || compiledBefore < 0 ? -1 : (compiled - compiledBefore) / (JIT_WINDOW_NANOS / 1e9);
                log(share < 0 ? "warm-up: the JIT's compile time cannot be read (jcmd PerfCounter.print); a fixed warm-up"
                        : String.format(Locale.ROOT, "warm-up at %.0f s: the JIT compiled %.0f %% of a core over the last %d s",
                        (t - start) / 1e9, share * 100, JIT_WINDOW_NANOS / 1_000_000_000L));
                compiledBefore = compiled;
                nextLook = t + JIT_WINDOW_NANOS;
                jitSettledAfter = (t - start) / 1e9;
                jitObserved = share >= 0;
                if (t >= end && share < JIT_SETTLED_SHARE) {
                    break;
                }
            }
            if (t >= last) {
                jitSettledAfter = -(t - start) / 1e9; // not settled within the maximum
                break;
            }
            if (published.get() * 10 - g.received.get() > 2_000) {
                Thread.sleep(1);
                continue;
            }
            slots.acquireUninterruptibly();
            publish(acc, seq++, now()).whenComplete((status, e) -> {
                slots.release();
                if (status != null && status == 202) {
                    published.incrementAndGet();
                }
            });
        }
        slots.acquireUninterruptibly(cfg.publishers());
        awaitDrained(g, published.get() * 10, Duration.ofSeconds(120));
        log("warm-up done: " + g.received.get() + " deliveries in " + Math.round(Math.abs(jitSettledAfter)) + " s"
                + (jitSettledAfter < 0 ? " (the JIT had not settled)" : ""));
    }

    private int concurrency(int endpoints) {
        return Math.min(cfg.maxInFlight(), endpoints * cfg.maxInFlightPerEndpoint());
    }

    /**
     * Publishes as fast as Hookline accepts to an account with {@code fanout} endpoints. Fan-out 0
     * ({@code publish_only}) measures what publishing alone costs: every event is written and no
     * delivery is, so fan-out 1 cannot go faster; its row has events/s and the publish requests'
     * own latency (sent to 202), and no ceiling.
     */
    private void throughput(String name, int fanout) throws Exception {
        int concurrency = concurrency(fanout);
        double ceiling = fanout == 0 ? 0 : ceiling(concurrency);
        Account acc = account(name, fanout);
        Sink.Group g = sink.group(name);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong published = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        Recorder accepted = new Recorder();
        Semaphore slots = new Semaphore(cfg.publishers());
        Thread driver = new Thread(() -> {
            long seq = 0;
            while (running.get()) {
                if (published.get() * fanout - g.received.get() > cfg.maxOutstanding()) {
                    LockSupport.parkNanos(1_000_000);
                    continue;
                }
                slots.acquireUninterruptibly();
                long sent = now();
                publish(acc, seq++, sent).whenComplete((status, e) -> {
                    slots.release();
                    if (status != null && status == 202) {
                        published.incrementAndGet();
                        long t = now();
                        accepted.record(t, t - sent);
                    } else {
                        errors.incrementAndGet();
                    }
                });
            }
        }, "bench-publisher");
        long start = now();
        driver.start();
        Thread.sleep(cfg.warmup() * 1000L);
        long from = now();
        Cpu cpuFrom = Cpu.read(hookline);
        long publishedFrom = published.get();
        Thread.sleep(cfg.seconds() * 1000L);
        long to = now();
        Cpu cpu = Cpu.read(hookline).since(cpuFrom);
        long publishedTo = published.get();
        running.set(false);
        driver.join();
        slots.acquireUninterruptibly(cfg.publishers());
        double seconds = (to - from) / 1e9;
        if (fanout == 0) {
            long[] lat = accepted.values(from, to);
            add(new Row(name, store, 0, 0, ms(lat, 50), ms(lat, 95), ms(lat, 99), hookline.peakRssMb(start, now()),
                    hookline.peakHeapMb(start, now()), lat.length / seconds, 0, seconds, 0, 0, errors.get(), cpu,
                    load(), "closed loop, " + cfg.publishers() + " publishes in flight, to an account without"
                            + " endpoints: events/s accepted, and p50/p95/p99 of the publish request (sent to 202);"
                            + " no deliveries, so no ceiling"));
            return;
        }
        awaitDrained(g, published.get() * fanout, Duration.ofSeconds(120));
        long delivered = g.latency.count(from, to);
        long[] lat = g.latency.values(from, to);
        double rate = delivered / seconds;
        rates.put(name, rate);
        add(new Row(name, store, rate, ceiling, ms(lat, 50), ms(lat, 95), ms(lat, 99),
                hookline.peakRssMb(start, now()), hookline.peakHeapMb(start, now()),
                (publishedTo - publishedFrom) / seconds, delivered, seconds, g.invalid.get(), g.duplicates.get(),
                errors.get(), cpu, load(), "closed loop, " + cfg.publishers() + " publishes in flight, at most "
                        + cfg.maxOutstanding() + " deliveries outstanding; latency includes queueing at that backlog"));
    }

    private void latency() throws Exception {
        double max = rates.containsKey("fanout_1") ? rates.get("fanout_1") : 500;
        double rate = Math.max(1, max / 2);
        double ceiling = ceiling(concurrency(1));
        Account acc = account("latency", 1);
        Sink.Group g = sink.group("latency");
        long start = now();
        OpenLoop loop = new OpenLoop(acc, rate);
        loop.start();
        Thread.sleep(3_000);
        long from = now();
        Cpu cpuFrom = Cpu.read(hookline);
        Thread.sleep(cfg.seconds() * 1000L);
        long to = now();
        Cpu cpu = Cpu.read(hookline).since(cpuFrom);
        loop.stop();
        awaitDrained(g, loop.published.get(), Duration.ofSeconds(120));
        long[] lat = g.latency.values(from, to);
        double seconds = (to - from) / 1e9;
        add(new Row("latency_half_load", store, g.latency.count(from, to) / seconds, ceiling,
                ms(lat, 50), ms(lat, 95), ms(lat, 99), hookline.peakRssMb(start, now()),
                hookline.peakHeapMb(start, now()), loop.accepted(from, to) / seconds, lat.length, seconds,
                g.invalid.get(), g.duplicates.get(), loop.errors.get(), cpu, load(),
                String.format(Locale.ROOT, "open loop at %.0f events/s (half of fan-out 1), fan-out 1;"
                        + " latency from the scheduled publish time to arrival at the sink", rate)));
    }

    private void backlog() throws Exception {
        int endpoints = 10;
        int events = cfg.backlog() / endpoints;
        double ceiling = ceiling(concurrency(endpoints + 1));
        Account acc = account("backlog", endpoints);
        Account fresh = account("fresh", 1);
        Sink.Group g = sink.group("backlog");
        Sink.Group f = sink.group("fresh");
        long start = now();
        for (String wh : acc.webhooks) {
            call("PATCH", "/v1/webhooks/" + wh, acc.apiKey, "{\"enabled\":false}", 200);
        }
        log("backlog: publishing " + events + " events to " + endpoints + " disabled endpoints");
        Semaphore slots = new Semaphore(cfg.publishers());
        AtomicLong errors = new AtomicLong();
        for (int i = 0; i < events; i++) {
            slots.acquireUninterruptibly();
            publish(acc, i, 0).whenComplete((status, e) -> {
                slots.release();
                if (status == null || status != 202) {
                    errors.incrementAndGet();
                }
            });
        }
        slots.acquireUninterruptibly(cfg.publishers());
        long heldFor = now();
        if (g.received.get() != 0) {
            throw new IllegalStateException("deliveries to disabled endpoints arrived: " + g.received.get());
        }
        double freshRate = Math.max(5, Math.min(100, rates.getOrDefault("fanout_1", 200.0) / 10));
        OpenLoop loop = new OpenLoop(fresh, freshRate);
        loop.start();
        Thread.sleep(2_000);
        log("backlog: enabling the endpoints (" + cfg.backlog() + " deliveries due at once), fresh events at "
                + Math.round(freshRate) + "/s");
        long enabled = now();
        long enableNanos = 0;
        Cpu cpuFrom = Cpu.read(hookline);
        for (String wh : acc.webhooks) {
            long t = now();
            call("PATCH", "/v1/webhooks/" + wh, acc.apiKey, "{\"enabled\":true}", 200);
            long took = now() - t;
            enableNanos += took;
            log(String.format(Locale.ROOT, "backlog: enabled %s in %.0f ms", wh, took / 1e6));
        }
        long expected = (long) events * endpoints - errors.get() * endpoints;
        boolean drained = awaitDrained(g, expected, Duration.ofSeconds(240));
        long done = drained ? g.lastArrival : now();
        Cpu cpu = Cpu.read(hookline).since(cpuFrom);
        loop.stop();
        awaitDrained(f, loop.published.get(), Duration.ofSeconds(60));
        double seconds = (done - enabled) / 1e9;
        long[] freshLat = f.latency.values(enabled, done);
        long[] before = f.latency.values(heldFor, enabled);
        add(new Row("backlog_drain", store, g.received.get() / seconds, ceiling,
                ms(freshLat, 50), ms(freshLat, 95), ms(freshLat, 99), hookline.peakRssMb(start, now()),
                hookline.peakHeapMb(start, now()), loop.accepted(enabled, done) / seconds, g.received.get(), seconds,
                g.invalid.get() + f.invalid.get(), g.duplicates.get() + f.duplicates.get(),
                errors.get() + loop.errors.get(), cpu, load(),
                String.format(Locale.ROOT, (drained ? "" : "NOT DRAINED within 240 s (rate is what arrived); ")
                        + "%d deliveries on %d endpoints made due at once (re-enabled);"
                        + " p50/p95/p99: fresh events at %.0f/s to another endpoint during the drain"
                        + " (before it: p99 %.1f ms); the drain counts from the first PATCH enabled=true, and the"
                        + " %d PATCHes (enabling endpoints with %d held deliveries each) took %.1f s; drain rate vs fan-out 10: %s",
                        g.received.get(), endpoints, freshRate, ms(before, 99), endpoints, events, enableNanos / 1e9, rates.containsKey("fanout_10")
                                ? String.format(Locale.ROOT, "%.0f%%", 100 * g.received.get() / seconds / rates.get("fanout_10"))
                                : "n/a")));
    }

    /**
     * The bare client against the sink at the given concurrency, closed loop: the ceiling, measured
     * right before each scenario so both see the same machine.
     */
    private double ceiling(int concurrency) throws Exception {
        String group = "ceiling-" + concurrency + "-" + ceilings.size();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String whsec = "whsec_" + Base64.getEncoder().encodeToString(key);
        sink.secret(group, 0, whsec);
        Sink.Group g = sink.group(group);
        String url = sink.url(group, 0);
        Mac standard = Mac.getInstance("HmacSHA256");
        standard.init(new SecretKeySpec(key, "HmacSHA256"));
        Mac hex = Mac.getInstance("HmacSHA256");
        hex.init(new SecretKeySpec(whsec.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong seq = new AtomicLong();
        try (Load client = new Load(concurrency, 2)) {
            Runnable[] next = new Runnable[1];
            next[0] = () -> {
                if (!running.get()) {
                    return;
                }
                long n = seq.incrementAndGet();
                String id = "evt_ceiling" + n;
                String ts = Long.toString(System.currentTimeMillis() / 1000);
                String body = "{\"id\":\"" + id + "\",\"type\":\"payment.succeeded\",\"created_at\":\""
                        + Instant.now() + "\",\"data\":{\"bench_t\":" + now() + ",\"seq\":" + n + "}}";
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                String sig;
                String hexSig;
                synchronized (standard) {
                    standard.update((id + "." + ts + ".").getBytes(StandardCharsets.UTF_8));
                    sig = "v1," + Base64.getEncoder().encodeToString(standard.doFinal(bytes));
                    hexSig = "sha256=" + java.util.HexFormat.of().formatHex(hex.doFinal(bytes));
                }
                client.post(url, body, "webhook-id", id, "webhook-timestamp", ts, "webhook-signature", sig,
                                "X-Webhook-Signature", hexSig, "User-Agent", "Hookline-bench-ceiling")
                        .whenComplete((status, e) -> next[0].run());
            };
            for (int i = 0; i < concurrency; i++) {
                next[0].run();
            }
            Thread.sleep(2_000);
            long from = now();
            Thread.sleep(cfg.ceilingSeconds() * 1000L);
            long to = now();
            running.set(false);
            Thread.sleep(500);
            double rate = g.latency.count(from, to) / ((to - from) / 1e9);
            long[] lat = g.latency.values(from, to);
            log(String.format(Locale.ROOT, "ceiling at %d in flight: %.0f/s (p50 %.1f ms, p99 %.1f ms), invalid %d",
                    concurrency, rate, ms(lat, 50), ms(lat, 99), g.invalid.get()));
            ceilings.put(ceilings.size(), rate);
            return rate;
        }
    }

    /** Publishes at a fixed rate whatever happens (open loop): latency counts from the scheduled time. */
    private final class OpenLoop {
        final Account account;
        final double rate;
        final AtomicLong published = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        final Recorder acceptedAt = new Recorder();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong inFlight = new AtomicLong();
        private Thread thread;

        OpenLoop(Account account, double rate) {
            this.account = account;
            this.rate = rate;
        }

        void start() {
            thread = new Thread(() -> {
                long interval = (long) (1e9 / rate);
                long next = now();
                long seq = 0;
                while (running.get()) {
                    long wait = next - now();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                        continue;
                    }
                    inFlight.incrementAndGet();
                    publish(account, seq++, next).whenComplete((status, e) -> {
                        inFlight.decrementAndGet();
                        if (status != null && status == 202) {
                            published.incrementAndGet();
                            acceptedAt.record(now(), 1);
                        } else {
                            errors.incrementAndGet();
                        }
                    });
                    next += interval;
                }
            }, "bench-open-loop-" + account.name);
            thread.start();
        }

        long accepted(long from, long to) {
            return acceptedAt.count(from, to);
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join();
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (inFlight.get() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        }
    }

    // ---------------------------------------------------------------- API and helpers

    record Account(String name, String id, String apiKey, List<String> webhooks) {
    }

    private Account account(String name, int endpoints) {
        JsonObject acc = call("POST", "/v1/accounts", HooklineProcess.OPERATOR_KEY,
                "{\"name\":" + Json.quote("Bench " + name) + "}", 201);
        String id = acc.string("id").orElseThrow();
        String key = acc.string("api_key").orElseThrow();
        List<String> webhooks = new ArrayList<>();
        for (int i = 0; i < endpoints; i++) {
            JsonObject wh = call("POST", "/v1/webhooks", key,
                    "{\"url\":" + Json.quote(sink.url(name, i)) + ",\"events\":[\"payment.succeeded\"]}", 201);
            sink.secret(name, i, wh.string("secret").orElseThrow());
            webhooks.add(wh.string("id").orElseThrow());
        }
        return new Account(name, id, key, webhooks);
    }

    private CompletableFuture<Integer> publish(Account acc, long seq, long benchTime) {
        String body = "{\"account_id\":\"" + acc.id + "\",\"type\":\"payment.succeeded\",\"data\":{\"bench_t\":"
                + (benchTime > 0 ? benchTime : now()) + ",\"seq\":" + seq
                + ",\"amount\":9900,\"currency\":\"eur\",\"customer\":\"cus_benchmark\"}}";
        return publisher.post(hookline.baseUrl() + "/v1/events", body,
                "Authorization", "Bearer " + HooklineProcess.OPERATOR_KEY);
    }

    private JsonObject call(String method, String path, String key, String json, int expected) {
        try {
            HttpResponse<String> r = api.send(HttpRequest.newBuilder(URI.create(hookline.baseUrl() + path))
                    .method(method, HttpRequest.BodyPublishers.ofString(json))
                    .header("Authorization", "Bearer " + key)
                    .header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != expected) {
                throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
            }
            JsonParse parsed = Json.parse(r.body());
            if (parsed instanceof JsonParse.Parsed p && p.value() instanceof JsonObject o) {
                return o;
            }
            throw new IllegalStateException(method + " " + path + " answered no JSON object: " + r.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private boolean awaitDrained(Sink.Group g, long expected, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (g.received.get() < expected) {
            if (!hookline.process.isAlive()) {
                throw new IllegalStateException("Hookline exited (code " + hookline.process.exitValue()
                        + ") in the middle of the run; see " + hookline.log);
            }
            if (System.nanoTime() > deadline) {
                log("WARNING: only " + g.received.get() + " of " + expected + " deliveries arrived within " + max);
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    private void add(Row row) {
        if (cfg.jitWarmup() > 0) {
            row = row.withNote(row.note() + String.format(Locale.ROOT, "; after a %.0f s warm-up%s",
                    Math.abs(jitSettledAfter),
                    !jitObserved ? "" : jitSettledAfter < 0 ? " (the JIT had not settled)" : " (the JIT had settled)"));
        }
        rows.add(row);
        log(row.json());
    }

    private static double ms(long[] sortedNanos, double p) {
        return Recorder.percentile(sortedNanos, p) / 1e6;
    }

    static String load() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "n/a";
        }
    }

    static void log(String line) {
        System.out.println("[bench " + Instant.now().toString().substring(11, 19) + "] " + line);
    }

    // ---------------------------------------------------------------- results

    /** Replaces this store's rows in results.json (other stores' rows stay) and rewrites results.md. */
    private static void writeResults(Config cfg, String store, List<Row> rows) throws IOException {
        Path json = cfg.out().resolve("results.json");
        List<String> objects = new ArrayList<>();
        List<JsonObject> all = new ArrayList<>();
        if (Files.exists(json) && Json.parse(Files.readString(json)) instanceof JsonParse.Parsed p
                && p.value() instanceof JsonArray old) {
            for (JsonValue v : old.elements()) {
                if (v instanceof JsonObject o && !store.equals(o.string("store").orElse(""))) {
                    objects.add(o.canonical());
                    all.add(o);
                }
            }
        }
        for (Row r : rows) {
            String s = r.json();
            objects.add(s);
            all.add((JsonObject) ((JsonParse.Parsed) Json.parse(s)).value());
        }
        Files.writeString(json, "[\n  " + String.join(",\n  ", objects) + "\n]\n");
        StringBuilder md = new StringBuilder();
        md.append("| scenario | store | deliveries/s | ceiling/s | of ceiling | p50 ms | p95 ms | p99 ms |"
                + " peak RSS MiB | peak heap MiB | Hookline CPU ms/delivery | CPU busy % (Hookline + bench + other) |\n");
        md.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
        for (JsonObject o : all) {
            md.append("| ").append(text(o, "scenario")).append(" | ").append(text(o, "store"));
            for (String k : List.of("deliveries_per_s", "ceiling_per_s")) {
                md.append(" | ").append(number(o, k, 0));
            }
            md.append(" | ").append(percent(o));
            for (String k : List.of("p50_ms", "p95_ms", "p99_ms")) {
                md.append(" | ").append(number(o, k, 1));
            }
            md.append(" | ").append(number(o, "peak_rss_mb", 0)).append(" | ").append(number(o, "peak_heap_mb", 0))
                    .append(" | ").append(number(o, "hookline_cpu_ms_per_delivery", 2));
            md.append(" | ").append(number(o, "machine_cpu_busy_pct", 0)).append(" (")
                    .append(number(o, "hookline_cpu_pct", 0)).append(" + ").append(number(o, "bench_cpu_pct", 0))
                    .append(" + ").append(number(o, "other_cpu_pct", 0)).append(") |\n");
        }
        md.append("\nNotes:\n");
        for (JsonObject o : all) {
            md.append("- ").append(text(o, "scenario")).append(" (").append(text(o, "store")).append("): ")
                    .append(text(o, "note")).append("; invalid signatures ").append(raw(o, "invalid_signatures"))
                    .append(", duplicates ").append(raw(o, "duplicates")).append(", publish errors ")
                    .append(raw(o, "publish_errors")).append(", load average ").append(text(o, "load_avg"))
                    .append(", ").append(raw(o, "cpus")).append(" CPUs, ")
                    .append(text(o, "at")).append('\n');
        }
        Files.writeString(cfg.out().resolve("results.md"), md.toString());
        log("wrote " + json.toAbsolutePath() + " and results.md:\n" + md);
    }

    private static String text(JsonObject o, String k) {
        return o.string(k).orElse("");
    }

    private static String raw(JsonObject o, String k) {
        return o.get(k).map(JsonValue::canonical).orElse("");
    }

    private static String number(JsonObject o, String k, int decimals) {
        return o.get(k).filter(v -> v instanceof dev.hookline.domain.event.json.JsonNumber)
                .map(v -> String.format(Locale.ROOT, "%,." + decimals + "f",
                        ((dev.hookline.domain.event.json.JsonNumber) v).value()))
                .orElse("–");
    }

    private static String percent(JsonObject o) {
        return o.get("ratio_of_ceiling").filter(v -> v instanceof dev.hookline.domain.event.json.JsonNumber)
                .map(v -> String.format(Locale.ROOT, "%.0f%%", 100 * ((dev.hookline.domain.event.json.JsonNumber) v).value()))
                .orElse("–");
    }
}
