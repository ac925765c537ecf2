"""Word lists of the kinds of disagreement (:mod:`contradict.stages.kinds`), why a pair disagrees
(numbers, bounds, negations, dates, places, antonyms) and anchored slots (:mod:`contradict.stages.anchors`)."""

from __future__ import annotations

from contradict.words.entities import MONTHS_PATTERN

# ---------------------------------------------------------------- kinds of disagreement

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

NUMBER_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
}
SCALE_WORDS = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}

# words between a number and the thing it counts that do not name the thing ("52 more people", "3 of the")
QUANTITY_SKIP = {
    "more", "other", "additional", "new", "of", "the", "those", "these", "its", "their", "his", "her", "our",
    "american", "u.s.", "us", "people's", "percent", "per", "cent", "%", "to", "or", "and", "nearly", "about",
    "some", "total", "year-old", "years-old", "old", "in", "a", "an", "than", "such",
}
# things counted that are not the subject of a disagreement by themselves (ages, ordinal years, times)
QUANTITY_NOT_THINGS = {
    "am", "pm", "a.m.", "p.m.", "o'clock", "minutes", "minute", "seconds", "second", "percent", "times", "time",
    "th", "st", "nd", "rd", "points", "point", "of", "to", "and", "or", "in", "on", "at", "was", "were", "is",
    "are", "has", "had", "have", "will", "would", "that", "which", "who", "for", "from", "by", "with",
    "every", "each", "per", "a", "an", "out", "more", "less", "than",
    "year", "years", "month", "months", "week", "weeks", "day", "days", "hour", "hours",  # spans of different things
}
# words around a quantity that say nothing about what it counts
CONTEXT_STOPWORDS = {
    "said", "says", "say", "according", "about", "also", "after", "before", "than", "more", "less", "least", "just",
    "some", "there", "would", "could", "into", "over", "under", "what", "when", "where", "while", "other", "since",
    "mr", "mrs", "ms", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "billion",
    "million", "thousand", "percent", "only", "nearly", "almost", "around", "per", "each", "all", "any",
    "during", "through", "between", "against", "without", "within", "among", "until", "upon",
}
# words near a number that fix what it refers to: two values with different ones are two references, not a
# disagreement ("196,000 jobs in March" vs "223,000 a month in 2018"; "the previous record was 48 inches")
PERIOD_WORDS = set(MONTHS_PATTERN.split("|")) | {
    "average", "record", "previous", "prior", "total", "additional", "another", "quarter", "annual", "annually",
    "yearly", "monthly", "weekly", "daily", "per", "target", "goal", "limit", "level", "peak", "projected",
    "expected", "forecast", "estimate", "estimated", "initially", "originally", "earlier", "later", "now",
}
# "at least 50" vs "52" is no disagreement: a bound agrees with the values it admits
QUANTITY_BOUNDS = ("at least", "more than", "over", "nearly", "almost", "about", "around", "roughly", "up to",
                   "fewer than", "less than", "under", "some", "approximately", "estimated", "as many as",
                   "dozens of", "hundreds of", "thousands of")
# which way a bound admits: a lower bound the values above it ("more than 20" admits 23), an upper bound those below
# ("up to 1.6 million" admits 1.5 million); the others are approximations ("about $3.6 billion"), which admit what
# rounds to them at their own precision (3.55 to 3.65 billion), and plural scales ("dozens of"), which admit alike
LOWER_BOUNDS = {"at least", "more than", "over"}
UPPER_BOUNDS = {"nearly", "almost", "up to", "fewer than", "less than", "under", "as many as"}

# ---------------------------------------------------------------- why a pair disagrees

NEGATIONS = {"not", "no", "never", "nobody", "none", "nothing", "neither", "nor", "cannot", "can't", "didn't", "don't",
             "doesn't", "isn't", "wasn't", "weren't", "won't", "wouldn't", "hasn't", "haven't", "hadn't", "denied",
             "denies", "deny", "without"}
# verbs that take "over" as a particle, not a bound: "turned over 55,000 pages" is 55,000 pages (contradict.stages.kinds)
OVER_PARTICLE_VERBS = {"turn", "turned", "turns", "turning", "hand", "handed", "hands", "handing", "take", "took",
                       "taken", "takes", "taking", "give", "gave", "given", "gives", "pass", "passed", "signed", "sign",
                       "fork", "forked", "shell", "shelled", "won", "win", "wins"}
# what a count counts in a story of many counts: two sides counting different ones count different quantities
# ("12 killed" / "40 wounded"; "$5.7 billion requested" / "$1.4 billion granted"), read only within a fact
QUANTITY_ROLES = {"kill", "killed", "die", "died", "dead", "wound", "wounded", "injure", "injured", "hurt",
                  "arrest", "arrested", "detain", "detained", "missing", "displace", "displaced", "evacuate",
                  "evacuated", "rescue", "rescued", "request", "requested", "grant", "granted", "approve",
                  "approved", "spend", "spent", "raise", "raised", "demand", "demanded", "offer", "offered", "seek",
                  "sought", "receive", "received", "pay", "paid", "owe", "owed", "cost", "save", "saved", "lose",
                  "lost", "win", "won", "earn", "earned", "fine", "fined", "sentence", "sentenced"}
# words that say a claim was denied or is false (contradict.stages.slots): "denied that he had resigned"
DENIAL_WORDS = {"denied", "denies", "deny", "denying", "refuted", "refutes", "disputed", "disputes", "rejected",
                "rejects"}
# words that put a weekday ahead of the article's date: "will vote on Tuesday"
FUTURE_MARKERS = {"will", "next", "plans", "planned", "scheduled", "expected", "upcoming", "would", "set", "coming"}
# titles a person's name may follow besides the actors' (contradict.words.frames.ACTOR_TITLES), read as no first name by
# the person slot ("Representative Linda T. Sánchez", "Attorney General Jeff Sessions")
NAME_TITLES = {"representative", "congressman", "congresswoman", "senators", "attorney", "atty", "sgt", "prof",
               "professor", "supt", "lieutenant", "sergeant", "officer", "detective", "director", "spokesman",
               "spokeswoman", "chairwoman", "chancellor", "councilman", "councilwoman", "lady", "sir", "dame", "pope",
               "saint", "st", "deputy", "assistant", "acting", "candidate", "nominee", "rabbi", "imam", "bishop",
               "cardinal", "father", "sister", "brother", "coach", "premier", "emir", "crown"}
# words that end a person's name without being it ("John G. Roberts Jr.")
NAME_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
# verbs of saying whose weekday dates the statement ("said Monday", "announced late Sunday"), not the event it reports
STATEMENT_VERBS = {"said", "says", "told", "announced", "announces", "reported", "confirmed", "confirms", "stated",
                   "added", "tweeted", "wrote", "declared", "revealed", "disclosed", "acknowledged", "insisted",
                   "testified", "warned", "argued", "claimed", "noted", "explained", "indicated", "signaled"}
# capitalised words after "in"/"at" that are no place of an event ("in Congress", "at The Times")
NOT_PLACES = {"the", "a", "an", "congress", "senate", "house", "court", "office", "government", "administration",
              "washington", "american", "america", "state", "states", "department", "committee", "his", "her",
              "their", "its", "our", "this", "that", "these", "those", "mr", "mrs", "ms", "dr", "president",
              "sen", "rep", "gov", "general", "january", "february", "march", "april", "may", "june", "july",
              "august", "september", "october", "november", "december", "twitter", "facebook", "fox", "cnn",
              "democrats", "republicans", "democratic", "republican", "order", "addition", "fact", "part",
              "response", "particular", "all", "some", "one", "first", "last", "new", "i", "he", "she",
              "it", "they", "we", "you", "there", "here", "when", "while", "after", "before", "during"}
# pairs of words of opposite sense; each word is read by its stem (kinds.stem), either side may carry either
ANTONYMS = (
    ("increase", "decrease"), ("rise", "fall"), ("rose", "fell"), ("up", "down"), ("win", "lose"), ("won", "lost"),
    ("approve", "reject"), ("approved", "rejected"), ("accept", "refuse"), ("safe", "unsafe"), ("legal", "illegal"),
    ("support", "oppose"), ("supports", "opposes"), ("ally", "enemy"), ("allies", "enemies"), ("before", "after"),
    ("more", "less"), ("higher", "lower"), ("true", "false"), ("guilty", "innocent"), ("open", "closed"),
    ("alive", "dead"), ("confirmed", "denied"), ("first", "last"), ("majority", "minority"), ("gain", "loss"),
    ("expand", "cut"), ("raise", "lower"), ("begin", "end"), ("agree", "disagree"), ("success", "failure"),
)

# ---------------------------------------------------------------- anchored slots (contradict.stages.anchors)
# event words one event may be told with ("the House voted" / "the bill passed the House"): each group is one event
EVENT_CLASSES = (
    ("vote", "voted", "pass", "passed", "approve", "approved", "adopt", "adopted"),
    ("speak", "spoke", "speech", "address", "remarks", "rally"),
    ("kill", "killed", "die", "died", "dead", "death", "deaths"),
    ("arrest", "arrested", "detain", "detained"),
    ("fire", "fired", "dismiss", "dismissed", "oust", "ousted"),
    ("resign", "resigned", "quit", "resignation"),
    ("win", "won", "defeat", "defeated", "beat", "victory"),
    ("sign", "signed", "signing"),
    ("meet", "met", "meeting"),
    # one transfer, told from either side ("delivered to the department" / "the department received")
    # (not "give" or "send": "gave Trump until 6 p.m." and "sent a letter setting 5 p.m." are two deadlines)
    # (nor "turn": "turned down $5 million", "turned a profit")
    ("deliver", "delivered", "receive", "received", "hand", "handed", "submit", "submitted"),
    ("attack", "attacked", "strike", "struck", "airstrike", "airstrikes", "bomb", "bombed", "bombing"),
)
# nouns of time, counting and measure a value hangs from that name no event ("Saturday night", "54 percent")
NOT_EVENT_HEADS = {"night", "morning", "evening", "afternoon", "day", "days", "week", "weeks", "weekend", "month",
                   "months", "year", "years", "time", "times", "percent", "%", "point", "points", "number",
                   "total", "people", "person", "dollar", "dollars", "hour", "hours", "minute", "minutes", "p.m.",
                   "a.m.", "today", "tonight", "deadline", "date", "period", "one", "lot", "part", "some", "many"}
# words that make a count a part of another ("three other Americans", "10 more seats", "another 5")
PART_WORDS = {"other", "more", "additional", "another", "extra", "further", "fewer", "less"}
# words that set a value as a point of reference ("the lowest since 2017", "the most since 1987")
REFERENCE_WORDS = {"since", "than", "until", "before"}
# words of a poll: its numbers are never compared across outlets (another poll, group or week each time)
POLL_WORDS = {"poll", "polls", "polling", "survey", "surveys", "pollster", "pollsters", "respondents",
              "electorate", "favorability", "approval", "disapproval"}
# given names and their usual short forms: one person written two ways is no second person
GIVEN_NAME_VARIANTS = [set(g) for g in (
    ("william", "bill", "billy", "will"), ("robert", "bob", "bobby", "rob"), ("michael", "mike"),
    ("james", "jim", "jimmy"), ("richard", "rick", "dick", "rich"), ("thomas", "tom", "tommy"),
    ("joseph", "joe"), ("charles", "chuck", "charlie"), ("edward", "ed", "ted", "teddy"),
    ("elizabeth", "liz", "beth", "betsy"), ("katherine", "kate", "kathy", "catherine"), ("daniel", "dan", "danny"),
    ("christopher", "chris"), ("nicholas", "nick"), ("anthony", "tony"), ("steven", "steve", "stephen"),
    ("jonathan", "jon"), ("matthew", "matt"), ("benjamin", "ben"), ("alexander", "alex"), ("andrew", "andy"),
    ("donald", "don"), ("ronald", "ron"), ("gregory", "greg"), ("kenneth", "ken"), ("patrick", "pat"),
    ("samuel", "sam"), ("timothy", "tim"), ("peter", "pete"), ("david", "dave"), ("lawrence", "larry"),
    ("jeffrey", "jeff"), ("frederick", "fred"), ("susan", "sue"), ("deborah", "debbie", "deb"),
    ("margaret", "maggie", "peggy"), ("rebecca", "becky"), ("jennifer", "jen", "jenny"), ("mitchell", "mitch"),
    ("theodore", "ted"), ("zachary", "zach"), ("abraham", "abe"), ("vincent", "vince"), ("raymond", "ray"),
)]

# Page furniture: lines of a web page that are not the article's statements (a video player's promo, a photo's
# caption or credit line, a gallery link, a byline, a publisher's note). Two of them "contradict" only as two
# pages' furniture (read on abp_5k: "JUST WATCHED ... Replay More Videos ...", "Editor's note: As a public
# service, ...", "FILE PHOTO: ...", "Analysis by ..., BBC News"; none of the 91 labelled pairs holding one was a
# contradiction). Case-insensitive patterns, each anchored at the claim's start unless it says otherwise.
PAGE_FURNITURE = (
    r"editor['’]s note\b",
    r"just watched\b",
    r".*\breplay more videos\b",
    r"file photo\b",
    r"photos?:",
    r"see the best photos\b",
    r"analysis by\b",
    r"media playback is unsupported\b",
)

# Words after which a year dates what a claim tells ("in 2003", "during 2003", "the invasion of 2003"): a year after
# "since" starts something still going on, and one standing alone may be a count or a code ("2000 troops",
# "Resolution 2003", "1930 GMT").
YEAR_PREPOSITIONS = ("in", "during", "of", "until", "from")
