package dev.gannet.websocket.tck.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** Reads every {@code TEST-*.xml} of a surefire/failsafe reports folder into test case results. */
final class ReportReader {

    private final DocumentBuilder parser;

    ReportReader() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        // Reports are local files, but there is no reason to let a parser fetch anything.
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        parser = factory.newDocumentBuilder();
    }

    List<TestCaseResult> read(Path reportsFolder) throws IOException, SAXException {
        List<TestCaseResult> results = new ArrayList<>();
        if (!Files.isDirectory(reportsFolder)) {
            return results;
        }
        try (DirectoryStream<Path> reports = Files.newDirectoryStream(reportsFolder, "TEST-*.xml")) {
            for (Path report : reports) {
                try (InputStream in = Files.newInputStream(report)) {
                    collect(parser.parse(in).getDocumentElement(), results);
                }
            }
        }
        return results;
    }

    private static void collect(Element suite, List<TestCaseResult> results) {
        NodeList cases = suite.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            Element testCase = (Element) cases.item(i);
            String className = testCase.getAttribute("classname");
            if (className.isEmpty()) {
                className = suite.getAttribute("name");
            }
            results.add(new TestCaseResult(className, testCase.getAttribute("name"), outcome(testCase),
                    message(testCase)));
        }
    }

    private static Outcome outcome(Element testCase) {
        if (child(testCase, "error") != null) {
            return Outcome.ERRORED;
        }
        if (child(testCase, "failure") != null) {
            return Outcome.FAILED;
        }
        if (child(testCase, "skipped") != null) {
            return Outcome.SKIPPED;
        }
        return Outcome.PASSED;
    }

    private static String message(Element testCase) {
        for (String tag : new String[] {"error", "failure", "skipped"}) {
            Element element = child(testCase, tag);
            if (element != null) {
                String message = element.getAttribute("message");
                return message.isEmpty() ? element.getAttribute("type") : message;
            }
        }
        return "";
    }

    private static Element child(Element parent, String tag) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(tag)) {
                return element;
            }
        }
        return null;
    }
}
