package dev.pdkit.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanFileTest {
  private static final Instant AT = Instant.parse("2026-11-28T01:00:00Z");
  private static final String D = "d".repeat(64);
  private static final String L = "a".repeat(64);

  static Plan plan() {
    return new Plan("production", List.of(
        new Change(Change.Action.CREATE, ResourceKind.USER, "alice@example.com", null,
            List.of(new FieldChange("name", null, "Alice"))),
        new Change(Change.Action.UPDATE, ResourceKind.SERVICE, "checkout-api", "PSVC1",
            List.of(new FieldChange("description", "old \"quoted\"", "new"), new FieldChange("team", null, null))),
        new Change(Change.Action.DELETE, ResourceKind.INTEGRATION, "checkout-api/old", "PINT1", List.of())),
        D, L);
  }

  @Test
  void writeRead_roundTrips_planTimeAndSignatures(@TempDir Path dir) {
    ApproverKey key = ApproverKey.generate();
    PlanFile f = PlanFile.of(plan(), AT).withSignature(key.sign(plan(), AT.plusSeconds(60)));
    Path file = dir.resolve("prod.plan.json");
    f.write(file);

    PlanFile back = PlanFile.read(file);
    assertThat(back).isEqualTo(f);
    assertThat(back.plan().hash()).isEqualTo(plan().hash());
    assertThat(back.signatures()).singleElement().satisfies(s -> assertThat(s.verifies(plan().hash())).isTrue());
  }

  @Test
  void withSignature_sameKeyTwice_keepsOne() {
    ApproverKey key = ApproverKey.generate();
    PlanFile f = PlanFile.of(plan(), AT).withSignature(key.sign(plan(), AT)).withSignature(key.sign(plan(), AT));
    assertThat(f.signatures()).hasSize(1);
  }

  @Test
  void read_editedChange_isRefusedAsEdited(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("p.json");
    PlanFile.of(plan(), AT).write(file);
    Files.writeString(file, Files.readString(file).replace("\"after\" : \"new\"", "\"after\" : \"evil\""));
    assertThatThrownBy(() -> PlanFile.read(file)).isInstanceOf(PlanFileException.class)
        .hasMessageContaining("changes were edited").hasMessageContaining("--plan-out");
  }

  @Test
  void read_editedLiveHash_isRefused(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("p.json");
    PlanFile.of(plan(), AT).write(file);
    Files.writeString(file, Files.readString(file).replace(L, "b".repeat(64)));
    assertThatThrownBy(() -> PlanFile.read(file)).isInstanceOf(PlanFileException.class)
        .hasMessageContaining("plan_hash does not match");
  }

  @Test
  void read_truncatedJson_namesLine(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("p.json");
    PlanFile.of(plan(), AT).write(file);
    String text = Files.readString(file);
    Files.writeString(file, text.substring(0, text.length() / 2));
    assertThatThrownBy(() -> PlanFile.read(file)).isInstanceOf(PlanFileException.class)
        .hasMessageContaining("is not valid JSON (line ");
  }

  @Test
  void read_otherVersion_orNotAPlan_orMissing_isRefused(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("p.json");
    PlanFile.of(plan(), AT).write(file);
    Files.writeString(file, Files.readString(file).replace("\"version\" : 1", "\"version\" : 2"));
    assertThatThrownBy(() -> PlanFile.read(file)).hasMessageContaining("format version 2 but this pdkit reads version 1");
    Files.writeString(file, "{\"environment\":\"production\"}");
    assertThatThrownBy(() -> PlanFile.read(file)).hasMessageContaining("is not a pdkit plan file");
    assertThatThrownBy(() -> PlanFile.read(dir.resolve("none.json"))).isInstanceOf(PlanFileException.class)
        .hasMessageContaining("does not exist");
  }

  @Test
  void approverKey_writeRead_signsTheSame_andNeverShowsPrivateKey(@TempDir Path dir) throws IOException {
    ApproverKey key = ApproverKey.generate();
    Path file = dir.resolve("keys/approver.key");
    key.writePrivateKey(file);
    String pem = Files.readString(file);
    assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    ApproverKey back = ApproverKey.read(file);
    assertThat(back.publicKey()).isEqualTo(key.publicKey());
    assertThat(back.sign(plan(), AT).signature()).isEqualTo(key.sign(plan(), AT).signature()); // Ed25519 is deterministic
    String body = pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "").strip();
    assertThat(key.toString()).contains(key.publicKey()).doesNotContain(body);
    assertThatThrownBy(() -> key.writePrivateKey(file)).hasMessageContaining("will not overwrite");
    Files.writeString(file, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
    assertThatThrownBy(() -> ApproverKey.read(file)).hasMessageContaining("damaged");
  }

  @Test
  void signature_otherPlan_orFlippedByte_doesNotVerify() {
    ApproverKey key = ApproverKey.generate();
    PlanSignature s = key.sign(plan(), AT);
    assertThat(s.verifies(plan().hash())).isTrue();
    Plan other = new Plan("production", plan().changes(), D, "c".repeat(64));
    assertThat(s.verifies(other.hash())).isFalse();
    byte[] raw = java.util.Base64.getDecoder().decode(s.signature());
    raw[10] ^= 1;
    assertThat(new PlanSignature(s.publicKey(), java.util.Base64.getEncoder().encodeToString(raw), AT)
        .verifies(plan().hash())).isFalse();
    assertThat(new PlanSignature(s.publicKey(), "not base64!", AT).verifies(plan().hash())).isFalse();
  }
}
