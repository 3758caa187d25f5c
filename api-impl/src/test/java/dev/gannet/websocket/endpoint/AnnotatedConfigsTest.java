package dev.gannet.websocket.endpoint;

import static dev.gannet.websocket.endpoint.Rejections.assertMentions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gannet.websocket.endpoint.TestCoders.BarDecoder;
import dev.gannet.websocket.endpoint.TestCoders.FooDecoder;
import dev.gannet.websocket.endpoint.TestCoders.FooEncoder;
import jakarta.websocket.ClientEndpoint;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Configurations made from @ServerEndpoint and @ClientEndpoint, and their deployment errors. */
class AnnotatedConfigsTest {

    public static class ChatConfigurator extends ServerEndpointConfig.Configurator {
    }

    public static class ClientConfigurator extends ClientEndpointConfig.Configurator {
    }

    public static class NoCtorConfigurator extends ServerEndpointConfig.Configurator {
        public NoCtorConfigurator(String s) {
        }
    }

    public static class ThrowingConfigurator extends ClientEndpointConfig.Configurator {
        public ThrowingConfigurator() {
            throw new IllegalStateException("cannot start");
        }
    }

    @ServerEndpoint(value = "/chat/{room}", subprotocols = {"v2.chat", "chat"}, decoders = {FooDecoder.class,
        BarDecoder.class}, encoders = FooEncoder.class, configurator = ChatConfigurator.class)
    public static class Chat {
    }

    @ServerEndpoint("/plain")
    public static class Plain {
    }

    @ClientEndpoint(subprotocols = "chat", decoders = FooDecoder.class, encoders = FooEncoder.class,
            configurator = ClientConfigurator.class)
    public static class ChatClient {
    }

    @ClientEndpoint
    public static class PlainClient {
    }

    @ServerEndpoint(value = "/x", configurator = NoCtorConfigurator.class)
    public static class WithNoCtorConfigurator {
    }

    @ClientEndpoint(configurator = ThrowingConfigurator.class)
    public static class WithThrowingConfigurator {
    }

    @ServerEndpoint(value = "/x", decoders = ClassRulesTest.NoCtorDecoder.class)
    public static class WithBadDecoder {
    }

    @ServerEndpoint("relative")
    public static class RelativePath {
    }

    @ServerEndpoint("/a/b{c}")
    public static class PartialSegmentVariable {
    }

    @ServerEndpoint("/a/{c}/{c}")
    public static class RepeatedVariable {
    }

    @ServerEndpoint("/a//b")
    public static class EmptySegment {
    }

    @ServerEndpoint("")
    public static class EmptyPath {
    }

    @Test
    void serverConfigCarriesEverythingTheAnnotationSays() throws Exception {
        ServerEndpointConfig config = AnnotatedConfigs.serverConfig(Chat.class);
        assertEquals(Chat.class, config.getEndpointClass());
        assertEquals("/chat/{room}", config.getPath());
        assertEquals(List.of("v2.chat", "chat"), config.getSubprotocols());
        assertEquals(List.of(FooDecoder.class, BarDecoder.class), config.getDecoders());
        assertEquals(List.of(FooEncoder.class), config.getEncoders());
        assertInstanceOf(ChatConfigurator.class, config.getConfigurator());
        // One configurator per logical endpoint: each deployment makes its own.
        assertNotSame(config.getConfigurator(), AnnotatedConfigs.serverConfig(Chat.class).getConfigurator());
    }

    @Test
    void serverConfigWithDefaultConfiguratorUsesThePlatformDefault() throws Exception {
        ServiceLoader<ServerEndpointConfig.Configurator> loader =
                ServiceLoader.load(ServerEndpointConfig.Configurator.class);
        // The service file in api-impl's resources names Gannet's default; without it the spec's
        // "platform default" would be nothing at all, so its absence must fail here.
        ServerEndpointConfig.Configurator platform = loader.findFirst().orElseThrow(() -> new AssertionError(
                "no META-INF/services/jakarta.websocket.server.ServerEndpointConfig$Configurator on the class path"));
        assertEquals("dev.gannet.websocket.server.DefaultServerConfigurator", platform.getClass().getName());
        ServerEndpointConfig config = AnnotatedConfigs.serverConfig(Plain.class);
        assertSame(platform.getClass(), config.getConfigurator().getClass());
    }

    @Test
    void clientConfigCarriesEverythingTheAnnotationSays() throws Exception {
        ClientEndpointConfig config = AnnotatedConfigs.clientConfig(ChatClient.class);
        assertEquals(List.of("chat"), config.getPreferredSubprotocols());
        assertEquals(List.of(FooDecoder.class), config.getDecoders());
        assertEquals(List.of(FooEncoder.class), config.getEncoders());
        assertInstanceOf(ClientConfigurator.class, config.getConfigurator());
    }

    @Test
    void clientConfigDefaults() throws Exception {
        ClientEndpointConfig config = AnnotatedConfigs.clientConfig(PlainClient.class);
        assertEquals(List.of(), config.getPreferredSubprotocols());
        assertEquals(List.of(), config.getDecoders());
        // The builder's own no-op configurator (an API class), not one of ours.
        assertEquals("jakarta.websocket", config.getConfigurator().getClass().getPackageName());
    }

    @Test
    void missingAnnotations() {
        assertMentions(assertThrows(DeploymentException.class, () -> AnnotatedConfigs.serverConfig(PlainClient.class)),
                PlainClient.class, "is not annotated with @ServerEndpoint");
        assertMentions(assertThrows(DeploymentException.class, () -> AnnotatedConfigs.clientConfig(Plain.class)),
                Plain.class, "is not annotated with @ClientEndpoint");
    }

    @Test
    void configuratorWithoutNoArgConstructor() {
        assertMentions(assertThrows(DeploymentException.class,
                () -> AnnotatedConfigs.serverConfig(WithNoCtorConfigurator.class)), WithNoCtorConfigurator.class,
                "configurator " + NoCtorConfigurator.class.getName(), "no public no-arg constructor");
    }

    @Test
    void configuratorWhoseConstructorThrows() {
        DeploymentException e = assertThrows(DeploymentException.class,
                () -> AnnotatedConfigs.clientConfig(WithThrowingConfigurator.class));
        assertMentions(e, WithThrowingConfigurator.class, "could not be created", "cannot start");
        assertInstanceOf(IllegalStateException.class, e.getCause());
    }

    @Test
    void coderListsAreValidated() {
        assertMentions(assertThrows(DeploymentException.class, () -> AnnotatedConfigs.serverConfig(WithBadDecoder.class)),
                WithBadDecoder.class, "decoder", "no public no-arg constructor");
    }

    @ParameterizedTest
    @ValueSource(classes = {RelativePath.class, PartialSegmentVariable.class, RepeatedVariable.class,
        EmptySegment.class, EmptyPath.class})
    void malformedPathsAreRejected(Class<?> endpoint) {
        assertMentions(assertThrows(DeploymentException.class, () -> AnnotatedConfigs.serverConfig(endpoint)),
                endpoint, "@ServerEndpoint(\"", "accepted: a path starting with '/'");
    }
}
