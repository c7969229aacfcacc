package dev.powermon.api;

/**
 * Where a parser reports a field it could not use, so that field's series alone are dropped ("fail
 * narrow"). The core counts each report in {@code powermon_parse_problems_total{collector,field}}
 * and logs one line when a field's state changes (usable to not, one reason to another), never per
 * scrape; numbers in the reason do not count as a change. Get it from {@link
 * CollectorContext#problems()}.
 */
public interface ParseProblems {
  /** Takes nothing: for a probe's one-off look, whose problems are not the running collector's. */
  ParseProblems DISCARD =
      new ParseProblems() {
        @Override
        public void problem(String field, String reason) {}

        @Override
        public void ok(String field) {}
      };

  /**
   * {@code field} (a stable name such as {@code on_time} or {@code sysinfo.children.power}) was
   * unusable this time; {@code reason} says why, for the operator ("-32400 is negative").
   */
  void problem(String field, String reason);

  /** {@code field} was read fine; logs a recovery if it was failing. */
  void ok(String field);
}
