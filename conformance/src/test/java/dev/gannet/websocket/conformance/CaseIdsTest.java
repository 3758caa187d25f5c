package dev.gannet.websocket.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CaseIdsTest {

    @Test
    void sortsLikeTheSuite() {
        List<String> ids = new ArrayList<>(List.of("10.1.1", "9.10.1", "9.2.1", "1.1.10", "1.1.2", "1.1", "2.10", "2.9"));

        ids.sort(CaseIds.ORDER);

        assertEquals(List.of("1.1", "1.1.2", "1.1.10", "2.9", "2.10", "9.2.1", "9.10.1", "10.1.1"), ids);
    }
}
