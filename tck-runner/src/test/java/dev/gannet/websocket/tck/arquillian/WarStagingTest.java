package dev.gannet.websocket.tck.arquillian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import dev.gannet.websocket.tck.arquillian.app.ProbedInLib;

class WarStagingTest {

    @Test
    void contextPathIsTheArchiveNameWithoutWar() {
        assertEquals("/wsc_negdep_malformedpath_web", WarStaging.contextPath("wsc_negdep_malformedpath_web.war"));
        assertEquals("", WarStaging.contextPath("ROOT.war"));
        assertEquals("/plain", WarStaging.contextPath("plain"));
    }

    @Test
    void explodesClassesAndResourcesButKeepsLibraryJarsAsJars() throws Exception {
        WarStaging staging = new WarStaging();
        staging.open("gannet-staging-test-");
        try {
            JavaArchive lib = ShrinkWrap.create(JavaArchive.class, "lib.jar").addClass(ProbedInLib.class);
            WebArchive war = ShrinkWrap.create(WebArchive.class, "app.war")
                    .addClass(WarStagingTest.class)
                    .addAsLibrary(lib)
                    .addAsWebResource(new StringAsset("page"), "index.html");

            Path first = staging.explode(war);
            Path second = staging.explode(war);

            assertNotEquals(first, second, "each deployment gets a fresh folder");
            assertEquals("page", Files.readString(first.resolve("index.html")));
            assertTrue(Files.isRegularFile(first.resolve(
                    "WEB-INF/classes/dev/gannet/websocket/tck/arquillian/WarStagingTest.class")));
            assertTrue(Files.isRegularFile(first.resolve("WEB-INF/lib/lib.jar")), "a jar, not a folder");

            WarStaging.delete(first);
            assertFalse(Files.exists(first));
        } finally {
            Path root = staging.root();
            staging.close();
            assertFalse(Files.exists(root));
        }
    }
}
