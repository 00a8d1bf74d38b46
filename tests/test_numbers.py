from sitrep.stages.numbers import find_numbers, parse_amount


def values(text):
    return [(n.value, n.qualifier) for n in find_numbers(text)]


def test_digits_with_separators_and_qualifiers():
    assert values("more than 12,400 residents left") == [(12400, "at_least")]
    assert values("nearly 3,000 families") == [(3000, "about")]
    assert values("up to 40 prisoners") == [(40, "at_most")]


def test_european_thousands_separator():
    assert values("the council counted 3.400 returnees") == [(3400, "exact")]


def test_number_words_and_multipliers():
    assert parse_amount("twenty-two") == 22
    assert parse_amount("two thousand") == 2000
    assert parse_amount("1.5 million") == 1_500_000
    assert parse_amount("a dozen") == 12
    assert values("Eleven guards died") == [(11, "exact")]


def test_vague_counts_follow_acled():
    assert values("dozens of fighters")[0][0] == 12
    assert values("hundreds of families")[0][0] == 100
    assert values("several soldiers")[0][0] == 10
    assert find_numbers("scores of people")[0].vague


def test_ranges_take_the_lowest_figure():
    n = find_numbers("between 30 and 45 villagers were killed")[0]
    assert (n.value, n.low, n.high) == (30, 30, 45)
    n = find_numbers("some 200 to 250 fighters")[0]
    assert (n.value, n.low, n.high, n.qualifier) == (200, 200, 250, "about")


def test_two_numbers_joined_by_and_are_not_a_range():
    assert [n.value for n in find_numbers("killed 7 and wounded 19")] == [7, 19]


def test_years_are_flagged():
    nums = find_numbers("the siege began in 2016")
    assert nums[0].is_year


def test_a_number_with_thousands_commas_followed_by_a_comma_stays_whole():
    from sitrep.stages.numbers import find_numbers

    text = "The toll has risen to 1,420, officials said, and 2.300. were missing"
    assert [n.value for n in find_numbers(text)][:1] == [1420]
