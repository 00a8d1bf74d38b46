from sitrep.stages.dates import find_dates, parse_published

PUB, _ = parse_published("2021-03-12")  # a Friday


def window(text, anchor=PUB):
    found = find_dates(text, anchor)
    assert found, text
    d = found[0]
    return d.first.isoformat(), d.last.isoformat(), d.precision


def test_absolute_dates():
    assert window("on 4 February 2021 the convoy") == ("2021-02-04", "2021-02-04", 1)
    assert window("on Feb. 4 the convoy") == ("2021-02-04", "2021-02-04", 1)
    assert window("February 4, 2020") == ("2020-02-04", "2020-02-04", 1)


def test_weekday_is_last_one_on_or_before_publication():
    assert window("gunmen attacked on Tuesday") == ("2021-03-09", "2021-03-09", 1)
    assert window("gunmen attacked on Friday") == ("2021-03-12", "2021-03-12", 1)
    assert window("gunmen attacked last Friday") == ("2021-03-05", "2021-03-05", 1)


def test_parts_of_months_and_ranges():
    assert window("in mid-January 2021") == ("2021-01-11", "2021-01-20", 2)
    assert window("from late November to early December 2020") == ("2020-11-21", "2020-12-10", 3)
    assert window("fighting in February") == ("2021-02-01", "2021-02-28", 3)


def test_relative_expressions():
    assert window("the strike yesterday") == ("2021-03-11", "2021-03-11", 1)
    assert window("raids recently") == ("2021-03-05", "2021-03-12", 2)
    assert window("over the past 48 hours") == ("2021-03-10", "2021-03-12", 2)


def test_since_is_marked():
    d = find_dates("killed since 3 January 2021", PUB)[0]
    assert d.kind == "since" and d.first.isoformat() == "2021-01-03"


def test_month_without_year_is_not_after_publication():
    assert window("in November") == ("2020-11-01", "2020-11-30", 3)


def test_partial_publication_date_widens_relative_dates():
    month, _ = parse_published("2021-03")
    assert window("on Tuesday", month) == ("2021-03-01", "2021-03-31", 3)


def test_unknown_publication_leaves_relative_dates_out():
    unknown, _ = parse_published(None)
    assert find_dates("on Tuesday", unknown) == []


def test_bad_published_values_warn():
    for bad in ("yesterday", "2018-13-45", 12345):
        anchor, warning = parse_published(bad)
        assert anchor.latest is None and warning


def test_modal_may_is_not_a_month():
    assert find_dates("fighters may return", PUB) == []


def test_ranges_of_days():
    assert window("between 3 and 5 February 2021 the militia") == ("2021-02-03", "2021-02-05", 2)
    assert window("from 27 February to 2 March fighting") == ("2021-02-27", "2021-03-02", 2)
    assert window("on February 3-5, 2021 shelling") == ("2021-02-03", "2021-02-05", 2)
    assert window("on 10-12 January strikes") == ("2021-01-10", "2021-01-12", 2)


def test_an_occurrence_told_after_days_after_is_counted_back_from_the_other():
    from sitrep.stages.dates import counted_back, shifted
    text = "The raid came three days after gunmen ambushed a convoy."
    at, most, least = counted_back(text)
    assert text[at:].startswith(" gunmen") and (most, least) == (3, 3)
    ref = find_dates("on Friday", PUB)[0]
    d = shifted(ref, 0, 0, most, least)
    assert (d.first.isoformat(), d.last.isoformat(), d.precision) == ("2021-03-09", "2021-03-09", 1)
    assert counted_back("hours after the blast")[1:] == (0, 0)
    assert counted_back("just days after the blast")[1:] == (7, 1)


def test_since_a_clause_dated_on_a_day_opens_the_counted_period():
    anchor, _ = parse_published("2022-05-20")
    d = find_dates("at least 12 people have been killed since the strike began on May 3.", anchor, None)
    assert [(str(x.first), x.kind) for x in d] == [("2022-05-03", "since")]


def test_a_month_of_last_year():
    anchor, _ = parse_published("2022-05-20")
    d = find_dates("Over 900 have fled since November last year.", anchor, None)
    assert [(str(x.first), str(x.last), x.kind) for x in d] == [("2021-11-01", "2021-11-30", "since")]
