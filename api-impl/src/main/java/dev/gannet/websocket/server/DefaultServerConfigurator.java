package dev.gannet.websocket.server;

import jakarta.websocket.Extension;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Gannet's platform default {@link ServerEndpointConfig.Configurator}, found through the
 * {@code ServiceLoader} entry {@code META-INF/services/jakarta.websocket.server.ServerEndpointConfig$Configurator}.
 * The API's own {@code Configurator} delegates every method to this one unless the application
 * overrides it. Behaviour: the subprotocol is the first one in the client's list that the server
 * supports; the extensions are the requested ones whose name is installed, in the client's
 * order; every origin is accepted (applications restrict it by overriding {@code checkOrigin});
 * the handshake is not modified; each connection gets a new instance made by the class's public
 * no-argument constructor.
 */
public final class DefaultServerConfigurator extends ServerEndpointConfig.Configurator {

    /** Public for the ServiceLoader. */
    public DefaultServerConfigurator() {
    }

    /** Itself: this is the platform default, so there is nothing further to delegate to. */
    @Override
    public ServerEndpointConfig.Configurator getContainerDefaultConfigurator() {
        return this;
    }

    @Override
    public String getNegotiatedSubprotocol(List<String> supported, List<String> requested) {
        if (supported == null || requested == null) {
            return "";
        }
        for (String candidate : requested) {
            if (supported.contains(candidate)) {
                return candidate;
            }
        }
        return "";
    }

    @Override
    public List<Extension> getNegotiatedExtensions(List<Extension> installed, List<Extension> requested) {
        if (installed == null || requested == null || installed.isEmpty()) {
            return new ArrayList<>();
        }
        // Extension tokens are matched ignoring ASCII case, as the container's own negotiation does.
        Set<String> names = new HashSet<>();
        for (Extension e : installed) {
            names.add(key(e));
        }
        List<Extension> out = new ArrayList<>();
        for (Extension e : requested) {
            if (e != null && e.getName() != null && names.contains(key(e))) {
                out.add(e);
            }
        }
        return out;
    }

    private static String key(Extension e) {
        return e == null || e.getName() == null ? "" : e.getName().toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean checkOrigin(String originHeaderValue) {
        return true;
    }

    @Override
    public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
        // The default makes no change (spec §3.1.5).
    }

    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) throws InstantiationException {
        try {
            Constructor<T> ctor = endpointClass.getConstructor();
            // A public constructor of a public class nested in a non-public one needs this.
            ctor.trySetAccessible();
            return ctor.newInstance();
        } catch (NoSuchMethodException e) {
            throw instantiation(endpointClass, "it has no public no-argument constructor", e);
        } catch (InvocationTargetException e) {
            throw instantiation(endpointClass, "its constructor threw " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw instantiation(endpointClass, e.toString(), e);
        }
    }

    private static InstantiationException instantiation(Class<?> c, String why, Throwable cause) {
        InstantiationException ie = new InstantiationException(
                "Cannot create an instance of endpoint " + c.getName() + ": " + why);
        ie.initCause(cause);
        return ie;
    }
}
