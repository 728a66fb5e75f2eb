package dev.hookline.adapters.httpout;

import dev.hookline.domain.endpoint.network.AddressVerdict;
import dev.hookline.domain.endpoint.network.NetworkPolicy;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

/**
 * Resolves a host when HttpClient connects and refuses the connection when any of its addresses
 * is refused by the network policy. Checking at connect time, on the addresses actually used, is
 * what defeats DNS rebinding: a name that resolved to a public address when the endpoint was
 * saved may resolve to 169.254.169.254 now.
 */
final class PolicyCheckingDnsResolver implements DnsResolver {

    private final NetworkPolicy policy;
    private final DnsResolver delegate;

    PolicyCheckingDnsResolver(NetworkPolicy policy) {
        this(policy, SystemDefaultDnsResolver.INSTANCE);
    }

    PolicyCheckingDnsResolver(NetworkPolicy policy, DnsResolver delegate) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        String name = unbracket(host);
        // InetAddress.getAllByName parses IP literals without a lookup
        InetAddress[] addresses = delegate.resolve(name);
        for (InetAddress address : addresses) {
            if (policy.check(address) instanceof AddressVerdict.Refused refused) {
                // the reason names the address ("10.0.0.5 is a private address"); for a name, say which
                throw new BlockedAddressException(isLiteral(name)
                        ? refused.reason()
                        : "host " + name + ": " + refused.reason());
            }
        }
        return addresses;
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return delegate.resolveCanonicalHostname(unbracket(host));
    }

    private static boolean isLiteral(String host) {
        return host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || Character.isDigit(c));
    }

    private static String unbracket(String host) {
        return host.length() > 1 && host.charAt(0) == '[' && host.charAt(host.length() - 1) == ']'
                ? host.substring(1, host.length() - 1)
                : host;
    }
}
