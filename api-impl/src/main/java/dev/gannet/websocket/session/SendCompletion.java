package dev.gannet.websocket.session;

/** Told once when a queued frame was written ({@code failure == null}) or will never be. */
interface SendCompletion {

    SendCompletion NONE = failure -> { };

    void completed(Throwable failure);
}
