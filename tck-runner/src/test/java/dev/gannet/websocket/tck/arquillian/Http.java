package dev.gannet.websocket.tck.arquillian;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The plain HTTP client side of the adapter tests. */
final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {
    }

    /** GETs {@code path} relative to the deployment URL Arquillian injected. */
    static HttpResponse<String> get(URL deployment, String path) throws IOException, InterruptedException {
        URI uri = URI.create(deployment.toExternalForm()).resolve(path);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
