import pytest

from kitlib.data.periods import PeriodError, parse_period


@pytest.mark.parametrize(
    ("text", "freq", "year", "sub"),
    [("2024", "Y", 2024, 1), ("2024T3", "T", 2024, 3), ("2023K4", "K", 2023, 4), ("2025M07", "M", 2025, 7)],
)
def test_parses_each_frequency_and_round_trips(text, freq, year, sub):
    period = parse_period(text)
    assert (period.freq, period.year, period.sub) == (freq, year, sub)
    assert str(period) == text


@pytest.mark.parametrize("text", ["24", "2024T4", "2024K0", "2024M13", "2024M7", "2024-01", "", "T1"])
def test_rejects_malformed_periods_with_the_notation_in_the_message(text):
    with pytest.raises(PeriodError, match="2024"):
        parse_period(text)


def test_neighbouring_periods_differ_by_one_across_the_year_end():
    assert parse_period("2025T1").index - parse_period("2024T3").index == 1
    assert parse_period("2024M12").shift(1) == parse_period("2025M01")
    assert parse_period("2024").shift(-2) == parse_period("2022")
