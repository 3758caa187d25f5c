package dev.gannet.bench.load;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Runs one scenario against one server: connects every connection, warms up, measures for a
 * fixed time, then drains and closes. The server's CPU time is sampled at the edges of the
 * measured window, so CPU per message covers exactly the counted messages' period.
 */
final class LoadRun {

    /** What one run measured. A run with errors is invalid and must not be reported as a figure. */
    record Result(long messages, long bytes, double seconds, long p50Micros, long p99Micros,
                  double serverCpuMicrosPerMessage, long errors, String firstError) {

        double messagesPerSecond() {
            return messages / seconds;
        }

        double mebibytesPerSecond() {
            return bytes / seconds / (1024.0 * 1024.0);
        }
    }

    private LoadRun() {
    }

    /**
     * @param serverCpuNanos the server process's accumulated CPU time, or a supplier of 0 when unknown
     */
    static Result run(String host, int port, String path, Scenario scenario, Duration warmup, Duration measure,
                      LongSupplier serverCpuNanos) throws IOException, InterruptedException {
        ErrorLog errors = new ErrorLog();
        List<ConnectionDriver> drivers = new ArrayList<>();
        try {
            for (int i = 0; i < scenario.connections(); i++) {
                RawWebSocket socket = RawWebSocket.connect(host, port, path, scenario.deflate());
                drivers.add(new ConnectionDriver(socket, scenario, 31L * i + scenario.size(), errors));
            }
            for (int i = 0; i < drivers.size(); i++) {
                drivers.get(i).start(i);
            }
            Thread.sleep(warmup.toMillis());
            long messages0 = sum(drivers, false);
            long bytes0 = sum(drivers, true);
            long cpu0 = serverCpuNanos.getAsLong();
            long t0 = System.nanoTime();
            drivers.forEach(d -> d.recording(true));
            Thread.sleep(measure.toMillis());
            drivers.forEach(d -> d.recording(false));
            long t1 = System.nanoTime();
            long cpu1 = serverCpuNanos.getAsLong();
            long messages = sum(drivers, false) - messages0;
            long bytes = sum(drivers, true) - bytes0;
            Histogram histogram = new Histogram();
            drivers.forEach(ConnectionDriver::stopSending);
            for (ConnectionDriver d : drivers) {
                d.stop();
                histogram.add(d.histogram());
            }
            double seconds = (t1 - t0) / 1e9;
            double cpuPerMessage = messages == 0 ? Double.NaN : (cpu1 - cpu0) / 1000.0 / messages;
            return new Result(messages, bytes, seconds, histogram.quantile(0.50), histogram.quantile(0.99),
                    cpuPerMessage, errors.count(), errors.first());
        } finally {
            for (ConnectionDriver d : drivers) {
                d.stopQuietly();
            }
        }
    }

    private static long sum(List<ConnectionDriver> drivers, boolean bytes) {
        long total = 0;
        for (ConnectionDriver d : drivers) {
            total += bytes ? d.receivedBytes() : d.received();
        }
        return total;
    }
}
