package org.convertalot.core.store.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.convertalot.api.Acceleration;
import org.convertalot.api.ArtifactManifest;
import org.convertalot.api.Device;
import org.convertalot.api.ErrorInfo;
import org.convertalot.api.JobId;
import org.convertalot.api.JobSnapshot;
import org.convertalot.api.JobState;
import org.convertalot.api.Limits;
import org.convertalot.api.PageSelection;
import org.convertalot.api.Policy;
import org.convertalot.api.Progress;
import org.convertalot.api.SourceRef;
import org.convertalot.api.Warning;
import org.convertalot.api.WorkerIdentity;
import org.convertalot.api.error.ErrorCode;
import org.junit.jupiter.api.Test;

/**
 * The stored form is a compatibility promise: existing data roots must read back, and what is
 * written now must be byte for byte what earlier versions wrote. The expected strings were taken
 * from the codec before it moved into this package.
 */
class JobCodecTest {
  private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
  private static final SourceRef SOURCE =
      new SourceRef(
          "/in/a.pdf",
          "a.pdf",
          "ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb",
          100);
  private static final String RUN = "11111111-2222-3333-4444-555555555555";

  /** As written before manifests recorded the device: every such run was on the CPU. */
  private static final String SUCCEEDED_JSON_BEFORE_DEVICES =
      "{\"format\":1,\"id\":\"01kdvdna0069t314j3afch8xq3\",\"sequence\":7,\"state\":\"SU"
          + "CCEEDED\",\"attempt\":2,\"max_attempts\":4,\"run_id\":\"11111111-2222-3333-444"
          + "4-555555555555\",\"owner\":{\"host\":\"host\",\"pid\":99,\"instance\":\"inst\"},\"cr"
          + "eated_at\":\"2026-01-01T00:00:00Z\",\"updated_at\":\"2026-01-01T00:00:10Z\",\""
          + "started_at\":\"2026-01-01T00:00:01Z\",\"heartbeat_at\":\"2026-01-01T00:00:08"
          + "Z\",\"finished_at\":\"2026-01-01T00:00:10Z\",\"source\":{\"path\":\"/in/a.pdf\",\""
          + "name\":\"a.pdf\",\"sha256\":\"ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e"
          + "72b9807785afee48bb\",\"size\":100},\"policy\":\"gpu_prefer\",\"engine_hint\":\"p"
          + "dfbox\",\"options\":{\"lang\":\"eng\",\"ocr\":\"on\"},\"limits\":{\"max_bytes\":1000,"
          + "\"max_pages\":20,\"deadline_ms\":90000},\"cancel_requested\":true,\"error\":{\""
          + "code\":\"stalled\",\"message\":\"no heartbeat\",\"details\":{\"run_id\":\"x\"},\"ret"
          + "ryable\":true},\"manifest\":{\"format_version\":1,\"job_id\":\"01kdvdna0069t31"
          + "4j3afch8xq3\",\"run_id\":\"11111111-2222-3333-4444-555555555555\",\"attempt\""
          + ":2,\"sha256\":\"ababababababababababababababababababababababababababababa"
          + "bababab\",\"size\":42,\"engine_id\":\"pdfbox\",\"engine_version\":\"1.2\",\"accele"
          + "ration_used\":\"cpu\",\"fallback_reason\":\"no gpu\",\"pages\":3,\"source\":{\"pat"
          + "h\":\"/in/a.pdf\",\"name\":\"a.pdf\",\"sha256\":\"ca978112ca1bbdcafac231b39a23dc"
          + "4da786eff8147c4e72b9807785afee48bb\",\"size\":100},\"created_at\":\"2026-01-"
          + "01T00:00:09Z\"},\"phase_timings_ms\":{\"open\":12,\"extract\":345},\"progress\""
          + ":{\"pages_done\":2,\"pages_total\":3,\"phase\":\"extract\",\"updated_at\":\"2026-"
          + "01-01T00:00:07Z\"}}";

  /** Today's form: the same, with the device next to {@code acceleration_used}. */
  private static final String SUCCEEDED_JSON =
      SUCCEEDED_JSON_BEFORE_DEVICES.replace(
          "\"acceleration_used\":\"cpu\",",
          "\"acceleration_used\":\"cpu\",\"device\":{\"id\":\"cpu\",\"name\":\"cpu\"},");

  private static final String QUEUED_JSON =
      "{\"format\":1,\"id\":\"01kdvdna00wszv7xzgn06jr6ah\",\"sequence\":1,\"state\":\"QU"
          + "EUED\",\"attempt\":0,\"max_attempts\":3,\"created_at\":\"2026-01-01T00:00:00Z\""
          + ",\"updated_at\":\"2026-01-01T00:00:00Z\",\"not_before\":\"2026-01-01T00:00:02"
          + "Z\",\"source\":{\"path\":\"/in/a.pdf\",\"name\":\"a.pdf\",\"sha256\":\"ca978112ca1bb"
          + "dcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb\",\"size\":100},\"poli"
          + "cy\":\"cpu_only\",\"options\":{},\"limits\":{\"max_bytes\":536870912,\"max_pages"
          + "\":5000,\"deadline_ms\":1800000},\"cancel_requested\":false,\"phase_timings_"
          + "ms\":{}}";

  private final JobCodec codec = new JobCodec();

  private static ArtifactManifest manifest(JobId id) {
    return new ArtifactManifest(
        id,
        RUN,
        2,
        "ab".repeat(32),
        42,
        "pdfbox",
        "1.2",
        Acceleration.CPU,
        Device.CPU,
        "no gpu",
        3,
        SOURCE,
        T.plusSeconds(9),
        1);
  }

  private static JobSnapshot succeeded() {
    JobId id = JobId.of("01kdvdna0069t314j3afch8xq3");
    Map<String, Duration> timings = new LinkedHashMap<>();
    timings.put("open", Duration.ofMillis(12));
    timings.put("extract", Duration.ofMillis(345));
    return JobSnapshot.builder(id, 7, SOURCE, Policy.GPU_PREFER, T)
        .state(JobState.SUCCEEDED)
        .attempt(2)
        .maxAttempts(4)
        .runId(RUN)
        .owner(new WorkerIdentity("host", 99, "inst"))
        .updatedAt(T.plusSeconds(10))
        .startedAt(T.plusSeconds(1))
        .heartbeatAt(T.plusSeconds(8))
        .finishedAt(T.plusSeconds(10))
        .engineHint("pdfbox")
        .options(Map.of("ocr", "on", "lang", "eng"))
        .limits(new Limits(1000, 20, Duration.ofSeconds(90)))
        .cancelRequested(true)
        .error(new ErrorInfo(ErrorCode.STALLED, "no heartbeat", Map.of("run_id", "x"), true))
        .manifest(manifest(id))
        .phaseTimings(timings)
        .progress(new Progress(2, 3, "extract", T.plusSeconds(7)))
        .build();
  }

  private static JobSnapshot queued() {
    return JobSnapshot.builder(
            JobId.of("01kdvdna00wszv7xzgn06jr6ah"), 1, SOURCE, Policy.CPU_ONLY, T)
        .notBefore(T.plusSeconds(2))
        .build();
  }

  @Test
  void writesTheStoredFormatByteForByte() {
    assertEquals(SUCCEEDED_JSON, new String(codec.write(succeeded()), StandardCharsets.UTF_8));
    assertEquals(SUCCEEDED_JSON, codec.writeString(succeeded()));
    assertEquals(QUEUED_JSON, codec.writeString(queued()));
  }

  @Test
  void readsTheStoredFormatBack() throws IOException {
    assertEquals(succeeded(), codec.read(SUCCEEDED_JSON.getBytes(StandardCharsets.UTF_8)));
    assertEquals(succeeded(), codec.readString(SUCCEEDED_JSON));
    assertEquals(queued(), codec.readString(QUEUED_JSON));
    assertEquals(succeeded(), codec.readString(SUCCEEDED_JSON_BEFORE_DEVICES));
  }

  @Test
  void manifestsRoundTripInTheFormRecordsEmbed() throws IOException {
    ArtifactManifest m = manifest(JobId.of("01kdvdna0069t314j3afch8xq3"));
    String embedded =
        SUCCEEDED_JSON.substring(
            SUCCEEDED_JSON.indexOf("\"manifest\":") + "\"manifest\":".length(),
            SUCCEEDED_JSON.indexOf(",\"phase_timings_ms\""));
    assertEquals(embedded, codec.writeManifestString(m));
    assertEquals(m, codec.readManifestString(embedded));
    assertEquals(m, codec.readManifest(codec.writeManifest(m)));
  }

  @Test
  void warningsAreStoredInTheManifestAndRecordsWithoutThemStillLoad() throws IOException {
    JobSnapshot plain = succeeded();
    ArtifactManifest m = plain.manifest();
    Warning garbled =
        new Warning(Warning.GARBLED_TEXT_LAYER, "pages 2, 3 are unreadable", List.of(2, 3));
    ArtifactManifest warned =
        new ArtifactManifest(
            m.jobId(),
            m.runId(),
            m.attempt(),
            m.sha256(),
            m.size(),
            m.engineId(),
            m.engineVersion(),
            m.accelerationUsed(),
            m.device(),
            m.fallbackReason(),
            m.pages(),
            m.source(),
            m.createdAt(),
            m.formatVersion(),
            List.of(garbled));
    JobSnapshot job = plain.toBuilder().manifest(warned).build();
    String json = codec.writeString(job);
    assertEquals(
        SUCCEEDED_JSON.replace(
            "\"created_at\":\"2026-01-01T00:00:09Z\"}",
            "\"created_at\":\"2026-01-01T00:00:09Z\",\"warnings\":[{\"code\":\"garbled_text_layer\","
                + "\"message\":\"pages 2, 3 are unreadable\",\"pages\":[2,3]}]}"),
        json);
    assertEquals(job, codec.readString(json));
    assertEquals(List.of(garbled), codec.readString(json).warnings());
    assertEquals(List.of(), codec.readString(SUCCEEDED_JSON).warnings());
    assertEquals(List.of(), codec.readString(SUCCEEDED_JSON_BEFORE_DEVICES).warnings());
  }

  @Test
  void aPageSelectionIsStoredOnlyWhenThereIsOne() throws IOException {
    JobSnapshot plain = succeeded();
    JobSnapshot some = plain.toBuilder().pages(PageSelection.parse("2,4-")).build();

    String json = codec.writeString(some);

    assertEquals(
        SUCCEEDED_JSON.replace("\"cancel_requested\"", "\"pages\":\"2,4-\",\"cancel_requested\""),
        json);
    assertEquals(some, codec.readString(json));
    assertEquals(PageSelection.ALL, codec.readString(SUCCEEDED_JSON).pages());
  }

  @Test
  void foreignOrBrokenRecordsAreIoErrors() {
    for (String bad :
        new String[] {
          "[]", "{\"format\":2}", "{\"format\":1,\"id\":\"x\"}", "not json", "",
        }) {
      assertThrows(IOException.class, () -> codec.readString(bad), bad);
    }
    assertThrows(IOException.class, () -> codec.readManifestString("{\"job_id\":1}"));
  }
}
