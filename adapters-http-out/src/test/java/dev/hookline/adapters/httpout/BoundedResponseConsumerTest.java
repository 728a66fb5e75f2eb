package dev.hookline.adapters.httpout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class BoundedResponseConsumerTest {

    @Test
    void a_cut_off_body_does_not_end_in_half_a_character() {
        byte[] text = "aé€😀".getBytes(StandardCharsets.UTF_8); // 1 + 2 + 3 + 4 bytes

        assertEquals(1, BoundedResponseConsumer.completeUtf8Prefix(text, 2));
        assertEquals(3, BoundedResponseConsumer.completeUtf8Prefix(text, 3));
        assertEquals(3, BoundedResponseConsumer.completeUtf8Prefix(text, 5));
        assertEquals(6, BoundedResponseConsumer.completeUtf8Prefix(text, 6));
        assertEquals(6, BoundedResponseConsumer.completeUtf8Prefix(text, 9));
        assertEquals(10, BoundedResponseConsumer.completeUtf8Prefix(text, 10));
    }

    @Test
    void the_body_is_read_in_the_charset_its_content_type_names() {
        assertEquals(StandardCharsets.ISO_8859_1, BoundedResponseConsumer.charsetOf("text/plain; charset=iso-8859-1"));
        assertEquals(StandardCharsets.ISO_8859_1, BoundedResponseConsumer.charsetOf("text/html;CHARSET=\"ISO-8859-1\""));
        assertEquals(StandardCharsets.UTF_8, BoundedResponseConsumer.charsetOf("application/json"));
        assertEquals(StandardCharsets.UTF_8, BoundedResponseConsumer.charsetOf(null));
        assertEquals(StandardCharsets.UTF_8, BoundedResponseConsumer.charsetOf("text/plain; charset=no-such-charset"));
        assertEquals(StandardCharsets.UTF_8, BoundedResponseConsumer.charsetOf("text/plain; charset=bad name!"));
    }

    @Test
    void bytes_that_are_not_utf8_are_left_to_the_decoder() {
        byte[] latin1 = "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1); // a lone 0xE9 lead byte at the end

        assertEquals(3, BoundedResponseConsumer.completeUtf8Prefix(latin1, 4));
    }
}
