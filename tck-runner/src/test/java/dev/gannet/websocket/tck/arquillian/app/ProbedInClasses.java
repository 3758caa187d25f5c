package dev.gannet.websocket.tck.arquillian.app;

import dev.gannet.websocket.tck.arquillian.Probed;

/** Packaged in WEB-INF/classes; the probe initializer must be handed it. */
@Probed
public final class ProbedInClasses {
}
