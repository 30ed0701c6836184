package org.convertalot.server.internal;

import java.io.IOException;
import java.io.InputStream;
import org.convertalot.api.ConversionRequest;
import org.convertalot.core.store.spi.Hashing;
import org.eclipse.jetty.http.MultiPart;
import org.eclipse.jetty.http.MultiPartFormData;
import org.eclipse.jetty.io.Content;

/**
 * What a {@code POST /v1/jobs} asks for, read and checked but not submitted. An upload's request
 * reads the form's {@code file} part as a stream, which the runtime copies into its own folder at
 * submit; the parts (which Jetty may have spooled into the uploads folder) stay open until {@link
 * #close()}, which deletes them, so nothing of an upload outlives its request on the server's side.
 */
final class Submission implements AutoCloseable {
  private final ConversionRequest request;
  private final MultiPart.Part file;
  private final InputStream stream;
  private final MultiPartFormData.Parts parts;

  private Submission(
      ConversionRequest request,
      MultiPart.Part file,
      InputStream stream,
      MultiPartFormData.Parts parts) {
    this.request = request;
    this.file = file;
    this.stream = stream;
    this.parts = parts;
  }

  /** A JSON submit: the request names a file under the source root. */
  static Submission reference(ConversionRequest request) {
    return new Submission(request, null, null, null);
  }

  /**
   * An upload: {@code request} was built on {@code stream}, which reads {@code file}; {@code parts}
   * holds them both and is closed with this submission.
   */
  static Submission upload(
      ConversionRequest request,
      MultiPart.Part file,
      InputStream stream,
      MultiPartFormData.Parts parts) {
    return new Submission(request, file, stream, parts);
  }

  /** The request to submit; an upload's can be submitted once (its stream is read once). */
  ConversionRequest request() {
    return request;
  }

  /**
   * The SHA-256 of the bytes to convert, read again for this only: a repeated idempotency key is
   * compared with its job without submitting (so without the copy that would hash them).
   */
  String sha256() throws IOException {
    if (file == null) {
      return Hashing.hashFile(request.source()).sha256();
    }
    // A fresh source over the part each time: the request's own stream stays unread.
    try (InputStream in = Content.Source.asInputStream(file.createContentSource())) {
      return Hashing.hash(in).sha256();
    }
  }

  /** Deletes what Jetty spooled of the upload; the runtime holds its own copy by now. */
  @Override
  public void close() {
    if (parts != null) {
      release(stream, parts);
    }
  }

  /** Closes an upload's stream (when there is one yet) and its parts, deleting spooled files. */
  static void release(InputStream stream, MultiPartFormData.Parts parts) {
    if (stream != null) {
      try {
        stream.close();
      } catch (IOException e) {
        // It only holds the part's buffers or file handle, which closing the parts releases too.
      }
    }
    parts.close();
  }
}
