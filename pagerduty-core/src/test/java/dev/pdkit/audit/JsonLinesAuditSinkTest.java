package dev.pdkit.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pdkit.errors.PagerDutyException;
import dev.pdkit.spi.AuditSink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesAuditSinkTest {
  @TempDir Path dir;

  private static AuditSink.Entry entry(int i) {
    return new AuditSink.Entry(Instant.parse("2026-11-28T00:00:00Z").plusSeconds(i), "ci", "prod", "update",
        "service", "svc-" + i, "P" + i, Map.of("name", "old " + i), Map.of("name", "new " + i));
  }

  private Path writeLog(int n) {
    Path file = dir.resolve("audit/audit.jsonl");
    JsonLinesAuditSink sink = JsonLinesAuditSink.open(file);
    for (int i = 1; i <= n; i++) {
      sink.record(entry(i));
    }
    return file;
  }

  @Test
  void verify_untouchedLog_isValid() throws IOException {
    Path file = writeLog(4);
    AuditVerification v = AuditLog.verify(file);
    assertThat(v.valid()).isTrue();
    assertThat(v.lines()).isEqualTo(4);
    assertThat(v.headHash()).hasSize(64).isNotEqualTo(AuditLog.GENESIS);
    assertThat(v.summary()).startsWith("audit log OK: 4 lines");
    assertThat(Files.readAllLines(file).get(0)).contains("\"seq\":1", "\"actor\":\"ci\"", "\"resource_key\":\"svc-1\"",
        "\"before\":{\"name\":\"old 1\"}", "\"prev\":\"" + AuditLog.GENESIS + "\"");
  }

  @Test
  void verify_editedLine_fails() throws IOException {
    Path file = writeLog(3);
    List<String> lines = new ArrayList<>(Files.readAllLines(file));
    lines.set(1, lines.get(1).replace("new 2", "evil"));
    Files.write(file, lines, StandardCharsets.UTF_8);
    AuditVerification v = AuditLog.verify(file);
    assertThat(v.valid()).isFalse();
    assertThat(v.badLine()).isEqualTo(2);
    assertThat(v.problem()).contains("edited");
    assertThat(v.summary()).startsWith("audit log TAMPERED at line 2");
  }

  @Test
  void verify_removedLine_fails() throws IOException {
    Path file = writeLog(3);
    List<String> lines = new ArrayList<>(Files.readAllLines(file));
    lines.remove(1);
    Files.write(file, lines, StandardCharsets.UTF_8);
    AuditVerification v = AuditLog.verify(file);
    assertThat(v.valid()).isFalse();
    assertThat(v.badLine()).isEqualTo(2);
  }

  @Test
  void verify_reorderedLines_fail_evenWithRenumberedSeq() throws IOException {
    Path file = writeLog(3);
    List<String> lines = new ArrayList<>(Files.readAllLines(file));
    Collections.swap(lines, 1, 2);
    Files.write(file, lines, StandardCharsets.UTF_8);
    assertThat(AuditLog.verify(file).valid()).isFalse();
    lines.set(1, lines.get(1).replace("\"seq\":3", "\"seq\":2"));
    Files.write(file, lines, StandardCharsets.UTF_8);
    AuditVerification v = AuditLog.verify(file);
    assertThat(v.valid()).isFalse();
    assertThat(v.problem()).contains("prev");
  }

  @Test
  void verify_garbageLine_fails() throws IOException {
    Path file = writeLog(1);
    Files.writeString(file, "not json\n", java.nio.file.StandardOpenOption.APPEND);
    assertThat(AuditLog.verify(file).problem()).isEqualTo("not valid JSON");
    Files.writeString(file, Files.readAllLines(file).get(0) + "\n[1]\n");
    assertThat(AuditLog.verify(file).problem()).isEqualTo("not a JSON object");
  }

  @Test
  void open_existingLog_continuesChain() {
    Path file = writeLog(2);
    JsonLinesAuditSink.open(file).record(entry(3));
    assertThat(AuditLog.verify(file).lines()).isEqualTo(3);
    assertThat(AuditLog.verify(file).valid()).isTrue();
  }

  @Test
  void open_tamperedLog_isRefused() throws IOException {
    Path file = writeLog(2);
    Files.writeString(file, Files.readString(file).replace("svc-1", "svc-x"));
    assertThatThrownBy(() -> JsonLinesAuditSink.open(file)).isInstanceOf(PagerDutyException.class)
        .hasMessageContaining("TAMPERED at line 1");
  }

  @Test
  void verify_emptyLog_isValidWithGenesisHead() throws IOException {
    Path file = dir.resolve("empty.jsonl");
    Files.writeString(file, "");
    assertThat(AuditLog.verify(file).headHash()).isEqualTo(AuditLog.GENESIS);
    assertThatThrownBy(() -> AuditLog.verify(dir.resolve("missing"))).isInstanceOf(PagerDutyException.class)
        .hasMessageContaining("cannot read audit log");
  }
}
