package dev.pdkit.testkit.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test class against one {@link dev.pdkit.testkit.FakePagerDuty}, started before
 * the first test and stopped after the last, and {@linkplain dev.pdkit.testkit.FakePagerDuty#reset()
 * reset} before every test. Test methods, constructors and lifecycle methods may declare parameters
 * of type {@code FakePagerDuty} and {@link dev.pdkit.PagerDuty} (a client pointed at the fake, using
 * its {@link dev.pdkit.testkit.FakePagerDuty#apiToken() token}, the first user as {@code From}, and
 * fast retries). {@code @Nested} classes share the fake of their enclosing class.
 *
 * <pre>{@code
 * @PagerDutyTest(users = "ops@example.com")
 * class CheckoutAlertsTest {
 *   @Test
 *   void trigger_opensIncident(FakePagerDuty fake, PagerDuty pd) { ... }
 * }
 * }</pre>
 *
 * <p>For a fake per test or more options use {@link PagerDutyExtension#builder()} with
 * {@code @RegisterExtension} instead.
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(PagerDutyExtension.class)
public @interface PagerDutyTest {
  /** Full-access API tokens; none means any token is accepted. */
  String[] tokens() default {};

  /** Read-only API tokens (GET only). */
  String[] readOnlyTokens() default {};

  /** Startup users (e-mail addresses), kept across resets; the first one is an admin. */
  String[] users() default {};

  /** Seed for ids, keys and fault probabilities. */
  long seed() default 42L;
}
