package dev.powermon.macos;

import java.io.StringReader;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * An XML parser for text from a child process: no external entities or DTDs are fetched, entity
 * expansion is bounded by the JDK's secure processing limits, and errors are thrown instead of
 * printed to stderr.
 */
final class SecureXml {
  private SecureXml() {}

  static DocumentBuilder documentBuilder() {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://xml.org/sax/features/external-general-entities", false);
      f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      f.setXIncludeAware(false);
      f.setExpandEntityReferences(false);
      f.setIgnoringComments(true);
      f.setCoalescing(true);
      DocumentBuilder b = f.newDocumentBuilder();
      // The DTD named in every powermetrics document is never fetched.
      b.setEntityResolver((publicId, systemId) -> new InputSource(new StringReader("")));
      b.setErrorHandler(SILENT); // the default handler prints "[Fatal Error]" to stderr
      return b;
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK's XML parser lacks a standard feature", e);
    }
  }

  private static final ErrorHandler SILENT =
      new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {}

        @Override
        public void error(SAXParseException e) throws SAXException {
          throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
          throw e;
        }
      };
}
