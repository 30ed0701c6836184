package org.convertalot.eval.internal;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A port of the tokenizer the reference finds tables with: Python's {@code html.parser} as
 * BeautifulSoup drives it ({@code convert_charrefs=False}, one {@code feed} then {@code close}),
 * with BeautifulSoup's handling of character references. Markdown is not HTML, so what counts is
 * how stray {@code <} and {@code &} in ordinary text are read; the regular expressions below are
 * Python's own, with {@code \s} spelled out as Python defines it.
 */
final class PyHtmlParser {
  private static final String WS = PyText.WS_CLASS;
  private static final String NAME = "[a-zA-Z][^\\t\\n\\r\\f />\\x00]*";
  private static final String ATTR_NAME = "(?<=['\"" + WS + "/])[^" + WS + "/>][^" + WS + "/=>]*";
  private static final String ATTR_VALUE = "'[^']*'|\"[^\"]*\"|(?!['\"])[^>" + WS + "]*";
  private static final String GAP = "(?:[" + WS + "]|/(?!>))*";

  private static final Pattern STARTTAGOPEN = Pattern.compile("<[a-zA-Z]");
  private static final Pattern TAGFIND = Pattern.compile("(" + NAME + ")" + GAP);
  private static final Pattern ATTRFIND =
      Pattern.compile(
          "(" + ATTR_NAME + ")([" + WS + "]*=+[" + WS + "]*(" + ATTR_VALUE + "))?" + GAP);
  private static final Pattern LOCATESTARTTAGEND =
      Pattern.compile(
          "<"
              + NAME
              + "(?:["
              + WS
              + "/]*(?:"
              + ATTR_NAME
              + "(?:["
              + WS
              + "]*=+["
              + WS
              + "]*(?:"
              + ATTR_VALUE
              + ")["
              + WS
              + "]*)?"
              + GAP
              + ")*)?["
              + WS
              + "]*");
  private static final Pattern ENDTAGFIND =
      Pattern.compile("</[" + WS + "]*([a-zA-Z][-.a-zA-Z0-9:_]*)[" + WS + "]*>");
  private static final Pattern CHARREF =
      Pattern.compile("&#(?:[0-9]+|[xX][0-9a-fA-F]+)[^0-9a-fA-F]");
  private static final Pattern ENTITYREF = Pattern.compile("&([a-zA-Z][-.a-zA-Z0-9]*)[^a-zA-Z0-9]");
  private static final Pattern INCOMPLETE = Pattern.compile("&[a-zA-Z#]");
  private static final Pattern INTERESTING_NORMAL = Pattern.compile("[&<]");
  private static final Pattern COMMENTCLOSE = Pattern.compile("--[" + WS + "]*>");
  private static final Pattern DECLNAME = Pattern.compile("[a-zA-Z][-_.a-zA-Z0-9]*[" + WS + "]*");
  private static final Pattern MARKEDSECTIONCLOSE =
      Pattern.compile("][" + WS + "]*][" + WS + "]*>");
  private static final Pattern MSMARKEDSECTIONCLOSE = Pattern.compile("][" + WS + "]*>");

  private final HtmlEvents events;
  private String rawdata = "";
  private Pattern interesting = INTERESTING_NORMAL;
  private String cdataElem;

  private PyHtmlParser(HtmlEvents events) {
    this.events = events;
  }

  /** Tokenizes {@code markup} the way {@code BeautifulSoup(markup, "html.parser")} does. */
  static void parse(String markup, HtmlEvents events) {
    PyHtmlParser parser = new PyHtmlParser(events);
    parser.rawdata = markup;
    parser.goahead(false);
    parser.goahead(true);
  }

  private static Matcher at(Pattern p, String s, int from) {
    Matcher m = p.matcher(s);
    m.useTransparentBounds(true);
    m.region(from, s.length());
    return m;
  }

  private void goahead(boolean end) {
    String raw = rawdata;
    int i = 0;
    int n = raw.length();
    while (i < n) {
      Matcher found = at(interesting, raw, i);
      int j;
      if (found.find()) {
        j = found.start();
      } else {
        if (cdataElem != null) {
          break;
        }
        j = n;
      }
      if (i < j) {
        events.text(raw.substring(i, j));
      }
      i = j;
      if (i == n) {
        break;
      }
      if (raw.startsWith("<", i)) {
        int k;
        if (at(STARTTAGOPEN, raw, i).lookingAt()) {
          k = parseStartTag(raw, i);
        } else if (raw.startsWith("</", i)) {
          k = parseEndTag(raw, i);
        } else if (raw.startsWith("<!--", i)) {
          k = parseComment(raw, i);
        } else if (raw.startsWith("<?", i)) {
          int close = raw.indexOf('>', i + 2);
          k = close < 0 ? -1 : close + 1;
          if (k > 0) {
            events.comment();
          }
        } else if (raw.startsWith("<!", i)) {
          k = parseDeclaration(raw, i);
        } else if (i + 1 < n) {
          events.text("<");
          k = i + 1;
        } else {
          break;
        }
        if (k < 0) {
          if (!end) {
            break;
          }
          k = raw.indexOf('>', i + 1);
          if (k < 0) {
            k = raw.indexOf('<', i + 1);
            if (k < 0) {
              k = i + 1;
            }
          } else {
            k += 1;
          }
          events.text(raw.substring(i, k));
        }
        i = k;
      } else if (raw.startsWith("&#", i)) {
        Matcher m = at(CHARREF, raw, i);
        if (m.lookingAt()) {
          String name = raw.substring(i + 2, m.end() - 1);
          events.text(numericReference(name));
          int k = m.end();
          if (raw.charAt(k - 1) != ';') {
            k--;
          }
          i = k;
          continue;
        }
        if (raw.indexOf(';', i) >= 0) {
          // Python consumes "&#" and stops this pass; on the closing pass the rest becomes text.
          events.text("&#");
          i += 2;
        }
        break;
      } else if (raw.startsWith("&", i)) {
        Matcher m = at(ENTITYREF, raw, i);
        if (m.lookingAt()) {
          String name = m.group(1);
          String character = HtmlEntities.byName(name);
          events.text(character != null ? character : "&" + name);
          int k = m.end();
          if (raw.charAt(k - 1) != ';') {
            k--;
          }
          i = k;
          continue;
        }
        if (at(INCOMPLETE, raw, i).lookingAt()) {
          if (end && i + 2 == n) {
            i += 1;
          }
          break;
        } else if (i + 1 < n) {
          events.text("&");
          i += 1;
        } else {
          break;
        }
      }
    }
    if (end && i < n && cdataElem == null) {
      events.text(raw.substring(i, n));
      i = n;
    }
    rawdata = raw.substring(i);
  }

  private int parseStartTag(String raw, int i) {
    int endpos = wholeStartTagEnd(raw, i);
    if (endpos < 0) {
      return endpos;
    }
    Matcher tagMatch = at(TAGFIND, raw, i + 1);
    tagMatch.lookingAt();
    int k = tagMatch.end();
    String tag = tagMatch.group(1).toLowerCase(Locale.ROOT);
    Map<String, String> attrs = new LinkedHashMap<>();
    while (k < endpos) {
      Matcher m = at(ATTRFIND, raw, k);
      if (!m.lookingAt()) {
        break;
      }
      String name = m.group(1);
      String rest = m.group(2);
      String value = m.group(3);
      if (rest == null || rest.isEmpty()) {
        value = "";
      } else if (value.length() >= 2
          && ((value.startsWith("'") && value.endsWith("'"))
              || (value.startsWith("\"") && value.endsWith("\"")))) {
        value = value.substring(1, value.length() - 1);
      }
      // BeautifulSoup keeps the last of duplicate attributes.
      attrs.put(name.toLowerCase(Locale.ROOT), HtmlEntities.unescape(value));
      k = m.end();
    }
    String endText = PyText.strip(raw.substring(Math.min(k, endpos), endpos));
    if (!endText.equals(">") && !endText.equals("/>")) {
      events.text(raw.substring(i, endpos));
      return endpos;
    }
    if (endText.endsWith("/>")) {
      events.startTag(tag, attrs, true);
    } else {
      events.startTag(tag, attrs, false);
      if (tag.equals("script") || tag.equals("style")) {
        cdataElem = tag;
        interesting =
            Pattern.compile(
                "</[" + WS + "]*" + Pattern.quote(tag) + "[" + WS + "]*>",
                Pattern.CASE_INSENSITIVE);
      }
    }
    return endpos;
  }

  private static int wholeStartTagEnd(String raw, int i) {
    Matcher m = at(LOCATESTARTTAGEND, raw, i);
    m.lookingAt();
    int j = m.end();
    if (j >= raw.length()) {
      return -1;
    }
    char next = raw.charAt(j);
    if (next == '>') {
      return j + 1;
    }
    if (next == '/') {
      return raw.startsWith("/>", j) ? j + 2 : -1;
    }
    if ((next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z') || next == '=') {
      return -1;
    }
    return j > i ? j : i + 1;
  }

  private int parseEndTag(String raw, int i) {
    int gt = raw.indexOf('>', i + 1);
    if (gt < 0) {
      return -1;
    }
    int gtpos = gt + 1;
    Matcher match = at(ENDTAGFIND, raw, i);
    if (!match.lookingAt()) {
      if (cdataElem != null) {
        events.text(raw.substring(i, gtpos));
        return gtpos;
      }
      Matcher name = at(TAGFIND, raw, i + 2);
      if (!name.lookingAt()) {
        if (raw.startsWith("</>", i)) {
          return i + 3;
        }
        return parseBogusComment(raw, i);
      }
      events.endTag(name.group(1).toLowerCase(Locale.ROOT));
      return raw.indexOf('>', name.end()) + 1;
    }
    String elem = match.group(1).toLowerCase(Locale.ROOT);
    if (cdataElem != null && !elem.equals(cdataElem)) {
      events.text(raw.substring(i, gtpos));
      return gtpos;
    }
    events.endTag(elem);
    cdataElem = null;
    interesting = INTERESTING_NORMAL;
    return gtpos;
  }

  private int parseComment(String raw, int i) {
    Matcher m = at(COMMENTCLOSE, raw, i + 4);
    if (!m.find()) {
      return -1;
    }
    events.comment();
    return m.end();
  }

  private int parseDeclaration(String raw, int i) {
    if (raw.startsWith("<![", i)) {
      Matcher name = at(DECLNAME, raw, i + 3);
      if (!name.lookingAt() || name.end() == raw.length()) {
        return -1;
      }
      String section = PyText.strip(name.group()).toLowerCase(Locale.ROOT);
      Pattern close =
          switch (section) {
            case "if", "else", "endif" -> MSMARKEDSECTIONCLOSE;
            default -> MARKEDSECTIONCLOSE;
          };
      Matcher m = at(close, raw, i + 3);
      if (!m.find()) {
        return -1;
      }
      events.comment();
      return m.end();
    }
    if (raw.regionMatches(true, i, "<!doctype", 0, 9)) {
      int gt = raw.indexOf('>', i + 9);
      if (gt < 0) {
        return -1;
      }
      events.doctype();
      return gt + 1;
    }
    return parseBogusComment(raw, i);
  }

  private int parseBogusComment(String raw, int i) {
    int gt = raw.indexOf('>', i + 2);
    if (gt < 0) {
      return -1;
    }
    events.comment();
    return gt + 1;
  }

  /** BeautifulSoup's reading of {@code &#NNN;} (HTML5's numeric character reference rules). */
  private static String numericReference(String name) {
    boolean hex = name.startsWith("x") || name.startsWith("X");
    BigInteger value = new BigInteger(hex ? name.substring(1) : name, hex ? 16 : 10);
    if (value.signum() == 0 || value.bitLength() > 21) {
      return "\uFFFD";
    }
    int cp = value.intValue();
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      return "\uFFFD";
    }
    String windows1252 = HtmlEntities.windows1252(cp);
    if (windows1252 != null) {
      return windows1252;
    }
    return new String(Character.toChars(cp));
  }
}
