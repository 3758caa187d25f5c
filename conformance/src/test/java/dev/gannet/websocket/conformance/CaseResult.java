package dev.gannet.websocket.conformance;

/**
 * One Autobahn case as index.json records it.
 *
 * @param id the case id, such as {@code 6.4.1}
 * @param behavior the verdict on the messages exchanged: OK, NON-STRICT, INFORMATIONAL,
 *     UNIMPLEMENTED, FAILED (older suites also write WRONG CODE, UNCLEAN, FAILED BY CLIENT here)
 * @param behaviorClose the verdict on the closing handshake: OK, INFORMATIONAL, WRONG CODE,
 *     UNCLEAN, FAILED BY CLIENT, FAILED
 * @param durationMillis wall time of the case as the client measured it
 * @param remoteCloseCode the close code the server sent, or {@code null} if none
 * @param reportFile the per-case JSON report, relative to index.json
 */
public record CaseResult(String id, String behavior, String behaviorClose, long durationMillis,
        Integer remoteCloseCode, String reportFile) {

    /** The first dotted component, e.g. {@code 9} for {@code 9.3.1}. */
    public String section() {
        int dot = id.indexOf('.');
        return dot < 0 ? id : id.substring(0, dot);
    }

    /** The first two dotted components, e.g. {@code 9.3} for {@code 9.3.1}. */
    public String subsection() {
        int first = id.indexOf('.');
        int second = first < 0 ? -1 : id.indexOf('.', first + 1);
        return second < 0 ? id : id.substring(0, second);
    }
}
