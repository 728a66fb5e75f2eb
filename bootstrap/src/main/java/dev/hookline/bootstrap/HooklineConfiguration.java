package dev.hookline.bootstrap;

import dev.hookline.application.service.HooklineSettings;
import dev.hookline.domain.endpoint.AutoDisablePolicy;
import dev.hookline.domain.endpoint.network.Cidr;
import dev.hookline.domain.endpoint.network.NetworkPolicy;
import dev.hookline.domain.retry.RetryPolicy;
import dev.hookline.domain.signing.SignatureScheme;
import dev.hookline.domain.signing.Signer;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Reads {@code hookline.*} configuration (DESIGN.md "Configuration") into the settings the use cases need. */
@Factory
public class HooklineConfiguration {

    /** The version sent in {@code User-Agent: Hookline/<version>}. */
    public static final String VERSION = versionOf();

    @Singleton
    NetworkPolicy networkPolicy(
            @Value("${hookline.endpoints.allow-insecure-urls:false}") boolean allowInsecure,
            @Value("${hookline.endpoints.allowed-private-networks:}") List<String> allowedPrivate) {
        List<Cidr> cidrs = new ArrayList<>();
        for (String cidr : allowedPrivate) {
            if (!cidr.isBlank()) {
                cidrs.add(Cidr.parse(cidr.trim()));
            }
        }
        return new NetworkPolicy(allowInsecure, cidrs);
    }

    @Singleton
    Signer signer(@Value("${hookline.signatures:standard,hmac-sha256}") List<String> schemes,
                  @Value("${hookline.signature.hmac-sha256.header:X-Webhook-Signature}") String hmacHeader,
                  @Value("${hookline.signature.hmac-sha256.prefix:sha256=}") String hmacPrefix,
                  @Value("${hookline.signature.timestamped.header:X-Webhook-Timestamp-Signature}") String tsHeader) {
        List<SignatureScheme> chosen = new ArrayList<>();
        for (String name : schemes) {
            String trimmed = name.trim();
            chosen.add(SignatureScheme.named(trimmed, trimmed.equals("timestamped") ? tsHeader : hmacHeader,
                    hmacPrefix));
        }
        return new Signer(chosen);
    }

    @Singleton
    HooklineSettings settings(
            NetworkPolicy networkPolicy,
            Signer signer,
            @Value("${hookline.delivery.timeout:5s}") Duration timeout,
            @Value("${hookline.delivery.retry-schedule:1m,5m,30m,2h,24h}") String retrySchedule,
            @Value("${hookline.delivery.retry-jitter:0.1}") double jitter,
            @Value("${hookline.delivery.lease:60s}") Duration lease,
            @Value("${hookline.delivery.batch-size:100}") int batchSize,
            @Value("${hookline.delivery.max-in-flight:512}") int maxInFlight,
            @Value("${hookline.delivery.max-in-flight-per-endpoint:64}") int maxPerEndpoint,
            @Value("${hookline.endpoints.disable-after:5d}") Duration disableAfter,
            @Value("${hookline.endpoints.secret-overlap:24h}") Duration secretOverlap,
            @Value("${hookline.retention:30d}") Duration retention,
            @Value("${hookline.events.max-payload:256KB}") String maxPayload) {
        return new HooklineSettings(timeout, new RetryPolicy(RetryPolicy.parseSchedule(retrySchedule), jitter), signer,
                networkPolicy, new AutoDisablePolicy(disableAfter), lease, batchSize, maxInFlight, maxPerEndpoint,
                secretOverlap, retention, parseSize(maxPayload), "Hookline/" + VERSION);
    }

    /** {@code 262144}, {@code 256KB}, {@code 256KiB}, {@code 1MB} → bytes (KB and KiB both mean 1024). */
    static int parseSize(String text) {
        String t = text.trim().toUpperCase(java.util.Locale.ROOT).replace("IB", "B");
        long factor = 1;
        if (t.endsWith("KB")) {
            factor = 1024;
            t = t.substring(0, t.length() - 2);
        } else if (t.endsWith("MB")) {
            factor = 1024 * 1024;
            t = t.substring(0, t.length() - 2);
        } else if (t.endsWith("B")) {
            t = t.substring(0, t.length() - 1);
        }
        long bytes = Long.parseLong(t.trim()) * factor;
        if (bytes < 1024 || bytes > 64L * 1024 * 1024) {
            throw new IllegalArgumentException("hookline.events.max-payload must be between 1KB and 64MB: " + text);
        }
        return (int) bytes;
    }

    private static String versionOf() {
        String v = HooklineConfiguration.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0" : v;
    }

}
