package org.convertalot.eval.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A minimal HTML DOM node: an element with attributes and children, or a run of text. */
final class HtmlNode {
  private String tag;
  private final Map<String, String> attributes;
  private final List<HtmlNode> children;
  private final StringBuilder text;

  private HtmlNode(String tag, Map<String, String> attributes, String text) {
    this.tag = tag;
    this.attributes = attributes;
    this.children = tag == null ? Collections.emptyList() : new ArrayList<>();
    this.text = tag == null ? new StringBuilder(text) : null;
  }

  static HtmlNode element(String tag, Map<String, String> attributes) {
    return new HtmlNode(tag, new LinkedHashMap<>(attributes), null);
  }

  static HtmlNode text(String text) {
    return new HtmlNode(null, Map.of(), text);
  }

  boolean isText() {
    return tag == null;
  }

  /** The lower-case tag name; null for text. */
  String tag() {
    return tag;
  }

  void rename(String newTag) {
    this.tag = newTag;
  }

  Map<String, String> attributes() {
    return attributes;
  }

  List<HtmlNode> children() {
    return children;
  }

  String text() {
    return text.toString();
  }

  void appendChild(HtmlNode child) {
    children.add(child);
  }

  /** Appends text, merging it with a preceding text child as DOM builders do. */
  void appendText(String data) {
    if (data.isEmpty()) {
      return;
    }
    if (!children.isEmpty() && children.get(children.size() - 1).isText()) {
      children.get(children.size() - 1).text.append(data);
    } else {
      children.add(text(data));
    }
  }
}
