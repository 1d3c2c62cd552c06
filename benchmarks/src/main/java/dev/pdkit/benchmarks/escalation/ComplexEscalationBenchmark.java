package dev.pdkit.benchmarks.escalation;

import dev.pdkit.PagerDuty;
import dev.pdkit.Secret;
import dev.pdkit.benchmarks.notify.FakeTarget;
import dev.pdkit.events.AlertEvent;
import dev.pdkit.events.Severity;
import dev.pdkit.model.Incident;
import dev.pdkit.model.OnCall;
import dev.pdkit.rest.IncidentQuery;
import dev.pdkit.rest.OnCallQuery;
import dev.pdkit.testkit.FakePagerDuty;
import dev.pdkit.testkit.SeededService;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The "complex escalation" workflow, end to end through the SDK against the fake on loopback (the
 * seed's target: under 500 ms; ours: under 25 ms at p99):
 *
 * <ol>
 *   <li>trigger an Events v2 alert (new dedup key each time, so a new incident opens);
 *   <li>find the incident it opened (list by {@code incident_key}) — assigned to level 1;
 *   <li>escalate it to level 2 and add a note;
 *   <li>read who is on call at level 2 of the service's escalation policy;
 *   <li>reassign the incident to that user.
 * </ol>
 *
 * <p>Run:
 *
 * <pre>
 * mvn -B -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar ComplexEscalation -f 1 -wi 2 -i 3 -rf json -rff benchmarks/target/escalation.json
 * </pre>
 *
 * <p>{@code -Dpdkit.bench.faultDelayMs=N} delays every request to the fake by N ms (the gate's
 * self-test).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
@State(Scope.Benchmark)
public class ComplexEscalationBenchmark {
  private FakePagerDuty fake;
  private PagerDuty pd;
  private Secret routingKey;
  private String serviceId;
  private String policyId;
  private final AtomicLong sequence = new AtomicLong();

  @Setup(Level.Trial)
  public void setUp() {
    fake = FakePagerDuty.builder().user("lead@example.com").start();
    String first = fake.seedUser("first@example.com");
    String second = fake.seedUser("second@example.com");
    policyId =
        fake.seedEscalationPolicy("Two levels", List.of(List.of(first), List.of(second)), 30, 1);
    SeededService service = fake.seedService("Checkout", policyId);
    serviceId = service.serviceId();
    routingKey = Secret.of(service.integrationKey());
    pd = FakeTarget.clientFor(fake, "lead@example.com");
    FakeTarget.applyFaultDelay(fake);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    pd.close();
    fake.close();
  }

  @Benchmark
  public Incident escalationWorkflow() {
    String key = "escalate-" + sequence.incrementAndGet();
    pd.events()
        .trigger(
            AlertEvent.trigger(routingKey)
                .summary("Checkout error rate above 5%")
                .source("checkout-api")
                .severity(Severity.CRITICAL)
                .dedupKey(key)
                .build());
    List<Incident> opened =
        pd.incidents()
            .list(IncidentQuery.builder().serviceIds(serviceId).incidentKey(key).build())
            .toList();
    if (opened.size() != 1) {
      throw new IllegalStateException("expected one incident for " + key + ", got " + opened.size());
    }
    String incidentId = opened.get(0).id();
    pd.incidents().escalate(incidentId, 2);
    pd.incidents().addNote(incidentId, "Escalated to level 2 by the escalation benchmark");
    String levelTwoUser =
        pd.oncalls().list(OnCallQuery.builder().escalationPolicyIds(policyId).build()).stream()
            .filter(o -> o.escalationLevel() == 2)
            .map(OnCall::user)
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("nobody on call at level 2"))
            .id();
    return pd.incidents().reassign(incidentId, List.of(levelTwoUser));
  }
}
