package dev.hookline.adapters.persistence;

import io.micronaut.flyway.FlywayConfigurationCustomizer;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Points Flyway at the portable migrations plus the ones of the database it migrates
 * ({@code db/migration/common} and {@code db/migration/postgresql} or {@code db/migration/h2}).
 * Flyway's own {@code {vendor}} placeholder does not expand under Micronaut, so the database is
 * asked for its product name through the data source Flyway is about to use.
 *
 * <p>This replaces micronaut-flyway's default customizer for the {@code default} data source,
 * which only adds {@code JavaMigration}/{@code Callback} beans; Hookline has none.
 */
@Singleton
@Named("default")
public class FlywayLocations implements FlywayConfigurationCustomizer {

    private static final Logger LOG = LoggerFactory.getLogger(FlywayLocations.class);

    static final String COMMON = "classpath:db/migration/common";

    @Override
    public void customizeFluentConfiguration(FluentConfiguration configuration) {
        DataSource dataSource = configuration.getDataSource();
        Jdbc.Database database;
        try (Connection connection = dataSource.getConnection()) {
            database = Jdbc.of(connection.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the database to choose its migrations", e);
        }
        String[] locations = locationsFor(database);
        LOG.info("Flyway migrations for {}: {}", database, String.join(", ", locations));
        configuration.locations(locations);
    }

    static String[] locationsFor(Jdbc.Database database) {
        return new String[] {COMMON,
                database == Jdbc.Database.POSTGRESQL ? "classpath:db/migration/postgresql" : "classpath:db/migration/h2"};
    }

    @Override
    public String getName() {
        return "default";
    }
}
