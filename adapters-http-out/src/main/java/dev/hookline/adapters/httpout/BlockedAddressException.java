package dev.hookline.adapters.httpout;

import java.net.UnknownHostException;

/**
 * A host resolved (or is written as) an address the network policy refuses. It extends
 * {@link UnknownHostException} because that is the only checked exception a
 * {@link org.apache.hc.client5.http.DnsResolver} may throw: HttpClient then fails the exchange
 * with it instead of connecting.
 */
final class BlockedAddressException extends UnknownHostException {

    private static final long serialVersionUID = 1L;

    BlockedAddressException(String reason) {
        super(reason);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this; // an expected outcome, not a bug: the stack trace would only cost time
    }
}
