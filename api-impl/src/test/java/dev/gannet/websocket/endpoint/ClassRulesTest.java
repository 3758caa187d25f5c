package dev.gannet.websocket.endpoint;

import static dev.gannet.websocket.endpoint.Rejections.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.ClientEndpoint;
import jakarta.websocket.Decoder;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import org.junit.jupiter.api.Test;

/** Class-level rules: annotation present, public, concrete, instantiable, valid coder lists. */
class ClassRulesTest {

    public static class NotAnnotated {
        @OnMessage
        public void text(String s) {
        }
    }

    @ServerEndpoint("/base")
    public static class AnnotatedBase {
        @OnMessage
        public void text(String s) {
        }
    }

    public static class UnannotatedSub extends AnnotatedBase {
    }

    @ServerEndpoint("/abstract")
    public abstract static class Abstract {
    }

    @ServerEndpoint("/hidden")
    static class NotPublic {
    }

    @ServerEndpoint("/noctor")
    public static class NoDefaultConstructor {
        public NoDefaultConstructor(String name) {
        }
    }

    public static class SharingConfigurator extends ServerEndpointConfig.Configurator {
    }

    /** Creates the instances itself, so the endpoint class needs no usable constructor. */
    public static class CreatingConfigurator extends ServerEndpointConfig.Configurator {
        @Override
        public <T> T getEndpointInstance(Class<T> endpointClass) {
            return endpointClass.cast(new NoDefaultConstructorCustomConfigurator("made"));
        }
    }

    @ServerEndpoint(value = "/custom", configurator = SharingConfigurator.class)
    public static class NoDefaultConstructorSharingConfigurator {
        public NoDefaultConstructorSharingConfigurator(String name) {
        }
    }

    @ServerEndpoint(value = "/custom", configurator = CreatingConfigurator.class)
    public static class NoDefaultConstructorCustomConfigurator {
        public NoDefaultConstructorCustomConfigurator(String name) {
        }
    }

    @ClientEndpoint
    public static class ClientWithoutDefaultConstructor {
        public ClientWithoutDefaultConstructor(int x) {
        }
    }

    @ClientEndpoint
    public static class ClientThrowingConstructor {
        public ClientThrowingConstructor() {
            throw new IllegalStateException("boom");
        }
    }

    public static class NoCtorDecoder implements Decoder.Text<Integer> {
        public NoCtorDecoder(String s) {
        }

        @Override
        public Integer decode(String s) {
            return 0;
        }

        @Override
        public boolean willDecode(String s) {
            return true;
        }
    }

    public abstract static class AbstractDecoder implements Decoder.Text<Integer> {
    }

    /** Implements only the marker interface, none of the four usable decoder kinds. */
    public static class MarkerDecoder implements Decoder {
    }

    @ServerEndpoint(value = "/d", decoders = NoCtorDecoder.class)
    public static class WithNoCtorDecoder {
    }

    @ServerEndpoint(value = "/d", decoders = AbstractDecoder.class)
    public static class WithAbstractDecoder {
    }

    @ServerEndpoint(value = "/d", decoders = MarkerDecoder.class)
    public static class WithMarkerDecoder {
    }

    @Test
    void serverClassMustCarryServerEndpoint() {
        assertRejected(NotAnnotated.class, true, "is not annotated with @ServerEndpoint");
    }

    @Test
    void clientClassMustCarryClientEndpoint() {
        assertRejected(AnnotatedBase.class, false, "is not annotated with @ClientEndpoint");
    }

    @Test
    void classLevelAnnotationIsNotInherited() {
        assertRejected(UnannotatedSub.class, true, "extends the annotated endpoint", AnnotatedBase.class.getName(),
                "not inherited");
    }

    @Test
    void abstractClassIsRejected() {
        assertRejected(Abstract.class, true, "must be concrete");
    }

    @Test
    void serverClassMustBePublic() {
        assertRejected(NotPublic.class, true, "is not public");
    }

    @Test
    void serverClassNeedsPublicNoArgConstructorWithDefaultConfigurator() {
        assertRejected(NoDefaultConstructor.class, true, "no public no-arg constructor", "default configurator");
    }

    @Test
    void configuratorThatDoesNotCreateInstancesStillNeedsTheConstructor() {
        assertRejected(NoDefaultConstructorSharingConfigurator.class, true, "no public no-arg constructor");
    }

    @Test
    void customConfiguratorMayCreateInstancesItself() throws Exception {
        AnnotatedEndpointModel model = AnnotatedEndpointModel.of(NoDefaultConstructorCustomConfigurator.class, true);
        assertTrue(model.isServer());
        InstantiationException e = assertThrows(InstantiationException.class, model::newInstance);
        assertTrue(e.getMessage().contains("no public no-arg constructor"));
    }

    @Test
    void clientClassNeedsNoConstructorWhenAnInstanceIsGiven() throws Exception {
        AnnotatedEndpointModel model = AnnotatedEndpointModel.of(ClientWithoutDefaultConstructor.class, false);
        assertEquals(ClientWithoutDefaultConstructor.class, model.endpointClass());
        assertThrows(InstantiationException.class, model::newInstance);
    }

    @Test
    void newInstanceReportsTheConstructorsFailure() throws Exception {
        AnnotatedEndpointModel model = AnnotatedEndpointModel.of(ClientThrowingConstructor.class, false);
        InstantiationException e = assertThrows(InstantiationException.class, model::newInstance);
        assertInstanceOf(IllegalStateException.class, e.getCause());
    }

    @Test
    void newInstanceCreatesFreshInstances() throws Exception {
        AnnotatedEndpointModel model = AnnotatedEndpointModel.of(AnnotatedBase.class, true);
        Object a = model.newInstance();
        assertInstanceOf(AnnotatedBase.class, a);
        assertTrue(a != model.newInstance());
    }

    @Test
    void decoderNeedsPublicNoArgConstructor() {
        assertRejected(WithNoCtorDecoder.class, true, "decoder", NoCtorDecoder.class.getName(),
                "no public no-arg constructor");
    }

    @Test
    void decoderMustBeConcrete() {
        assertRejected(WithAbstractDecoder.class, true, "decoder", AbstractDecoder.class.getName(), "abstract");
    }

    @Test
    void decoderMustImplementAUsableKind() {
        assertRejected(WithMarkerDecoder.class, true, MarkerDecoder.class.getName(),
                "implements none of Decoder.Text, Decoder.TextStream, Decoder.Binary, Decoder.BinaryStream");
    }

    @Test
    void programmaticConfigNeedsNoClassAnnotation() throws Exception {
        ServerEndpointConfig config = ServerEndpointConfig.Builder.create(NotAnnotated.class, "/p")
                .configurator(new SharingConfigurator()).build();
        AnnotatedEndpointModel model = AnnotatedEndpointModel.of(NotAnnotated.class, (EndpointConfig) config);
        assertTrue(model.isServer());
        assertEquals(NativeType.TEXT, model.messageMethods().get(0).nativeType());
    }

    @Test
    void programmaticConfigWithCreatingConfiguratorNeedsNoConstructor() throws Exception {
        ServerEndpointConfig config = ServerEndpointConfig.Builder.create(NoDefaultConstructor.class, "/p")
                .configurator(new CreatingConfigurator()).build();
        AnnotatedEndpointModel.of(NoDefaultConstructor.class, (EndpointConfig) config);
        ServerEndpointConfig plain = ServerEndpointConfig.Builder.create(NoDefaultConstructor.class, "/p")
                .configurator(new SharingConfigurator()).build();
        Rejections.assertMentions(assertThrows(jakarta.websocket.DeploymentException.class,
                () -> AnnotatedEndpointModel.of(NoDefaultConstructor.class, (EndpointConfig) plain)),
                NoDefaultConstructor.class, "no public no-arg constructor");
    }
}
