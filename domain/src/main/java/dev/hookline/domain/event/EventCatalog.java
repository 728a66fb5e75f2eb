package dev.hookline.domain.event;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The event types every installation starts with: the seed's table (Payments, Invoices,
 * Subscriptions, Customers, Checkouts, Disputes), each with a realistic sample {@code data} object
 * that test events send. Operators can add more types.
 */
public final class EventCatalog {

    private static final String CUSTOMER = """
            {"id":"cus_4nR7wP2kD8sQ1z","email":"jane.doe@example.com","name":"Jane Doe"}""";

    private static final List<EventType> DEFAULTS = List.of(
            type("payment.succeeded", "Payments", "A payment was captured successfully.", """
                    {"id":"pay_8fK2mQ4xT9vLr3",
                     "amount":9900,
                     "currency":"USD",
                     "status":"succeeded",
                     "payment_method":"card",
                     "customer":%s,
                     "invoice_id":"inv_7tH3bN9cW5yL2e",
                     "created_at":"2026-01-15T10:30:00Z"}"""),
            type("payment.failed", "Payments", "A payment attempt was declined or could not be completed.", """
                    {"id":"pay_3bV6nJ1sH8kZq5",
                     "amount":9900,
                     "currency":"USD",
                     "status":"failed",
                     "payment_method":"card",
                     "failure_code":"card_declined",
                     "failure_message":"The card was declined.",
                     "customer":%s,
                     "invoice_id":"inv_7tH3bN9cW5yL2e",
                     "created_at":"2026-01-15T10:30:00Z"}"""),
            type("payment.refunded", "Payments", "A payment was refunded to the customer, fully or in part.", """
                    {"id":"pay_8fK2mQ4xT9vLr3",
                     "amount":9900,
                     "amount_refunded":9900,
                     "currency":"USD",
                     "status":"refunded",
                     "refund":{"id":"ref_5cM9tR2wQ7xB4d","amount":9900,"reason":"requested_by_customer","created_at":"2026-01-16T09:12:44Z"},
                     "customer":%s,
                     "invoice_id":"inv_7tH3bN9cW5yL2e",
                     "created_at":"2026-01-15T10:30:00Z"}"""),
            type("invoice.created", "Invoices", "An invoice was issued to a customer.", """
                    {"id":"inv_7tH3bN9cW5yL2e",
                     "number":"INV-2026-0042",
                     "status":"open",
                     "amount_due":9900,
                     "amount_paid":0,
                     "currency":"USD",
                     "customer":%s,
                     "subscription_id":"sub_2kP8vL5nX3mR9t",
                     "lines":[{"description":"Pro plan (monthly)","quantity":1,"unit_amount":9900,"amount":9900}],
                     "due_date":"2026-01-29T00:00:00Z",
                     "created_at":"2026-01-15T10:29:58Z"}"""),
            type("invoice.paid", "Invoices", "An invoice was paid in full.", """
                    {"id":"inv_7tH3bN9cW5yL2e",
                     "number":"INV-2026-0042",
                     "status":"paid",
                     "amount_due":9900,
                     "amount_paid":9900,
                     "currency":"USD",
                     "customer":%s,
                     "subscription_id":"sub_2kP8vL5nX3mR9t",
                     "payment_id":"pay_8fK2mQ4xT9vLr3",
                     "paid_at":"2026-01-15T10:30:00Z",
                     "created_at":"2026-01-15T10:29:58Z"}"""),
            type("invoice.payment_failed", "Invoices", "A payment for an invoice failed; it will be retried.", """
                    {"id":"inv_7tH3bN9cW5yL2e",
                     "number":"INV-2026-0042",
                     "status":"open",
                     "amount_due":9900,
                     "amount_paid":0,
                     "currency":"USD",
                     "customer":%s,
                     "subscription_id":"sub_2kP8vL5nX3mR9t",
                     "payment_id":"pay_3bV6nJ1sH8kZq5",
                     "failure_code":"card_declined",
                     "attempt_count":1,
                     "next_payment_attempt":"2026-01-18T10:30:00Z",
                     "created_at":"2026-01-15T10:29:58Z"}"""),
            type("subscription.created", "Subscriptions", "A customer started a subscription.", """
                    {"id":"sub_2kP8vL5nX3mR9t",
                     "status":"active",
                     "plan":{"id":"plan_pro_monthly","name":"Pro","amount":9900,"currency":"USD","interval":"month"},
                     "quantity":1,
                     "customer":%s,
                     "current_period_start":"2026-01-15T10:30:00Z",
                     "current_period_end":"2026-02-15T10:30:00Z",
                     "created_at":"2026-01-15T10:30:00Z"}"""),
            type("subscription.renewed", "Subscriptions", "A subscription was billed for a new period.", """
                    {"id":"sub_2kP8vL5nX3mR9t",
                     "status":"active",
                     "plan":{"id":"plan_pro_monthly","name":"Pro","amount":9900,"currency":"USD","interval":"month"},
                     "quantity":1,
                     "customer":%s,
                     "invoice_id":"inv_9wD4kS7pL2nV6h",
                     "current_period_start":"2026-02-15T10:30:00Z",
                     "current_period_end":"2026-03-15T10:30:00Z",
                     "created_at":"2026-01-15T10:30:00Z"}"""),
            type("subscription.canceled", "Subscriptions", "A subscription was canceled and will not renew.", """
                    {"id":"sub_2kP8vL5nX3mR9t",
                     "status":"canceled",
                     "plan":{"id":"plan_pro_monthly","name":"Pro","amount":9900,"currency":"USD","interval":"month"},
                     "quantity":1,
                     "customer":%s,
                     "cancel_at_period_end":false,
                     "cancellation_reason":"customer_request",
                     "canceled_at":"2026-03-02T16:45:10Z",
                     "ended_at":"2026-03-02T16:45:10Z",
                     "created_at":"2026-01-15T10:30:00Z"}"""),
            type("customer.created", "Customers", "A new customer record was created.", """
                    {"id":"cus_4nR7wP2kD8sQ1z",
                     "email":"jane.doe@example.com",
                     "name":"Jane Doe",
                     "phone":"+14155550123",
                     "address":{"line1":"500 Market Street","city":"San Francisco","postal_code":"94105","country":"US"},
                     "metadata":{},
                     "created_at":"2026-01-15T10:28:41Z"}"""),
            type("customer.updated", "Customers", "A customer's details were changed.", """
                    {"id":"cus_4nR7wP2kD8sQ1z",
                     "email":"jane@doe-design.example",
                     "name":"Jane Doe",
                     "phone":"+14155550123",
                     "address":{"line1":"500 Market Street","city":"San Francisco","postal_code":"94105","country":"US"},
                     "metadata":{"crm_id":"0035e00000AbCdE"},
                     "created_at":"2026-01-15T10:28:41Z",
                     "updated_at":"2026-02-03T08:14:27Z"}"""),
            type("checkout.completed", "Checkouts", "A customer finished a checkout and paid.", """
                    {"id":"chk_6hT1yN4bR8mW2s",
                     "status":"completed",
                     "amount_total":9900,
                     "currency":"USD",
                     "customer":%s,
                     "payment_id":"pay_8fK2mQ4xT9vLr3",
                     "subscription_id":"sub_2kP8vL5nX3mR9t",
                     "created_at":"2026-01-15T10:26:03Z",
                     "completed_at":"2026-01-15T10:30:00Z"}"""),
            type("checkout.abandoned", "Checkouts", "A checkout expired before the customer paid.", """
                    {"id":"chk_1qX7gF3vK9pD5r",
                     "status":"abandoned",
                     "amount_total":9900,
                     "currency":"USD",
                     "customer":%s,
                     "recovery_url":"https://pay.example.com/recover/chk_1qX7gF3vK9pD5r",
                     "created_at":"2026-01-15T11:02:19Z",
                     "expired_at":"2026-01-16T11:02:19Z"}"""),
            type("chargeback.opened", "Disputes", "A customer's bank disputed a payment.", """
                    {"id":"cb_9rL2dH6tM4wK8x",
                     "status":"needs_response",
                     "amount":9900,
                     "currency":"USD",
                     "reason":"fraudulent",
                     "payment_id":"pay_8fK2mQ4xT9vLr3",
                     "customer":%s,
                     "evidence_due_by":"2026-02-05T23:59:59Z",
                     "created_at":"2026-01-22T14:05:31Z"}"""),
            type("chargeback.won", "Disputes", "A dispute was decided in the merchant's favour and the funds returned.", """
                    {"id":"cb_9rL2dH6tM4wK8x",
                     "status":"won",
                     "amount":9900,
                     "currency":"USD",
                     "reason":"fraudulent",
                     "payment_id":"pay_8fK2mQ4xT9vLr3",
                     "customer":%s,
                     "created_at":"2026-01-22T14:05:31Z",
                     "closed_at":"2026-03-10T09:00:00Z"}"""),
            type("chargeback.lost", "Disputes", "A dispute was decided in the customer's favour and the funds withdrawn.", """
                    {"id":"cb_9rL2dH6tM4wK8x",
                     "status":"lost",
                     "amount":9900,
                     "fee":1500,
                     "currency":"USD",
                     "reason":"fraudulent",
                     "payment_id":"pay_8fK2mQ4xT9vLr3",
                     "customer":%s,
                     "created_at":"2026-01-22T14:05:31Z",
                     "closed_at":"2026-03-10T09:00:00Z"}"""));

    private EventCatalog() {
    }

    /** The 16 built-in types in the seed's order. */
    public static List<EventType> defaults() {
        return DEFAULTS;
    }

    /**
     * Samples are written one field per line for reading; the wire form is compact, so each line is
     * stripped and the lines joined ({@code %s} stands for the shared customer object). No string
     * value spans a line or has a leading or trailing space, so this changes no value.
     */
    private static EventType type(String name, String category, String description, String sample) {
        String compact = sample.lines().map(String::strip).collect(Collectors.joining());
        return new EventType(new EventTypeName(name), category, description, compact.replace("%s", CUSTOMER));
    }
}
