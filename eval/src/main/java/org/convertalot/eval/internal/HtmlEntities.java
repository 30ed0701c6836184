package org.convertalot.eval.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Python's {@code html.unescape}: numeric references with the HTML5 replacements for invalid code
 * points, and the 2,231 HTML5 named references, legacy names also without their semicolon and
 * matched by longest prefix ({@code &copyx} reads as {@code ©x}). The reference evaluator decodes
 * table cells with it (twice for pipe tables: once by its HTML parser, once before comparing), so a
 * cell holding {@code &amp;amp;} must score as {@code &}.
 */
final class HtmlEntities {
  private static final Pattern CHARREF =
      Pattern.compile("&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\\t\\n\\f <&#;]{1,32};?)");

  private static final Map<String, String> NAMED = load();

  /** Numeric references the standard maps to other characters (mostly windows-1252). */
  private static final Map<Integer, String> INVALID_CHARREFS = invalidCharrefs();

  private HtmlEntities() {}

  /** Decodes every character reference of {@code s} as Python's {@code html.unescape} does. */
  static String unescape(String s) {
    if (s.indexOf('&') < 0) {
      return s;
    }
    Matcher m = CHARREF.matcher(s);
    StringBuilder out = new StringBuilder(s.length());
    int last = 0;
    while (m.find()) {
      out.append(s, last, m.start()).append(replace(m.group(1)));
      last = m.end();
    }
    return out.append(s, last, s.length()).toString();
  }

  /**
   * BeautifulSoup's reading of {@code &name;}: the character of an HTML5 name given without its
   * semicolon, or null for an unknown name.
   */
  static String byName(String name) {
    String value = NAMED.get(name + ";");
    return value != null ? value : NAMED.get(name);
  }

  /** The windows-1252 character HTML5 reads {@code &#128;}..{@code &#159;} as, else null. */
  static String windows1252(int cp) {
    if (cp < 0x80 || cp > 0x9F) {
      return null;
    }
    return INVALID_CHARREFS.get(cp);
  }

  private static String replace(String ref) {
    if (ref.charAt(0) == '#') {
      boolean hex = ref.charAt(1) == 'x' || ref.charAt(1) == 'X';
      String digits = ref.substring(hex ? 2 : 1);
      if (digits.endsWith(";")) {
        digits = digits.substring(0, digits.length() - 1);
      }
      return numeric(new BigInteger(digits, hex ? 16 : 10));
    }
    String whole = NAMED.get(ref);
    if (whole != null) {
      return whole;
    }
    // Longest known prefix of at least two characters, as the standard defines it.
    int[] cps = ref.codePoints().toArray();
    for (int x = cps.length - 1; x > 1; x--) {
      String prefix = new String(cps, 0, x);
      String value = NAMED.get(prefix);
      if (value != null) {
        return value + ref.substring(prefix.length());
      }
    }
    return "&" + ref;
  }

  private static String numeric(BigInteger number) {
    if (number.bitLength() > 31) {
      return "\uFFFD";
    }
    int cp = number.intValue();
    String mapped = INVALID_CHARREFS.get(cp);
    if (mapped != null) {
      return mapped;
    }
    if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
      return "\uFFFD";
    }
    if (isInvalidCodePoint(cp)) {
      return "";
    }
    return new String(Character.toChars(cp));
  }

  private static boolean isInvalidCodePoint(int cp) {
    return (cp >= 0x1 && cp <= 0x8)
        || cp == 0xB
        || (cp >= 0xE && cp <= 0x1F)
        || (cp >= 0x7F && cp <= 0x9F)
        || (cp >= 0xFDD0 && cp <= 0xFDEF)
        || (cp & 0xFFFE) == 0xFFFE;
  }

  private static Map<Integer, String> invalidCharrefs() {
    int[] from = {
      0x00, 0x0D, 0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8A, 0x8B, 0x8C,
      0x8D, 0x8E, 0x8F, 0x90, 0x91, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9A, 0x9B,
      0x9C, 0x9D, 0x9E, 0x9F
    };
    int[] to = {
      0xFFFD, 0x0D, 0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030,
      0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
      0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178
    };
    Map<Integer, String> map = new HashMap<>();
    for (int i = 0; i < from.length; i++) {
      map.put(from[i], String.valueOf((char) to[i]));
    }
    return map;
  }

  private static Map<String, String> load() {
    Map<String, String> map = new HashMap<>(4096);
    try (InputStream in = HtmlEntities.class.getResourceAsStream("html5-entities.txt")) {
      if (in == null) {
        throw new IllegalStateException("html5-entities.txt is missing from the jar");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        int tab = line.indexOf('\t');
        StringBuilder value = new StringBuilder();
        for (String hex : line.substring(tab + 1).split(" ")) {
          value.appendCodePoint(Integer.parseInt(hex, 16));
        }
        map.put(line.substring(0, tab), value.toString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return map;
  }
}
