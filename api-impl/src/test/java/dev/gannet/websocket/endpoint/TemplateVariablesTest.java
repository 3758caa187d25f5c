package dev.gannet.websocket.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class TemplateVariablesTest {

    @Test
    void namesOfWholeSegmentVariables() {
        assertEquals(List.of("a", "b-c"), TemplateVariables.names("/x/{a}/y/{b-c}"));
        assertEquals(List.of(), TemplateVariables.names("/"));
        assertEquals(List.of(), TemplateVariables.names("/a/b/"));
    }

    @Test
    void problemsAreNamed() {
        assertEquals("the path is missing", TemplateVariables.problem(""));
        assertEquals("the path does not start with '/'", TemplateVariables.problem("a/b"));
        assertEquals("the path contains '//', '/./' or '/../'", TemplateVariables.problem("/a/../b"));
        assertEquals("the segment 'x{a}' is not a literal nor a whole-segment variable {name}",
                TemplateVariables.problem("/x{a}"));
        assertEquals("the segment '{}' is not a literal nor a whole-segment variable {name}",
                TemplateVariables.problem("/{}"));
        assertEquals("the variable {a} is used more than once", TemplateVariables.problem("/{a}/{a}"));
        assertNull(TemplateVariables.names("/{a}/{a}"));
    }
}
