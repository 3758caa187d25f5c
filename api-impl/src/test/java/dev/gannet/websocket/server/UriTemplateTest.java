package dev.gannet.websocket.server;

import jakarta.websocket.DeploymentException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UriTemplateTest {

    @ParameterizedTest
    @ValueSource(strings = {"/", "/a", "/a/b/", "/a/{b}/c", "/bookings/{guest-id}", "/{x}/{y}", "/a%20b",
            "/~user/x.y", "/caf\u00e9", "/a/{v.w}", "/a:b@c"})
    void validPathsParse(String path) throws DeploymentException {
        assertEquals(path, UriTemplate.parse(path).path());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "a/b            | must start with '/'",
            "/a//b          | empty segment",
            "/a/./b         | dot segment '.'",
            "/a/../b        | dot segment '..'",
            "/a/..          | dot segment '..'",
            "/a/{}          | empty variable name",
            "/a/{x}/{x}     | {x} is used more than once",
            "/a/b{x}        | a variable must be a whole segment",
            "/a/{x}b        | a variable must be a whole segment",
            "/a/{x          | a variable must be a whole segment",
            "/a/x}          | a variable must be a whole segment",
            "/a/{+x}        | operator '+'",
            "/a/{x:3}       | contains ':'",
            "/a/{x*}        | contains '*'",
            "/a/{x,y}       | contains ','",
            "/a?q=1         | query and fragment",
            "/a#f           | query and fragment",
            "/a b           | space or control",
            "/a%2           | malformed percent-encoding",
            "/a%zz          | malformed percent-encoding",
            "/a%C3          | malformed percent-encoding",
    })
    void invalidPathsNameThePathAndTheFault(String path, String fault) {
        DeploymentException e = assertThrows(DeploymentException.class, () -> UriTemplate.parse(path));
        assertTrue(e.getMessage().contains("\"" + path + "\""), e.getMessage());
        assertTrue(e.getMessage().contains(fault), e.getMessage());
    }

    @Test
    void nullAndEmptyAreRejected() {
        assertThrows(DeploymentException.class, () -> UriTemplate.parse(null));
        assertThrows(DeploymentException.class, () -> UriTemplate.parse(""));
    }

    @Test
    void splitKeepsTrailingEmptySegment() {
        assertEquals(List.of(""), UriTemplate.split("/"));
        assertEquals(List.of("a"), UriTemplate.split("/a"));
        assertEquals(List.of("a", ""), UriTemplate.split("/a/"));
        assertEquals(List.of("a", "b", "c"), UriTemplate.split("/a/b/c"));
    }

    /** The spec's §3.1.1 examples for a single endpoint. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NONE", value = {
            "/a/b/     | /a/b/      | {}",
            "/a/b/     | /a/b       | NONE",
            "/a/{var}  | /a/b       | {var=b}",
            "/a/{var}  | /a/apple   | {var=apple}",
            "/a/{var}  | /a         | NONE",
            "/a/{var}  | /a/b/      | NONE",
            "/a/{var}  | /a/b/c     | NONE",
            "/a/{var}  | /a/        | NONE",
            "/a/{var}  | /a/%2Fx    | {var=/x}",
            "/a/{var}  | /a/caf%C3%A9 | {var=caf\u00e9}",
            "/a/{var}  | /a/x+y     | {var=x+y}",
            "/ab       | /a%62      | {}",
            "/a%62     | /ab        | {}",
            "/         | /          | {}",
            "/         | /x         | NONE",
            "/{a}/{b}  | /1/2       | {a=1, b=2}",
    })
    void matchesLikeTheSpec(String template, String request, String expected) throws DeploymentException {
        UriTemplate t = UriTemplate.parse(template);
        Map<String, String> m = t.match(EndpointRegistry.decodeSegments(request));
        if (expected == null) {
            assertNull(m);
        } else {
            assertEquals(expected, new java.util.TreeMap<>(m).toString());
        }
    }

    @Test
    void equivalentTemplatesShareAKey() throws DeploymentException {
        assertEquals(UriTemplate.parse("/a/{x}").equivalenceKey(), UriTemplate.parse("/a/{y}").equivalenceKey());
        assertEquals(UriTemplate.parse("/a/b").equivalenceKey(), UriTemplate.parse("/a/%62").equivalenceKey());
        assertNotEquals(UriTemplate.parse("/a/{x}").equivalenceKey(), UriTemplate.parse("/a/x").equivalenceKey());
        assertNotEquals(UriTemplate.parse("/a/{x}").equivalenceKey(), UriTemplate.parse("/a/{x}/").equivalenceKey());
    }

    @Test
    void precedencePutsLiteralsFirstFromTheLeft() throws DeploymentException {
        UriTemplate literalFirst = UriTemplate.parse("/b/{v}");
        UriTemplate variableFirst = UriTemplate.parse("/{v}/d");
        assertTrue(UriTemplate.precedence(literalFirst, variableFirst) < 0);
        assertTrue(UriTemplate.precedence(variableFirst, literalFirst) > 0);
        assertFalse(UriTemplate.parse("/a/b").isTemplate());
        assertEquals(List.of("x", "y"), UriTemplate.parse("/{x}/{y}").variables());
    }
}
