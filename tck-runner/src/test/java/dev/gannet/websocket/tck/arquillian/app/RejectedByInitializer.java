package dev.gannet.websocket.tck.arquillian.app;

import dev.gannet.websocket.tck.arquillian.Probed;

/** Makes the probe initializer fail the deployment, as an invalid endpoint makes Gannet's. */
@Probed(rejectDeployment = true)
public final class RejectedByInitializer {
}
