package dev.gannet.websocket.session;

import jakarta.websocket.Endpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.lang.System.Logger.Level;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * How a session calls endpoint code: one reentrant lock serialises every callback of the session
 * (spec 5.1), whatever endpoint code throws goes to {@code onError}, what {@code onError} throws is
 * logged, and an error is logged too when the endpoint does not override {@code onError} (spec
 * 5.2.2). Nothing an endpoint does propagates into the container. SendHandlers run in order on
 * the executor, and timer or I/O threads hand endpoint work to the executor.
 */
final class EndpointCallbacks implements Executor {

    private static final System.Logger LOG = System.getLogger(WsSession.class.getName());

    /** Whether an endpoint class overrides Endpoint.onError (looked up once per class). */
    private static final ClassValue<Boolean> OVERRIDES_ON_ERROR = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            try {
                return type.getMethod("onError", Session.class, Throwable.class).getDeclaringClass() != Endpoint.class;
            } catch (NoSuchMethodException e) {
                return false;
            }
        }
    };

    private final Session session;
    private final Endpoint endpoint;
    private final Executor executor;
    private final ReentrantLock lock = new ReentrantLock();
    /** Created by the first SendHandler to call (most sessions never use one); see {@link #sendHandlers()}. */
    private volatile SerialRunner sendHandlers;

    EndpointCallbacks(Session session, Endpoint endpoint, Executor executor) {
        this.session = session;
        this.endpoint = endpoint;
        this.executor = executor;
    }

    void invoke(Runnable callback) {
        lock.lock();
        try {
            callback.run();
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable t) {
            deliverError(t);
        } finally {
            lock.unlock();
        }
    }

    void deliverError(Throwable error) {
        if (!OVERRIDES_ON_ERROR.get(endpoint.getClass())) {
            LOG.log(Level.WARNING, "Unhandled error in session " + session.getId() + " of "
                    + endpoint.getClass().getName(), error);
        }
        lock.lock();
        try {
            endpoint.onError(session, error);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable t) {
            t.addSuppressed(error);
            LOG.log(Level.ERROR, "onError of " + endpoint.getClass().getName() + " threw while handling " + error, t);
        } finally {
            lock.unlock();
        }
    }

    void callSendHandler(SendHandler handler, SendResult result) {
        sendHandlers().execute(() -> {
            try {
                handler.onResult(result);
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable t) {
                LOG.log(Level.WARNING, "SendHandler " + handler.getClass().getName() + " threw", t);
            }
        });
    }

    private SerialRunner sendHandlers() {
        SerialRunner r = sendHandlers;
        if (r == null) {
            synchronized (this) {
                r = sendHandlers;
                if (r == null) {
                    r = new SerialRunner(executor);
                    sendHandlers = r;
                }
            }
        }
        return r;
    }

    /** Whether the SendHandler runner exists yet (tests: an idle session holds none). */
    boolean hasSendHandlerRunner() {
        return sendHandlers != null;
    }

    /** Same as {@link #runOnExecutor}: the session hands this object to its outbound queue as the executor to hand pumping off to. */
    @Override
    public void execute(Runnable task) {
        runOnExecutor(task);
    }

    void runOnExecutor(Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            // Never inline: the caller is the shared timer or a container I/O thread.
            FallbackExecutor.execute(task, e);
        }
    }
}
