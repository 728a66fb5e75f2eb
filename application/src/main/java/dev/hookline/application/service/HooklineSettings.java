package dev.hookline.application.service;

import dev.hookline.domain.endpoint.AutoDisablePolicy;
import dev.hookline.domain.endpoint.network.NetworkPolicy;
import dev.hookline.domain.retry.RetryPolicy;
import dev.hookline.domain.signing.Signer;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything the use cases read from configuration (see DESIGN.md "Configuration").
 *
 * @param timeout             per attempt ({@code hookline.delivery.timeout})
 * @param lease               how long a claimed delivery belongs to a dispatcher before another may take it
 * @param batchSize           deliveries claimed (and attempts recorded) per transaction
 * @param maxInFlight         attempts in flight per node
 * @param maxInFlightPerEndpoint attempts in flight per endpoint per node
 * @param secretOverlap       how long a rotated secret keeps signing
 * @param retention           how long events, deliveries and attempts are kept
 * @param maxPayloadBytes     largest accepted event body
 * @param userAgent           {@code Hookline/<version>}
 */
public record HooklineSettings(
        Duration timeout,
        RetryPolicy retryPolicy,
        Signer signer,
        NetworkPolicy networkPolicy,
        AutoDisablePolicy autoDisable,
        Duration lease,
        int batchSize,
        int maxInFlight,
        int maxInFlightPerEndpoint,
        Duration secretOverlap,
        Duration retention,
        int maxPayloadBytes,
        String userAgent) {

    public HooklineSettings {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(retryPolicy, "retryPolicy");
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(networkPolicy, "networkPolicy");
        Objects.requireNonNull(autoDisable, "autoDisable");
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(secretOverlap, "secretOverlap");
        Objects.requireNonNull(retention, "retention");
        if (lease.compareTo(timeout.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("the lease (" + lease + ") must be at least twice the timeout ("
                    + timeout + ")");
        }
        if (batchSize < 1 || maxInFlight < 1 || maxInFlightPerEndpoint < 1) {
            throw new IllegalArgumentException("batch size and in-flight limits must be positive");
        }
    }
}
