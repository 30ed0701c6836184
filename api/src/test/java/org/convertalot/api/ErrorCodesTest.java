package org.convertalot.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.convertalot.api.error.BackendFailedException;
import org.convertalot.api.error.BackendUnavailableException;
import org.convertalot.api.error.CanceledException;
import org.convertalot.api.error.ConfigurationException;
import org.convertalot.api.error.ConversionException;
import org.convertalot.api.error.ConversionTimeoutException;
import org.convertalot.api.error.DataRootConflictException;
import org.convertalot.api.error.ErrorCode;
import org.convertalot.api.error.GpuNotAvailableException;
import org.convertalot.api.error.IntegrityViolationException;
import org.convertalot.api.error.InvalidInputException;
import org.convertalot.api.error.InvalidInputReason;
import org.convertalot.api.error.InvalidRequestException;
import org.convertalot.api.error.JobNotFoundException;
import org.convertalot.api.error.LeaseLostException;
import org.convertalot.api.error.StalledException;
import org.convertalot.api.error.StoreUnavailableException;
import org.convertalot.api.error.TerminalStateConflictException;
import org.junit.jupiter.api.Test;

/** The public vocabulary matches the contract, and stored errors come back as the right type. */
class ErrorCodesTest {

  @Test
  void theCodesAreExactlyTheContractsCodes() {
    List<String> contract =
        List.of(
            "invalid_request",
            "invalid_input",
            "gpu_not_available",
            "backend_unavailable",
            "backend_failed",
            "timeout",
            "stalled",
            "canceled",
            "job_not_found",
            "lease_lost",
            "terminal_state_conflict",
            "integrity_violation",
            "data_root_conflict",
            "store_unavailable",
            "configuration_error");
    assertEquals(
        contract,
        Arrays.stream(ErrorCode.values()).map(ErrorCode::code).collect(Collectors.toList()));
    assertEquals(
        List.of("not_a_pdf", "empty", "encrypted", "corrupt", "too_large", "too_many_pages"),
        Arrays.stream(InvalidInputReason.values())
            .map(InvalidInputReason::code)
            .collect(Collectors.toList()));
    assertEquals(
        List.of("cpu_only", "gpu_prefer", "gpu_required"),
        Arrays.stream(Policy.values()).map(Policy::code).collect(Collectors.toList()));
  }

  @Test
  void everyStoredCodeComesBackAsItsOwnType() {
    Map<ErrorCode, Class<?>> types =
        Map.ofEntries(
            Map.entry(ErrorCode.INVALID_REQUEST, InvalidRequestException.class),
            Map.entry(ErrorCode.INVALID_INPUT, InvalidInputException.class),
            Map.entry(ErrorCode.GPU_NOT_AVAILABLE, GpuNotAvailableException.class),
            Map.entry(ErrorCode.BACKEND_UNAVAILABLE, BackendUnavailableException.class),
            Map.entry(ErrorCode.BACKEND_FAILED, BackendFailedException.class),
            Map.entry(ErrorCode.TIMEOUT, ConversionTimeoutException.class),
            Map.entry(ErrorCode.STALLED, StalledException.class),
            Map.entry(ErrorCode.CANCELED, CanceledException.class),
            Map.entry(ErrorCode.JOB_NOT_FOUND, JobNotFoundException.class),
            Map.entry(ErrorCode.LEASE_LOST, LeaseLostException.class),
            Map.entry(ErrorCode.TERMINAL_STATE_CONFLICT, TerminalStateConflictException.class),
            Map.entry(ErrorCode.INTEGRITY_VIOLATION, IntegrityViolationException.class),
            Map.entry(ErrorCode.DATA_ROOT_CONFLICT, DataRootConflictException.class),
            Map.entry(ErrorCode.STORE_UNAVAILABLE, StoreUnavailableException.class),
            Map.entry(ErrorCode.CONFIGURATION_ERROR, ConfigurationException.class));
    assertEquals(ErrorCode.values().length, types.size());
    for (ErrorCode code : ErrorCode.values()) {
      ErrorInfo stored =
          new ErrorInfo(
              code, "message of " + code.code(), Map.of("k", "v"), code.retryableByDefault());
      ConversionException e = stored.toException(JobId.of("0".repeat(26)), 2);
      assertEquals(types.get(code), e.getClass(), code.code());
      assertEquals(code.code(), e.code());
      assertEquals("message of " + code.code(), e.getMessage());
      assertEquals(stored, ErrorInfo.of(e), "round trip of " + code.code());
      assertTrue(e instanceof RuntimeException, "unchecked");
    }
  }

  @Test
  void invalidInputCarriesItsReason() {
    InvalidInputException e =
        new InvalidInputException(InvalidInputReason.TOO_MANY_PAGES, "12 > 10");
    assertEquals("too_many_pages", e.details().get("reason"));
    assertEquals(InvalidInputReason.TOO_MANY_PAGES, e.reason().orElseThrow());
    assertFalse(e.retryable());
  }

  @Property
  void generatedJobIdsAreValidAndTimeOrdered(
      @ForAll @LongRange(min = 0, max = (1L << 48) - 2) long millis) {
    SecureRandom random = new SecureRandom();
    JobId a = JobId.generate(millis, random);
    JobId b = JobId.generate(millis + 1, random);
    assertTrue(JobId.isValid(a.value()));
    assertTrue(a.compareTo(b) < 0, a + " < " + b);
  }
}
