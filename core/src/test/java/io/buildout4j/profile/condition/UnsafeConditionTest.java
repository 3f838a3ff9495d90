package io.buildout4j.profile.condition;

import static io.buildout4j.profile.condition.TestTargets.LINUX_X86_64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Code that must never run is rejected, with a message naming the construct and its column. */
class UnsafeConditionTest {
  private static final ConditionEvaluator LINUX = new ConditionEvaluator(LINUX_X86_64);

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "lambda: 1|unsupported syntax 'lambda' at column 1",
        "__import__('os').system('id')|name '__import__' is not allowed at column 1",
        "eval('1')|function eval is not allowed at column 1",
        "exec('x=1')|function exec is not allowed at column 1",
        "linux and compile('1', '', 'eval')|function compile is not allowed at column 11",
        "getattr(os, 'system')|function getattr is not allowed at column 1",
        "os.system('id')|function os.system is not allowed at column 4",
        "python2 and os.system('id')|function os.system is not allowed at column 16",
        "os.popen('id').read()|function os.popen is not allowed at column 4",
        "os.path.join('a', 'b')|function os.path.join is not allowed at column 9",
        "sys.modules|attribute sys.modules is not allowed at column 5",
        "sys.version_info.__class__|attribute '__class__' is not allowed at column 18",
        "''.__class__.__mro__|attribute '__mro__' is not allowed at column 14",
        "[m.system('id') for m in [os]]|function os.system is not allowed at column 4",
        "'a'.format()|function str.format is not allowed at column 5",
        "linux; import os|unsupported syntax ';' (only a single expression is allowed) at column 6",
        "x = 1|assignment '=' is not allowed at column 3",
        "(x := 1)|assignment expressions ':=' are not allowed at column 4",
        "yield 1|unsupported syntax 'yield' at column 1",
        "import os|unsupported syntax 'import' at column 1",
        "open('/tmp/x', 'w')|open() mode 'w' is not allowed, files are read-only ('r') at column 5",
        "open('/tmp/x', mode='w')|keyword arguments are not supported at column 16",
        "open('/dev/zero').read()|reading special file '/dev/zero' is not allowed at column 5",
        "f'{linux}'|f-strings are not supported at column 1",
        "b'x'|bytes literals are not supported at column 1",
        "3.8|float and complex literals are not supported, only integers at column 1",
        "1/2|true division '/' is not supported (it yields a float); use '//' at column 2",
        "(x for x in 'a')|generator expressions are not supported at column 4",
        "[x for x in 'a' for y in 'b']|nested 'for' in a comprehension is not supported at column 17",
        "{1, 2}|set displays are not supported at column 1",
        "foo and linux|unknown name 'foo' at column 1",
        "'a' * 10**9|MemoryError: result of 1000000000 items exceeds the limit of 100000 at column 5",
        "2 ** 10000000|MemoryError: integer result would exceed 1000000 bits at column 3",
        "int('9' * 5000)|ValueError: Exceeds the limit (4300 digits) for integer string conversion: value has 5000 digits at column 4",
        "re.match('(a*)*b', 'a' * 50000)|regular expression is too expensive to evaluate at column 9",
        "[[1] * 100000 for x in 'a' * 1000]|condition is too expensive to evaluate (step limit reached) at column 6",
      })
  void isRejectedWithAClearMessage(String expression, String message) {
    ConditionException e = assertThrows(ConditionException.class, () -> LINUX.evaluate(expression));
    assertEquals(message + " in: " + expression, e.getMessage());
  }
}
