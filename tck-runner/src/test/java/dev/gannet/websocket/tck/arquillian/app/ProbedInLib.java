package dev.gannet.websocket.tck.arquillian.app;

import dev.gannet.websocket.tck.arquillian.Probed;

/** Packaged in a jar in WEB-INF/lib; the probe initializer must be handed it too. */
@Probed
public final class ProbedInLib {
}
