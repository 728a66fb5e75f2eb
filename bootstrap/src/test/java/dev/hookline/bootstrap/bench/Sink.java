package dev.hookline.bootstrap.bench;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A minimal HTTP/1.1 receiver on loopback (Netty, keep-alive) that verifies the Standard Webhooks
 * signature of every request by hand (HMAC-SHA256 over {@code id.timestamp.body} with the
 * endpoint's secret) and, when present, the {@code X-Webhook-Signature: sha256=<hex>} one.
 * Answers 200 to a valid request and 400 to anything else; counts both.
 *
 * <p>Each endpoint has its own path {@code /<group>/<n>}; counts, duplicates and latencies are
 * kept per group. Latency is measured from the {@code bench_t} the publisher put in the event
 * data (nanoseconds on this JVM's {@link Bench#now()} clock) to the moment the request arrived.
 */
final class Sink implements AutoCloseable {

    /** Counters of one group of endpoints (one scenario). */
    static final class Group {
        final AtomicLong received = new AtomicLong();
        final AtomicLong invalid = new AtomicLong();
        final AtomicLong duplicates = new AtomicLong();
        final Set<String> seen = ConcurrentHashMap.newKeySet();
        final Recorder latency = new Recorder();
        volatile long lastArrival;
    }

    private final Map<String, byte[]> secrets = new ConcurrentHashMap<>();
    private final Map<String, String> hmacSecrets = new ConcurrentHashMap<>();
    private final Map<String, Group> groups = new ConcurrentHashMap<>();
    final AtomicLong unknown = new AtomicLong();
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel channel;

    @SuppressWarnings("deprecation") // NioEventLoopGroup: still the plainest way on Netty 4.2
    Sink(int threads) throws InterruptedException {
        boss = new NioEventLoopGroup(1);
        workers = new NioEventLoopGroup(threads);
        channel = new ServerBootstrap().group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20), new Handler());
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
    }

    int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    String url(String group, int n) {
        return "http://127.0.0.1:" + port() + "/" + group + "/" + n;
    }

    /** Registers an endpoint's secret ({@code whsec_…}) for its path. */
    void secret(String group, int n, String whsec) {
        String path = "/" + group + "/" + n;
        secrets.put(path, Base64.getDecoder().decode(whsec.substring("whsec_".length())));
        hmacSecrets.put(path, whsec);
        groups.computeIfAbsent(group, g -> new Group());
    }

    Group group(String name) {
        return groups.computeIfAbsent(name, g -> new Group());
    }

    long invalidTotal() {
        return groups.values().stream().mapToLong(g -> g.invalid.get()).sum() + unknown.get();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        boss.shutdownGracefully();
        workers.shutdownGracefully();
    }

    private static final ThreadLocal<Map<String, Mac>> MACS = ThreadLocal.withInitial(HashMap::new);

    private static Mac mac(String path, byte[] key) {
        return MACS.get().computeIfAbsent(path, p -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Standard Webhooks: any {@code v1,<base64>} in the header matches HMAC(key, id.ts.body). */
    static boolean standardValid(Mac mac, String id, String timestamp, byte[] body, String header) {
        if (id == null || timestamp == null || header == null) {
            return false;
        }
        mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
        byte[] expected = mac.doFinal(body);
        for (String part : header.split(" ")) {
            if (part.startsWith("v1,")) {
                byte[] given;
                try {
                    given = Base64.getDecoder().decode(part.substring(3));
                } catch (IllegalArgumentException e) {
                    continue;
                }
                if (MessageDigest.isEqual(expected, given)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static final HexFormat HEX = HexFormat.of();

    private static boolean hexValid(String whsec, byte[] body, String header) throws GeneralSecurityException {
        if (!header.startsWith("sha256=")) {
            return false;
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(whsec.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return MessageDigest.isEqual(mac.doFinal(body), HEX.parseHex(header.substring(7)));
    }

    /** The number after {@code "bench_t":} in the body, or -1. */
    static long benchTime(byte[] body) {
        byte[] key = "\"bench_t\":".getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + key.length < body.length; i++) {
            for (int k = 0; k < key.length; k++) {
                if (body[i + k] != key[k]) {
                    continue outer;
                }
            }
            long v = 0;
            int j = i + key.length;
            if (j >= body.length || body[j] < '0' || body[j] > '9') {
                return -1;
            }
            while (j < body.length && body[j] >= '0' && body[j] <= '9') {
                v = v * 10 + (body[j++] - '0');
            }
            return v;
        }
        return -1;
    }

    private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) throws Exception {
            long arrived = Bench.now();
            String path = request.uri();
            int q = path.indexOf('?');
            if (q >= 0) {
                path = path.substring(0, q);
            }
            byte[] key = secrets.get(path);
            boolean ok;
            if (key == null) {
                unknown.incrementAndGet();
                ok = false;
            } else {
                ByteBuf content = request.content();
                byte[] body = new byte[content.readableBytes()];
                content.getBytes(content.readerIndex(), body);
                String id = request.headers().get("webhook-id");
                ok = standardValid(mac(path, key), id, request.headers().get("webhook-timestamp"), body,
                        request.headers().get("webhook-signature"));
                String hex = request.headers().get("X-Webhook-Signature");
                if (ok && hex != null) {
                    ok = hexValid(hmacSecrets.get(path), body, hex);
                }
                Group group = groups.get(path.substring(1, path.indexOf('/', 1)));
                if (!ok) {
                    group.invalid.incrementAndGet();
                } else {
                    group.received.incrementAndGet();
                    group.lastArrival = arrived;
                    if (!group.seen.add(path + " " + id)) {
                        group.duplicates.incrementAndGet();
                    } else {
                        long t = benchTime(body);
                        if (t > 0) {
                            group.latency.record(arrived, arrived - t);
                        }
                    }
                }
            }
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    ok ? HttpResponseStatus.OK : HttpResponseStatus.BAD_REQUEST,
                    Unpooled.EMPTY_BUFFER);
            response.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0);
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            if (keepAlive) {
                response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
                ctx.writeAndFlush(response);
            } else {
                ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
