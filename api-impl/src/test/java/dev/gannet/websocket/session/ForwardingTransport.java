package dev.gannet.websocket.session;

import dev.gannet.websocket.transport.Transport;
import dev.gannet.websocket.transport.TransportListener;
import dev.gannet.websocket.transport.WriteCallback;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/** A transport passing every call to another one; tests override what they want to distort. */
class ForwardingTransport implements Transport {

    private final Transport delegate;

    ForwardingTransport(Transport delegate) {
        this.delegate = delegate;
    }

    @Override
    public void setListener(TransportListener listener) {
        delegate.setListener(listener);
    }

    @Override
    public void demand() {
        delegate.demand();
    }

    @Override
    public void write(ByteBuffer[] buffers, WriteCallback callback) {
        delegate.write(buffers, callback);
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public void abort() {
        delegate.abort();
    }

    @Override
    public InetSocketAddress localAddress() {
        return delegate.localAddress();
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return delegate.remoteAddress();
    }

    @Override
    public boolean isSecure() {
        return delegate.isSecure();
    }
}
