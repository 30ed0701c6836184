package org.convertalot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * The JSON the CLI builds itself (summaries of convert and submit, the bench report), indented like
 * core's.
 */
final class JsonOutput {
  private static final ObjectMapper PRETTY =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonOutput() {}

  static ObjectNode object() {
    return PRETTY.createObjectNode();
  }

  static ArrayNode array() {
    return PRETTY.createArrayNode();
  }

  /** Reads JSON text that this process wrote (an eval report, for one): keys keep their order. */
  static JsonNode parse(String json) {
    try {
      return PRETTY.readTree(json);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read JSON", e);
    }
  }

  static String write(ObjectNode node) {
    try {
      return PRETTY.writeValueAsString(node);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }
}
