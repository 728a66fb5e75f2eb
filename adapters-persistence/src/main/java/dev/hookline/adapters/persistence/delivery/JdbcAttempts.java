package dev.hookline.adapters.persistence.delivery;

import dev.hookline.adapters.persistence.Jdbc;
import dev.hookline.application.port.out.Attempts;
import dev.hookline.domain.delivery.Attempt;
import dev.hookline.domain.id.DeliveryId;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

@Singleton
class JdbcAttempts implements Attempts {

    private static final String INSERT = "INSERT INTO attempts (" + AttemptRow.COLUMNS + ") VALUES ("
            + Jdbc.placeholders(13) + ")";

    private final Jdbc jdbc;

    JdbcAttempts(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void addAll(List<Attempt> attempts) {
        if (attempts.isEmpty()) {
            return;
        }
        jdbc.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                for (Attempt attempt : attempts) {
                    AttemptRow.fromDomain(attempt).bind(ps);
                    ps.addBatch();
                }
                return ps.executeBatch();
            }
        });
    }

    @Override
    public List<Attempt> ofDelivery(DeliveryId delivery) {
        return jdbc.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + AttemptRow.COLUMNS
                    + " FROM attempts WHERE delivery_id = ? ORDER BY attempt_number, id")) {
                ps.setString(1, delivery.value());
                List<Attempt> attempts = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        attempts.add(AttemptRow.read(rs).toDomain());
                    }
                }
                return attempts;
            }
        });
    }
}
