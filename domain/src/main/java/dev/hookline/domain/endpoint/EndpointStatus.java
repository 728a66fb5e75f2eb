package dev.hookline.domain.endpoint;

/** The status shown to merchants: Active, Failing, or Disabled with the reason. */
public sealed interface EndpointStatus permits EndpointStatus.Active, EndpointStatus.Failing, EndpointStatus.Disabled {

    /** {@code active}, {@code failing} or {@code disabled}, as the API shows it. */
    String code();

    record Active() implements EndpointStatus {
        @Override
        public String code() {
            return "active";
        }
    }

    record Failing() implements EndpointStatus {
        @Override
        public String code() {
            return "failing";
        }
    }

    record Disabled(Disablement disablement) implements EndpointStatus {
        @Override
        public String code() {
            return "disabled";
        }
    }

    static EndpointStatus of(Disablement disablement, EndpointHealth health) {
        if (disablement != null) {
            return new Disabled(disablement);
        }
        return health.failing() ? new Failing() : new Active();
    }
}
