"""Dates are parsed by one function, once per article, and every comparison reads the day (issue 38)."""

import datetime as dt

from contradict.dates import believed, day_of
from contradict.report.build import Only
from contradict.types import Article

THU = dt.date(2019, 1, 3)


def test_one_parser_reads_iso_with_or_without_a_time_and_us_style():
    assert [day_of(t) for t in ("2019-01-03", "2019-01-03T22:10:00Z", "1/3/19", "1/3/2019")] == [THU] * 4
    assert [day_of(t) for t in ("", None, "someday", "2019-02-30", "Jan 3, 2019")] == [None] * 5


def test_an_article_keeps_its_date_text_and_reads_its_day_once():
    a = Article("a", "t", "Fox", "1/3/19", "text")
    assert a.date == "1/3/19" and a.day == THU and "day" in a.__dict__  # cached after the first read
    assert a.hash == Article("a", "t", "Fox", "1/3/19", "text").hash


def test_a_story_believes_a_day_unless_it_is_in_the_future_or_not_understood():
    assert believed(THU, "2019-01-03", today=THU) == (THU, "")
    assert believed(None, "", today=THU) == (None, "")
    assert believed(None, "someday", today=THU)[1] == "date 'someday' is not understood"
    assert believed(dt.date(2019, 1, 9), "2019-01-09", today=THU)[1] == "date 2019-01-09 is in the future"


def test_the_report_filters_compare_days_so_a_us_date_is_inside_its_range():
    only = Only(since="2019-01-01", until="2019-01-31")
    assert only.keeps(Article("a", "t", "s", "1/3/19", "x"), {})
    assert not only.keeps(Article("b", "t", "s", "2/3/19", "x"), {})
    assert not only.keeps(Article("c", "t", "s", "", "x"), {})  # undated: outside any range
    assert Only().keeps(Article("c", "t", "s", "", "x"), {})
