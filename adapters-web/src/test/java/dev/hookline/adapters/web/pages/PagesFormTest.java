package dev.hookline.adapters.web.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PagesFormTest {

    @Test
    void decodesRepeatedFieldsInOrder() {
        assertEquals(Map.of("events", List.of("a.b", "c.*"), "description", List.of("Café & co")),
                Pages.form("events=a.b&description=Caf%C3%A9+%26+co&events=c.*"));
    }

    @Test
    void aNulCharacterIsABadRequestNamingTheField() {
        HttpStatusException e = assertThrows(HttpStatusException.class, () -> Pages.form("name=a%00b"));
        assertEquals(HttpStatus.BAD_REQUEST, e.getStatus());
        assertEquals("name must not contain NUL characters", e.getMessage());
    }
}
