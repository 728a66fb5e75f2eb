package dev.hookline.application.port.out;

import java.net.InetAddress;
import java.util.List;

/** Looks up a host name's addresses, to refuse endpoint URLs that point into private networks. */
public interface HostResolver {

    sealed interface Resolution permits Resolution.Resolved, Resolution.Unresolved {
        record Resolved(List<InetAddress> addresses) implements Resolution {
        }

        /** The name does not resolve (now): not a reason to refuse, it is checked again at connect time. */
        record Unresolved(String reason) implements Resolution {
        }
    }

    Resolution resolve(String host);
}
