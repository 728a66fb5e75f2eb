package dev.hookline.adapters.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Why events.data is {@code text}, not {@code jsonb}, on PostgreSQL: the body is signed and must be
 * sent again byte for byte as {@code JSON.stringify} wrote it, and jsonb keeps neither key order
 * nor number spelling. The second test measures what jsonb would cost or save (opt-in:
 * {@code -Dhookline.bench=true}). On PostgreSQL 15 with 20,000 billing payloads of 611 bytes:
 * jsonb takes 18.4 MiB against 14.1 MiB for text, reads back 0 of 20,000 byte-exact (text: all),
 * and was not faster to insert or read (within the noise of a busy 2-core machine). Hookline never
 * queries inside payloads, so jsonb would buy nothing for what it breaks.
 */
@EnabledIfSystemProperty(named = "hookline.test.database", matches = "postgresql")
class PayloadColumnTypeTest extends DatabaseTest {

    private static final String CANONICAL = "{\"id\":\"pay_1\",\"amount\":9900,\"rate\":1.5e-7,\"big\":1e+21,"
            + "\"customer\":{\"name\":\"Zo\u00eb\",\"email\":\"zoe@example.com\"},\"a\":true}";

    @Test
    void jsonbWouldChangeTheSignedBytesWhileTextKeepsThem() {
        String viaJsonb = jdbc.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT CAST(? AS jsonb)::text")) {
                ps.setString(1, CANONICAL);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        });
        assertNotEquals(CANONICAL, viaJsonb, "jsonb reorders keys, adds spaces and respells numbers");
        var event = newEvent(newAccount());
        assertEquals(event.data(), rawColumn("SELECT data FROM events WHERE id = ?", event.id().value()));
        assertEquals("text", rawColumn("SELECT data_type FROM information_schema.columns"
                + " WHERE table_name = 'events' AND column_name = ?", "data"));
    }

    @Test
    void measuresTextAgainstJsonbForPublishingAndReadingPayloads() {
        Assumptions.assumeTrue(Boolean.getBoolean("hookline.bench"), "set -Dhookline.bench=true to measure");
        int n = 20_000;
        List<String> payloads = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            payloads.add(billingPayload(i));
        }
        long bytes = payloads.stream().mapToLong(p -> p.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).sum();
        StringBuilder report = new StringBuilder(String.format("%d payloads, %.0f bytes each on average%n", n,
                (double) bytes / n));
        for (String type : List.of("text", "jsonb", "text", "jsonb")) { // twice each: the first round warms up
            String table = "payload_" + type;
            jdbc.withConnection(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("DROP TABLE IF EXISTS " + table);
                    s.execute("CREATE TABLE " + table + " (id VARCHAR(40) PRIMARY KEY, data " + type + " NOT NULL)");
                }
                return null;
            });
            long t0 = System.nanoTime();
            for (int from = 0; from < n; from += 100) {
                int start = from;
                tx.inTransaction(() -> jdbc.withConnection(c -> {
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " VALUES (?, CAST(? AS "
                            + type + "))")) {
                        for (int i = start; i < start + 100; i++) {
                            ps.setString(1, "evt_" + i);
                            ps.setString(2, payloads.get(i));
                            ps.addBatch();
                        }
                        return ps.executeBatch();
                    }
                }));
            }
            double insertSeconds = (System.nanoTime() - t0) / 1e9;
            long t1 = System.nanoTime();
            int[] unchanged = {0};
            for (int from = 0; from < n; from += 100) {
                int start = from;
                jdbc.withConnection(c -> {
                    try (PreparedStatement ps = c.prepareStatement("SELECT id, data::text FROM " + table
                            + " WHERE id IN (" + Jdbc.placeholders(100) + ")")) {
                        for (int i = 0; i < 100; i++) {
                            ps.setString(i + 1, "evt_" + (start + i));
                        }
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                int i = Integer.parseInt(rs.getString(1).substring(4));
                                unchanged[0] += payloads.get(i).equals(rs.getString(2)) ? 1 : 0;
                            }
                        }
                    }
                    return null;
                });
            }
            double readSeconds = (System.nanoTime() - t1) / 1e9;
            long size = count("SELECT pg_total_relation_size('" + table + "')");
            report.append(String.format("%-5s: insert %6.0f rows/s, read by id %6.0f rows/s, %5.1f MiB on disk,"
                            + " %d of %d read back byte-exact%n", type, n / insertSeconds, n / readSeconds,
                    size / 1048576.0, unchanged[0], n));
        }
        System.out.print(report);
    }

    /** A billing event body as the platform sends them, written as JSON.stringify would. */
    private static String billingPayload(int i) {
        return "{\"id\":\"inv_" + i + "\",\"object\":\"invoice\",\"status\":\"paid\",\"amount_due\":" + (1000 + i)
                + ",\"amount_paid\":" + (1000 + i) + ",\"currency\":\"eur\",\"customer\":{\"id\":\"cus_" + (i % 97)
                + "\",\"email\":\"customer" + i + "@example.com\",\"name\":\"Customer " + i + "\",\"address\":{"
                + "\"line1\":\"" + i + " Main Street\",\"city\":\"Berlin\",\"postal_code\":\"10115\",\"country\":\"DE\"}},"
                + "\"lines\":[{\"id\":\"li_" + i + "_1\",\"description\":\"Pro plan\",\"quantity\":1,\"unit_amount\":"
                + (900 + i) + ",\"tax_rate\":0.19},{\"id\":\"li_" + i + "_2\",\"description\":\"Seats\",\"quantity\":"
                + (i % 7 + 1) + ",\"unit_amount\":100,\"tax_rate\":0.19}],\"period\":{\"start\":1767225600,"
                + "\"end\":1769904000},\"metadata\":{\"order\":\"ord_" + i + "\",\"channel\":\"web\"},"
                + "\"created\":1767225600,\"livemode\":false}";
    }
}
