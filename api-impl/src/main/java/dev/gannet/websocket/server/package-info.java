/**
 * The server container, independent of any HTTP server: endpoint deployment (annotated and
 * programmatic, and the scan rules of {@code ServerApplicationConfig}), URI templates matched
 * with the specification's precedence, the platform default
 * {@code ServerEndpointConfig.Configurator}, and the opening handshake (RFC 6455 §4.2,
 * subprotocols, extensions including permessage-deflate, origin check, modifyHandshake) on a
 * container-neutral {@link dev.gannet.websocket.server.UpgradeRequest}. An HTTP layer asks
 * {@link dev.gannet.websocket.server.GannetServerContainer#match} and
 * {@link dev.gannet.websocket.server.GannetServerContainer#handshake}, sends the
 * {@link dev.gannet.websocket.server.HandshakeOutcome}, and hands the upgraded connection to
 * {@link dev.gannet.websocket.server.HandshakeOutcome#openSession}.
 */
package dev.gannet.websocket.server;
