package dev.hookline.adapters.httpout;

import dev.hookline.domain.delivery.AttemptOutcome;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.nio.AsyncResponseConsumer;
import org.apache.hc.core5.http.nio.CapacityChannel;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * Turns one HTTP response into an {@link AttemptOutcome.Response}, keeping at most
 * {@link AttemptOutcome#MAX_BODY_BYTES} of the body in memory.
 *
 * <p>The outcome is reported as soon as it is known: at the end of the body, or as soon as the
 * body grows past the limit. The rest of an oversized body is read and thrown away so the
 * connection can be reused, up to {@link #DRAIN_LIMIT} bytes; past that the connection is closed
 * (an endpoint streaming without end must not hold a connection forever).
 */
final class BoundedResponseConsumer implements AsyncResponseConsumer<AttemptOutcome> {

    static final int DRAIN_LIMIT = 1024 * 1024;

    private static final int LIMIT = AttemptOutcome.MAX_BODY_BYTES;

    private int status;
    private Map<String, String> headers;
    private FutureCallback<AttemptOutcome> callback;
    private byte[] body;
    private int length;
    private long received;
    private boolean reported;

    @Override
    public void consumeResponse(HttpResponse response, EntityDetails entity, HttpContext context,
                                FutureCallback<AttemptOutcome> resultCallback) {
        status = response.getCode();
        headers = headersOf(response);
        callback = resultCallback;
        if (entity == null) {
            report(false);
        } else {
            long declared = entity.getContentLength();
            body = new byte[declared >= 0 && declared < LIMIT ? (int) declared : LIMIT];
        }
    }

    @Override
    public void informationResponse(HttpResponse response, HttpContext context) {
        // 1xx (e.g. 100 Continue) is not the answer
    }

    @Override
    public void updateCapacity(CapacityChannel capacityChannel) throws IOException {
        capacityChannel.update(Integer.MAX_VALUE);
    }

    @Override
    public void consume(ByteBuffer src) throws IOException {
        int n = src.remaining();
        received += n;
        if (length < LIMIT) {
            int take = Math.min(n, LIMIT - length);
            if (length + take > body.length) { // the declared length was wrong
                body = java.util.Arrays.copyOf(body, Math.min(LIMIT, Math.max(length + take, body.length * 2)));
            }
            src.get(body, length, take);
            length += take;
        }
        src.position(src.limit());
        if (received > LIMIT && !reported) {
            report(true);
        }
        if (received > DRAIN_LIMIT) {
            throw new IOException("response body larger than " + DRAIN_LIMIT + " bytes, connection closed");
        }
    }

    @Override
    public void streamEnd(List<? extends Header> trailers) {
        if (!reported) {
            report(false);
        }
    }

    @Override
    public void failed(Exception cause) {
        // the exchange callback reports the failure; nothing held here needs cleaning up
    }

    @Override
    public void releaseResources() {
        body = null;
    }

    private void report(boolean truncated) {
        reported = true;
        Charset charset = charsetOf(headers.get("content-type"));
        boolean utf8 = charset.equals(StandardCharsets.UTF_8);
        String text = length == 0 ? "" : new String(body, 0, truncated && utf8 ? completeUtf8Prefix(body, length)
                : length, charset);
        callback.completed(new AttemptOutcome.Response(status, headers, text, truncated));
    }

    /** The charset a Content-Type names, if Java knows it; UTF-8 otherwise (JSON's, and the usual). */
    static Charset charsetOf(String contentType) {
        if (contentType == null) {
            return StandardCharsets.UTF_8;
        }
        for (String parameter : contentType.split(";")) {
            String[] nameValue = parameter.split("=", 2);
            if (nameValue.length == 2 && nameValue[0].trim().equalsIgnoreCase("charset")) {
                String name = nameValue[1].trim().replace("\"", "");
                try {
                    return Charset.isSupported(name) ? Charset.forName(name) : StandardCharsets.UTF_8;
                } catch (IllegalArgumentException malformed) {
                    return StandardCharsets.UTF_8;
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    /** Where a cut-off body ends without splitting a multi-byte UTF-8 sequence. */
    static int completeUtf8Prefix(byte[] bytes, int length) {
        int start = length - 1;
        int back = 0;
        while (start >= 0 && back < 3 && (bytes[start] & 0xC0) == 0x80) {
            start--;
            back++;
        }
        if (start < 0) {
            return length;
        }
        int lead = bytes[start] & 0xFF;
        int needed = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
        return length - start < needed ? start : length;
    }

    private static Map<String, String> headersOf(HttpResponse response) {
        Map<String, String> map = new HashMap<>();
        for (Iterator<Header> it = response.headerIterator(); it.hasNext(); ) {
            Header header = it.next();
            String value = header.getValue() == null ? "" : header.getValue();
            map.merge(header.getName().toLowerCase(Locale.ROOT), value, (a, b) -> a + ", " + b);
        }
        return map;
    }
}
