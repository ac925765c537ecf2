"""The slot rules' golden table (issue 37): what two claims of one fact give different values for, and what they
must not be read as differing on. Sentences written for this project."""

import datetime as dt

import pytest

from contradict.dates import day_of as parse_date
from contradict.stages.kinds import numeric_difference
from contradict.stages.slots import days, resolve_weekday, slot_differences

THU = dt.date(2019, 1, 3)  # a Thursday
FRI = dt.date(2019, 1, 4)


def test_parse_date():
    assert parse_date("2019-01-03") == THU
    assert parse_date("2019-01-03T10:00:00Z") == THU
    assert parse_date("1/3/19") == THU
    assert parse_date("1/3/2019") == THU
    assert parse_date("someday") is None
    assert parse_date("2019-02-30") is None
    assert parse_date("") is None


@pytest.mark.parametrize("weekday,text,expected", [
    ("Tuesday", "The House passed it on Tuesday.", dt.date(2019, 1, 1)),
    ("Thursday", "The House passed it on Thursday.", THU),  # the article's own day
    ("Friday", "The House passed it on Friday.", dt.date(2018, 12, 28)),  # last week's Friday
    ("Tuesday", "The House will vote on Tuesday.", dt.date(2019, 1, 8)),  # ahead: the coming one
])
def test_resolve_weekday(weekday, text, expected):
    assert resolve_weekday(weekday, THU, text) == expected


def test_days_calendar_and_weekday_agree():
    (_, tuesday, _), = days("The vote was held on Tuesday.", THU)
    (_, jan1, _), = days("The vote was held on Jan. 1.", THU)
    assert tuesday == jan1 == dt.date(2019, 1, 1)


def kinds(a, b, date_a=THU, date_b=THU):
    return [(d.slot, d.a, d.b) for d in slot_differences(a, b, date_a, date_b)]


FIRES = [
    # (a, b, date a, date b, expected (slot, value a, value b))
    ("The resolution passed on Tuesday with a large majority.", "The House voted on Wednesday to pass the resolution.",
     THU, THU, ("date", "Tuesday", "Wednesday")),
    # the Monday before Thursday 2019-01-03 is Dec. 31: one day; Dec. 30 is another
    ("The council voted on Monday to close the plant.", "The council voted on Dec. 31 to close the plant.",
     THU, THU, None),
    ("The council voted on Monday to close the plant.", "The council voted on Dec. 30 to close the plant.",
     THU, THU, ("date", "Monday", "Dec. 30")),
    # one weekday in articles of two days names two days... unless both resolve to the same one
    ("The council voted on Tuesday to close the plant.", "The council voted on Tuesday to close the plant.",
     THU, FRI, None),
    ("The senator spoke to veterans gathered in Norwalk in 2008.", "At a 2008 event in Norfolk the senator spoke "
     "to veterans.", THU, THU, ("place", "Norwalk", "Norfolk")),
    ("Loretta Sanchez won the vice chair race against the incumbent.", "Linda T. Sánchez defeated the incumbent "
     "for vice chair.", THU, THU, ("person", "Loretta Sanchez", "Linda T. Sánchez")),
    ("The minister denied that he had resigned.", "The minister resigned on Friday.", THU, THU,
     ("denial", "denied (resigned)", "asserted (resigned)")),
    ("The department received 50,000 pages of printed emails.", "She turned over 55,000 pages of her emails to the "
     "department.", THU, THU, ("number", "50,000", "55,000")),
    ("The Pentagon would divert to the tune of $3.5 billion.", "The plan would divert $3.6 billion from military "
     "construction.", THU, THU, ("number", "$3.5 billion", "$3.6 billion")),
    # a title before the name is no first name, whatever else the claim names ("Representative Joseph Crowley")
    ("Rep. Loretta Sanchez won the vice chair race, defeating Barbara Lee.", "Representative Joseph Crowley won the "
     "chair, and Representative Linda T. Sánchez defeated Barbara Lee for vice chair.", THU, THU,
     ("person", "Loretta Sanchez", "Linda T. Sánchez")),
    # a place both claims name is common ground: the other place differs
    ("The senator said he served in Vietnam to veterans gathered in Norwalk.", "The senator misspoke at an event in "
     "Norfolk where he said he had served in Vietnam.", THU, THU, ("place", "Norwalk", "Norfolk")),
    # the day a statement was made is not the day of the event it tells; "January 1" in a December article is ahead
    ("The president announced Sunday that the secretary will leave his post on January 1.", "The secretary's "
     "letter says his last day in his post will be Feb. 28.", dt.date(2018, 12, 23), dt.date(2018, 12, 23),
     ("date", "January 1", "Feb. 28")),
    # within one fact a month only one side names is a detail, not another period
    ("In December the department was given 50,000 pages of printed emails.", "The department said it had "
     "received 55,000 pages of her emails.", THU, THU, ("number", "50,000", "55,000")),
    # an approximation admits what rounds to it, no more
    ("The plan would use about $3.6 billion from construction projects.", "The plan would use $3.5 billion from the "
     "construction budget.", THU, THU, ("number", "$3.6 billion", "$3.5 billion")),
    # a family name that is also a title word ("King") stays a name after the title
    ("Rep. Steve King of Iowa lost the primary to Randy Feenstra.", "Rep. Peter King of Iowa lost the primary to "
     "Randy Feenstra.", THU, THU, ("person", "Steve King", "Peter King")),
    # one event's calendar day told a day apart, in articles a day apart, is a difference (a weekday would move)
    ("The plane crashed on Jan. 6, killing everyone aboard.", "The plane crashed on Jan. 5, killing everyone aboard.",
     dt.date(2019, 1, 8), dt.date(2019, 1, 7), ("date", "Jan. 6", "Jan. 5")),
    # an approximation of a round number admits no more than a bound's factor
    ("About 100 people were killed in the attack on the market.", "60 people were killed in the attack on the "
     "market.", THU, THU, ("number", "100", "60")),
    # a lower bound does not admit a value below it
    ("More than 20 people died in the fire.", "15 people died in the fire.", THU, THU, ("number", "20", "15")),
]


@pytest.mark.parametrize("a,b,date_a,date_b,expected", FIRES)
def test_slot_fires(a, b, date_a, date_b, expected):
    got = kinds(a, b, date_a, date_b)
    if expected is None:
        assert got == []
    else:
        assert expected in got


SILENT = [
    # bounds admit each other
    ("More than 20 people died in the fire.", "23 people died in the fire."),
    ("Waves of up to 11 feet hit the coast.", "Waves of 9 feet or more hit the coast."),
    # two quantities of one story
    ("Twelve people were killed in the attack.", "Forty people were wounded in the attack."),
    # a rounding
    ("The couple paid a rate of 35.72 percent.", "The couple paid a rate of 35.7 percent."),
    # one quote transcribed twice
    ("\"We will not back down,\" the mayor said in Boston.", "\"We will not back down,\" the mayor said in Boston."),
    # two events of one story on two days: no shared event word
    ("Protesters marched on Monday.", "The governor signed the bill on Wednesday."),
    # a claim naming several days tells several events
    ("Talks began on Monday and ended on Friday.", "Talks ended on Thursday."),
    # one person named fully and by family name
    ("Nancy Pelosi spoke first.", "Pelosi spoke first."),
    # places that are institutions, months or weekdays
    ("The bill failed in Congress.", "The bill failed in January."),
    # a denial of something else
    ("The aide denied leaking the memo.", "The aide resigned on Friday."),
    # both sides deny
    ("He denied that he had resigned.", "He did not resign, his office said."),
    # an approximation admits a value that rounds to it; two upper bounds admit each other
    ("About 3,000 people marched in the city.", "2,983 people marched in the city."),
    ("The suit covers as many as 1.5 million women.", "The suit covers up to 1.6 million women."),
    # two named years are two periods, even within one fact
    ("The department received 50,000 pages in 2014.", "The department received 55,000 pages in 2015."),
    # the statement's weekday is no day of the event: one event day on each side, the same
    ("The council said Monday that it voted on Friday to close the plant.", "The council voted on Friday to close "
     "the plant."),
    # a place the other claim only mentions is no common ground: a home town and a place of arrest
    ("The gunman, who lived in Ohio, was arrested in Texas by the FBI.", "The FBI arrested the Texas gunman in "
     "Florida."),
    # a point of reference is no place of the event ("near Miami", "10 miles from Aventura")
    ("The packages went through a postal facility 10 miles from Aventura.", "The packages went through a postal "
     "facility near Miami."),
    # a possessor fills no role: two of one family owning two things
    ("A post criticized Malia and Sasha Obama's appearance at the ceremony.", "A post criticized the daughters "
     "during President Barack Obama's address at the ceremony."),
    # two named variants, each value what its variant is ("E10" has 10%, "E15" 15%)
    ("The E10 blend, with 10% ethanol, is sold all year and the E15 blend is not.", "The waiver lets stations sell "
     "the E15 blend, fuel with 15 percent ethanol, all year."),
    # two people of one family with their titles: the same two
    ("Representative Linda Sánchez spoke.", "Rep. Linda Sanchez spoke first."),
]


@pytest.mark.parametrize("a,b", SILENT)
def test_slot_silent(a, b):
    assert kinds(a, b) == []


def test_numeric_names_the_closest_pair():
    a = "The fine was $3,544.00 and the fee $5,687.75 for the permit."
    b = "The fee for the permit was $5,587.75."
    d = numeric_difference(a, b, 0.8, 1)
    assert (d.a, d.b) == ("$5,687.75", "$5,587.75")


def test_a_time_one_side_names_still_splits_claims_not_known_to_be_one_fact():
    a = "In December the department was given 50,000 pages of printed emails."
    b = "The department said it had received 55,000 pages of her emails."
    assert numeric_difference(a, b, 0.9, 1) is None
    assert numeric_difference(a, b, 0.9, 1, aligned=True) is not None


def test_each_article_telling_its_own_days_news_is_no_date_difference():
    from contradict.stages.slots import date_difference

    mon, tue = dt.date(2012, 8, 20), dt.date(2012, 8, 21)
    a, b = "The candidate resisted calls to quit the race on Tuesday.", "The candidate resisted calls to quit on Monday."
    assert date_difference(a, b, tue, mon) is None  # each article's own day: two days of one fight
    assert date_difference(a, b, tue, tue) is not None  # one article's day against another's: a difference


def test_a_calendar_day_ahead_of_a_december_article_is_next_year():
    (_, day, _), = days("The vote is set for Jan. 2.", dt.date(2018, 12, 28))
    assert day == dt.date(2019, 1, 2)


def test_persons_read_after_the_last_title_and_without_a_suffix():
    from contradict.stages.slots import persons

    assert persons("Sen. Roberts Jr. spoke.") == {}  # a suffix is no family name

    assert persons("Defense Secretary James Mattis met Chief Justice John G. Roberts Jr. today.") == {
        "mattis": "James Mattis", "roberts": "John G. Roberts"}


def test_numeric_unaligned_still_needs_context():
    a = "The department received 50,000 pages of printed emails."
    b = "She turned over 55,000 pages of her emails to the department."
    assert numeric_difference(a, b, 0.62, 1) is None  # not known to be one fact: the old rule stays strict
    assert numeric_difference(a, b, 0.62, 1, aligned=True) is not None


def test_a_title_after_a_place_opens_the_next_phrase():
    from contradict.stages.slots import places

    assert places("At a 2008 event in Norfolk Senator Warren spoke to veterans.") == {"Norfolk"}
    assert places("Veterans gathered at Fort Hood on Monday.") == {"Fort Hood"}
