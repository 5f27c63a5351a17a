"""Messages are safe to print: a value from a data file cannot drive the terminal."""

from kitlib.errors import DataValidationError, KitlibError, Problem, printable


def test_printable_escapes_control_characters_and_keeps_the_rest():
    assert printable("a\x1b[31mb\x00c\x07d\x7f\x85") == "a\\x1b[31mb\\x00c\\x07d\\x7f\\x85"
    assert printable("x\u202eevil") == "x\\u202eevil"  # a bidi override would reverse the rest
    assert printable("Sørby\tskole\nline", keep="\n\t") == "Sørby\tskole\nline"
    assert printable("Sørby\tskole\nline") == "Sørby\\x09skole\\x0aline"


def test_a_problem_is_one_printable_line():
    problem = Problem("units.csv", 3, "name\x1b", "'\x1b]0;title\x07' is\nbad")
    assert str(problem) == "units.csv, line 3, column 'name\\x1b': '\\x1b]0;title\\x07' is\\x0abad"


def test_every_kitlib_error_prints_escaped_but_keeps_its_lines():
    error = DataValidationError([Problem("values.csv", 2, "value", "'\x1b[2J' is not a number")], "d")
    assert "\x1b" not in str(error)
    assert str(error).splitlines()[1] == "  - values.csv, line 2, column 'value': '\\x1b[2J' is not a number"
    assert str(KitlibError("no unit '\x1b[2J'\ntry again")) == "no unit '\\x1b[2J'\ntry again"
