package dev.hookline.domain.delivery;

/** What caused an attempt. */
public enum AttemptTrigger {
    /** The dispatcher, on the first try or a scheduled retry. */
    SCHEDULED,
    /** A merchant or operator pressed Retry (or used recover). */
    MANUAL,
    /** A test event sent from the dashboard or the API. */
    TEST
}
