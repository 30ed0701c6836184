package org.convertalot.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;
import org.convertalot.api.ConversionRequest;
import org.convertalot.api.JobSnapshot;
import org.convertalot.api.PageSelection;
import org.convertalot.api.Policy;
import org.convertalot.api.error.InvalidRequestException;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.MultiPart;
import org.eclipse.jetty.http.MultiPartConfig;
import org.eclipse.jetty.http.MultiPartFormData;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * Reads what {@code POST /v1/jobs} asks for: a multipart upload (the PDF in {@code file}, then
 * {@code policy}, {@code engine}, {@code option} and {@code pages} fields), or a JSON reference to
 * a file under the server's source root ({@code {"path", "policy", "engine", "options", "pages"}}).
 * The request's fields are checked in one place for both.
 */
final class SubmissionReader {

  /** The largest JSON body taken: a reference is a path and a few options. */
  static final int MAX_JSON_BYTES = 64 * 1024;

  /** The most of a refused upload read after the refusal, so that its client sees the answer. */
  static final long DRAIN_BYTES = 16L * 1024 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The name a source goes by when the client gave none, or one that cannot be a file name. */
  static final String FALLBACK_NAME = "upload.pdf";

  private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

  private final PartSpool spool;
  private final long maxUploadBytes;
  private final SourceRoot sources;

  SubmissionReader(PartSpool spool, long maxUploadBytes, SourceRoot sources) {
    this.spool = spool;
    this.maxUploadBytes = maxUploadBytes;
    this.sources = sources;
  }

  /** The submission; the caller closes it once it is submitted (or not needed). */
  Submission read(Request request) {
    String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
    String lower = type == null ? "" : type.toLowerCase(Locale.ROOT);
    if (lower.startsWith("multipart/form-data")) {
      return form(request, type);
    }
    if (lower.startsWith("application/json")) {
      return reference(request);
    }
    throw ApiHandler.invalid(
        "a job is submitted as multipart/form-data with the PDF in the field 'file', or as JSON"
            + " naming a file under the server's source root",
        Map.of("content_type", String.valueOf(type)));
  }

  private Submission form(Request request, String type) {
    MultiPartConfig config =
        new MultiPartConfig.Builder()
            .location(spool.folder())
            .maxPartSize(maxUploadBytes)
            .maxSize(maxUploadBytes + 64 * 1024)
            .maxParts(64)
            .build();
    MultiPartFormData.Parts parts;
    try {
      parts = MultiPartFormData.getParts(request, request, type, config);
    } catch (CompletionException e) {
      throw unreadableForm(request, e.getCause() == null ? e : e.getCause());
    } catch (IllegalStateException | HttpException.RuntimeException e) {
      throw unreadableForm(request, e);
    }
    InputStream stream = null;
    try {
      MultiPart.Part file = parts.getFirst("file");
      if (file == null) {
        throw ApiHandler.invalid("the form has no field 'file'", Map.of());
      }
      List<String> options = new ArrayList<>();
      for (MultiPart.Part option : parts.getAll("option")) {
        options.add(text(option));
      }
      stream = Content.Source.asInputStream(file.createContentSource());
      ConversionRequest.Builder builder = uploadBuilder(stream, file.getFileName());
      fields(
          builder,
          text(parts.getFirst("policy")),
          text(parts.getFirst("engine")),
          options,
          text(parts.getFirst("pages")));
      return Submission.upload(builder.build(), file, stream, parts);
    } catch (RuntimeException e) {
      // Refused before any submit: the spooled part goes with the request.
      Submission.release(stream, parts);
      throw e;
    }
  }

  /**
   * A request on the upload's stream, under the client's file name: its last segment (old browsers
   * send the whole path), without control characters; {@link #FALLBACK_NAME} when nothing valid is
   * left, as the request itself judges names.
   */
  private static ConversionRequest.Builder uploadBuilder(InputStream stream, String fileName) {
    if (fileName != null) {
      int slash = Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\'));
      String name = CONTROL.matcher(fileName.substring(slash + 1)).replaceAll("").strip();
      try {
        return ConversionRequest.builder(stream, name);
      } catch (InvalidRequestException e) {
        // Blank, "..", too long: the job is still the client's, under the fallback name.
      }
    }
    return ConversionRequest.builder(stream, FALLBACK_NAME);
  }

  private Submission reference(Request request) {
    JsonNode body;
    try (InputStream in = Content.Source.asInputStream(request)) {
      byte[] bytes = in.readNBytes(MAX_JSON_BYTES + 1);
      if (bytes.length > MAX_JSON_BYTES) {
        throw new HttpFailure(
            ErrorStatus.TOO_LARGE,
            "a JSON submit is at most " + MAX_JSON_BYTES + " bytes",
            Map.of("max_bytes", Integer.toString(MAX_JSON_BYTES)));
      }
      body = JSON.readTree(bytes);
    } catch (IOException e) {
      throw ApiHandler.invalid("the JSON body is malformed: " + e.getMessage(), Map.of());
    }
    if (body == null || !body.isObject() || !body.path("path").isTextual()) {
      throw ApiHandler.invalid("a JSON submit is an object with a string field 'path'", Map.of());
    }
    Path source = sources.resolve(body.get("path").asText());
    List<String> options = new ArrayList<>();
    JsonNode given = body.path("options");
    if (!given.isMissingNode() && !given.isObject()) {
      throw ApiHandler.invalid("'options' is an object of strings", Map.of());
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = given.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> option = it.next();
      options.add(option.getKey() + "=" + option.getValue().asText());
    }
    ConversionRequest.Builder builder = ConversionRequest.builder(source);
    fields(
        builder,
        textField(body, "policy"),
        textField(body, "engine"),
        options,
        textField(body, "pages"));
    return Submission.reference(builder.build());
  }

  /**
   * Whether a submit asks for what {@code job} is: the same bytes (hashed again only here, when an
   * idempotency key is repeated), policy, engine, options and pages.
   */
  static boolean sameRequest(JobSnapshot job, Submission submission) {
    ConversionRequest request = submission.request();
    if (job.policy() != request.policy()
        || !Objects.equals(job.engineHint(), request.engineHint())
        || !job.options().equals(request.options())
        || !job.pages().equals(request.pages())) {
      return false;
    }
    try {
      return submission.sha256().equals(job.source().sha256());
    } catch (IOException e) {
      return false;
    }
  }

  /** The request fields both forms of submit have, checked once. */
  private static void fields(
      ConversionRequest.Builder builder,
      String policy,
      String engine,
      List<String> options,
      String pages) {
    if (pages != null) {
      builder.pages(PageSelection.parse(pages));
    }
    if (policy != null) {
      builder.policy(
          Policy.fromCode(policy)
              .orElseThrow(
                  () -> ApiHandler.invalid("unknown policy: " + policy, Map.of("policy", policy))));
    }
    if (engine != null) {
      builder.engine(engine);
    }
    for (String option : options) {
      int eq = option.indexOf('=');
      if (eq <= 0) {
        throw ApiHandler.invalid("an option is KEY=VALUE: " + option, Map.of("option", option));
      }
      builder.option(option.substring(0, eq), option.substring(eq + 1));
    }
  }

  private static String text(MultiPart.Part part) {
    return part == null ? null : part.getContentAsString(StandardCharsets.UTF_8).strip();
  }

  private static String textField(JsonNode body, String name) {
    JsonNode value = body.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw ApiHandler.invalid("'" + name + "' is a string", Map.of("field", name));
    }
    return value.asText();
  }

  /**
   * Reads and drops what is left of a refused upload, up to {@link #DRAIN_BYTES}: a client still
   * sending when the connection closes may lose the answer that says why.
   */
  private static void drain(Request request) {
    try (InputStream in = Content.Source.asInputStream(request)) {
      long left = DRAIN_BYTES;
      byte[] buffer = new byte[64 * 1024];
      for (int n; left > 0 && (n = in.read(buffer)) >= 0; ) {
        left -= n;
      }
    } catch (IOException | RuntimeException e) {
      // The connection is closed after the answer anyway.
    }
  }

  /** The failure for a form that cannot be read: too large (413), or malformed. */
  private RuntimeException unreadableForm(Request request, Throwable cause) {
    boolean tooLarge =
        (cause instanceof HttpException && ((HttpException) cause).getCode() == 413)
            || String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT).contains("exceed");
    if (!tooLarge) {
      return ApiHandler.invalid("the form could not be read: " + cause.getMessage(), Map.of());
    }
    drain(request);
    return new HttpFailure(
        ErrorStatus.TOO_LARGE,
        "the upload is larger than this server takes (" + maxUploadBytes + " bytes)",
        Map.of("max_bytes", Long.toString(maxUploadBytes)));
  }
}
