"""English word lists and small rule tables, apart from the algorithms that use them (as pysbd keeps
its per-language data): sentence splitting and speakers (``claims``), cleaning (``ingest``), salient
entities (``pairs``). A change here that gives an article other claims must change ``claims.RULES_VERSION``.
"""

from __future__ import annotations

# ---------------------------------------------------------------- claims

ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "gen",
    "maj",
    "col",
    "lt",
    "sgt",
    "capt",
    "cmdr",
    "adm",
    "sen",
    "rep",
    "gov",
    "pres",
    "st",
    "jr",
    "sr",
    "rev",
    "hon",
    "amb",
    "gens",
    "cpl",
    "pvt",
    "supt",
    "atty",
    "dept",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "no",
    "nos",
    "vs",
    "etc",
    "e.g",
    "i.e",
    "inc",
    "corp",
    "ltd",
    "co",
    "bros",
    "approx",
    "est",
    "fig",
    "vol",
    "u.s",
    "u.k",
    "u.n",
    "d.c",
    "a.m",
    "p.m",
    "u.s.a",
    "e.u",
    "ft",
    "mt",
    "ave",
    "blvd",
    "mass",
    "calif",
    "fla",
    "wis",
    "ill",
    "tex",
    "ariz",
    "penn",
    "va",
    "wash",
    "mich",
    "minn",
    "conn",
    "ore",
}

# Words that, capitalised after "U.S." or a similar acronym, start a new sentence.
SENTENCE_STARTERS = {
    "the",
    "it",
    "he",
    "she",
    "they",
    "we",
    "i",
    "but",
    "and",
    "in",
    "this",
    "that",
    "these",
    "those",
    "a",
    "an",
    "there",
    "however",
    "yet",
    "so",
    "as",
    "at",
    "on",
    "for",
    "if",
    "when",
    "while",
    "after",
}

ACRONYM_ABBREVIATIONS = {"u.s", "u.k", "u.n", "d.c", "u.s.a", "e.u"}

SAY_VERBS = (
    "said|says|say|told|tells|claimed|claims|claim|argued|argues|argue|stated|states|acknowledged|acknowledges"
    "|added|adds|insisted|insists|warned|warns|wrote|writes|reported|reports|noted|notes|explained|explains"
    "|alleged|alleges|announced|announces|admitted|admits|asserted|asserts|contended|contends|maintained"
    "|maintains|suggested|suggests|testified|declared|declares|believes|believed|stressed|denied|denies"
    "|confirmed|confirms|responded|concluded|concludes|revealed|reveals|would note"
)

DETERMINERS = {"the", "a", "an", "his", "her", "its", "our", "my", "this", "that", "their", "your"}

AUX_WORDS = {"has", "have", "had", "would", "will", "also"}

LY_NOUNS = {"family", "ally", "assembly", "rally", "supply", "monopoly", "daily", "weekly"}

AMBIGUOUS_SAY_VERBS = {"reports", "report", "claims", "claim", "notes", "note", "states", "say"}

# titles written with a period before a name ("Rep. Steve King"): part of a speaker, not its end
HONORIFICS = "Rep|Sen|Gov|Mr|Ms|Mrs|Dr|Gen|Lt|Col|Sgt|Capt|Adm|Prof|Rev|Atty|Supt|Lt\\. Gov"
# lower-case words a speaker phrase may open with ("the aide", "a spokesman", "several people")
SPEAKER_DETERMINERS = {"the", "a", "an", "one", "two", "three", "several", "some", "many", "most", "other",
                       "another", "officials", "critics", "supporters", "unnamed", "his", "her", "their", "its"}

PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "this", "these"}

NOT_SPEAKER_BEFORE = {"these", "those", "such", "the", "media", "news", "press", "their", "its", "his", "her"}

NAME_JOINERS = {"and", "of", "the", "de", "da", "del", "van", "von", "der", "al", "bin", "y", "&"}

TITLE_SMALL_WORDS = {
    "of",
    "on",
    "in",
    "for",
    "and",
    "with",
    "to",
    "about",
    "from",
    "at",
    "by",
    "or",
    "the",
    "a",
    "an",
    "&",
    "over",
    "under",
    "after",
    "before",
    "into",
    "vs",
    "as",
    "regarding",
}  # words a title keeps lowercase

# ---------------------------------------------------------------- ingest

# Publisher notices and photo credits wherever they stand (a short line here; a sentence in claims).
NOTICE_PHRASES = (
    r"toggle caption|enlarge this image|opt[- ]out at any time|special offers|opinions expressed (by|in)"
    r"|do not (necessarily )?(represent|reflect) the views|to your inbox|making a contribution"
    r"|financial contribution|rush transcript|may not be in its final form|^must watch\b"
)

# Strings of which a line must hold (case-folded) at least one for ingest's boilerplate pattern to match it:
# one or more for each of its alternatives (and NOTICE_PHRASES'), so a line with none skips the pattern.
# ingest tests that each alternative is covered; a new alternative needs its string here.
BOILERPLATE_NEEDS = (
    "copyright", "©", "(c) ", "all rights reserved", "disclaimer", "the views", "original source of this",
    "comment on ", "become a member", "articles by:", "media inquiries", "share buttons", "forward this article",
    "crosspost", "subscribe", "sign up for", "newsletter", "follow", "click here", "share this", "featured image",
    "note to readers", "support ", "donate", "read more:", "related:", "advertisement", ":", "story continued below",
    "credit", "courtesy", " photo", "toggle caption", "enlarge this image", "opt", "special offers",
    "opinions expressed", "to your inbox", "making a contribution", "financial contribution", "rush transcript",
    "may not be in its final form", "must watch", "hide caption", "without charge to any eligible",
    "homepage for more stories", "journalism", "check out", "skip ", "editorial board", "updated", "posted",
)
BOILERPLATE_STARTS = ("by",)  # or start with one of these (the byline alternative, "^by\s+...")

ENGLISH_STOPWORDS = set(
    "the of and to in a is that for it as was with on be by are this from at have has not "
    "which but or an they his her their were been its who will would".split()
)

# ---------------------------------------------------------------- pairs

ENTITY_ALIASES = {
    "u.s.": "US",
    "us": "US",
    "u.s": "US",
    "usa": "US",
    "u.s.a.": "US",
    "united states": "US",
    "america": "US",
    "american": "US",
    "americans": "US",
    "u.k.": "UK",
    "uk": "UK",
    "britain": "UK",
    "united kingdom": "UK",
    "british": "UK",
    "u.n.": "UN",
    "un": "UN",
    "united nations": "UN",
    "isis": "ISIS",
    "isil": "ISIS",
    "islamic state": "ISIS",
    "daesh": "ISIS",
    "the islamic state": "ISIS",
    "e.u.": "EU",
    "eu": "EU",
    "european union": "EU",
    # capitals that news uses for their governments
    "washington": "US",
    "tehran": "Iran",
    "iranian": "Iran",
    "iranians": "Iran",
    "moscow": "Russia",
    "kremlin": "Russia",
    "russian": "Russia",
    "beijing": "China",
    "chinese": "China",
    "damascus": "Syria",
    "syrian": "Syria",
    "ankara": "Turkey",
    "turkish": "Turkey",
    "riyadh": "Saudi Arabia",
    "saudi": "Saudi Arabia",
    "iraqi": "Iraq",
    "israeli": "Israel",
    "kurdish": "Kurds",
}

NOT_NAME_STARTS = {
    "the",
    "a",
    "an",
    "in",
    "on",
    "at",
    "but",
    "and",
    "or",
    "if",
    "when",
    "while",
    "this",
    "that",
    "these",
    "those",
    "it",
    "he",
    "she",
    "they",
    "we",
    "i",
    "as",
    "for",
    "with",
    "from",
    "by",
    "after",
    "before",
    "however",
    "despite",
    "since",
    "though",
    "although",
    "yet",
    "so",
    "there",
    "its",
    "his",
    "her",
    "their",
    "our",
    "what",
    "whatever",
    "even",
    "last",
    "first",
    "one",
    "some",
    "many",
    "most",
    "all",
    "no",
    "not",
    "according",
    "indeed",
    "meanwhile",
    "now",
    "then",
    "under",
    "over",
    "during",
    "until",
    "both",
    "each",
}

MONTHS_PATTERN = "january|february|march|april|may|june|july|august|september|october|november|december"
MONTH_ABBREVIATIONS = "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"

# ---------------------------------------------------------------- stories

# words that never label a story: function words, weekdays, and headline filler
LABEL_STOPWORDS = ENGLISH_STOPWORDS | {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "says", "said", "say", "new",
    "after", "over", "about", "into", "up", "out", "more", "than", "what", "why", "how", "just", "amid", "could",
    "may", "can", "should", "he", "she", "we", "i", "you", "my", "our", "your", "him", "them", "us", "no", "not",
    "all", "one", "two", "first", "last", "now", "get", "gets", "report", "video", "watch", "live", "opinion",
    "exclusive", "breaking", "update", "news", "mr", "mrs", "ms", "do", "does", "did", "if", "so", "as", "when",
    "i’m", "i'm", "i’ve", "i've", "we’re", "we're", "it’s", "it's",
}

# titles that name nobody on their own: never a story's key name
LABEL_TITLE_WORDS = {"president", "rep", "sen", "gov", "former", "senator", "governor", "secretary", "minister",
                     "mr", "mrs", "ms", "dr", "gen", "judge", "justice", "speaker", "leader", "chairman", "prime"}

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

# ---------------------------------------------------------------- frames (contradict.stages.frames)

# spaCy entity labels that name actors: people, organisations, countries and places that act, groups.
ACTOR_LABELS = {"PERSON", "ORG", "GPE", "NORP"}

# Relation triggers by lemma (verbs, nouns, adjectives; a participle in "US-backed" counts as its verb).
# CAMEO's cooperation/conflict split, reduced to four roles.
SUPPORT_WORDS = {
    "support", "back", "fund", "finance", "bankroll", "arm", "train", "sponsor", "supply", "equip", "aid",
    "assist", "help", "prop", "bolster", "protect", "defend", "endorse", "champion", "subsidize", "shield",
    "rescue", "sponsorship", "backer", "patron", "proxy", "funding", "supporter", "benefactor", "financier",
    "install", "create", "empower", "embrace", "praise", "rally", "reward", "harbor", "host", "recruit",
    "training", "facilitate", "complicity", "sponsored",
    # CAMEO's verbal and material cooperation (praise, endorse, provide aid, appoint) as news words it
    "endorsement", "backing", "commend", "applaud", "hail", "thank", "congratulate", "welcome", "appoint",
    "nominate", "hire", "represent", "advise", "donate", "grant", "lend", "loan", "shelter",
    "vouch", "favor", "favour", "supportive", "defender",
}
ALLY_WORDS = {
    "ally", "alliance", "allied", "partner", "partnership", "cooperate", "cooperation", "collaborate",
    "collaboration", "coordinate", "coordination", "friend", "friendship", "rapprochement", "collude",
    "collusion", "coalition", "unite", "align", "reconcile",
}
OPPOSE_WORDS = {
    "fight", "attack", "oppose", "sanction", "strike", "bomb", "battle", "combat", "target", "condemn",
    "criticize", "criticise", "denounce", "invade", "kill", "defeat", "beat", "crush", "counter", "confront",
    "resist", "war", "struggle", "enemy", "rival", "adversary", "foe", "opponent", "opposition", "hostility",
    "conflict", "clash", "punish", "retaliate", "blockade", "embargo", "besiege", "occupy", "topple",
    "overthrow", "destroy", "accuse", "blame", "sue", "indict", "investigate", "prosecute", "impeach",
    "reject", "block", "slam", "blast", "rebuke", "assail", "lambaste", "vilify", "undermine", "sabotage",
    "betray", "fire", "arrest", "expel", "ban", "boycott", "challenge", "defy", "offensive", "airstrike",
    "sanctions", "massacre", "assassinate", "terrorize", "persecute", "oppress", "repress", "crackdown",
    "assault", "raid", "kidnap", "abduct", "execute", "slaughter", "bombard", "shell", "ambush", "torture",
    "isolate", "invasion", "bombing",
    # CAMEO's verbal and material conflict (criticise, accuse, demand, investigate, coerce, assault)
    "criticism", "critic", "mock", "ridicule", "deride", "insult", "scold", "admonish", "chastise", "excoriate",
    "berate", "disparage", "castigate", "fault", "dispute", "object", "veto", "protest", "subpoena",
    "convict", "detain", "oust", "unseat", "obstruct", "filibuster", "feud", "spar", "quarrel",
    "rivalry", "tension", "pressure", "seize", "capture", "murder", "shoot", "deport", "condemnation",
    "attacker", "assailant", "critique", "smear", "demonize", "lawsuit", "taunt", "mocking",
    "hostile", "interfere", "interference", "meddle", "meddling",
}
# Irregular forms of relation verbs: the cheap filter before parsing looks for word stems, and "fought" does not
# start like "fight".
IRREGULAR_FORMS = {"fight": "fought", "strike": "struck", "go": "went", "run": "ran", "stand": "stood",
                   "shoot": "shot", "lend": "lent", "speak": "spoke", "overthrow": "overthrew", "tear": "tore",
                   "seek": "sought", "slay": "slew", "bring": "brought"}
THREAT_WORDS = {"threaten", "threat", "endanger", "menace", "jeopardize", "imperil", "intimidate", "danger"}
# "fight with X" is ambiguous (alongside or against): a verb of this set followed by "with" reads allied
# only when it is in ALLY_WITH; "alongside" always reads allied.
ALLY_WITH = {"work", "side", "team", "join", "stand", "cooperate", "collaborate", "partner", "coordinate", "ally"}
ALLY_PREPOSITIONS = {"alongside"}
# Words that carry a relation only with a preposition ("vote for", "turn on", "at odds with", "side with").
PREPOSITION_RELATIONS = {
    "vote": {"for": "supports", "against": "opposes"},
    "stand": {"with": "allied with", "by": "supports", "behind": "supports", "against": "opposes"},
    "side": {"with": "allied with", "against": "opposes"},
    "tear": {"into": "opposes"},
    "single": {"out": "opposes"},
    "behalf": {"of": "supports"},
    "turn": {"on": "opposes", "against": "opposes"},
    "run": {"against": "opposes"},
    "go": {"after": "opposes", "against": "opposes"},
    "speak": {"against": "opposes", "for": "supports"},
    "rally": {"behind": "supports", "around": "supports", "against": "opposes"},
    "work": {"with": "allied with", "for": "supports", "against": "opposes"},
    "odds": {"with": "opposes"},
    "lash": {"out": "opposes"},
}
# Heads of noun phrases that stand for the actor modifying them ("US forces", "Iranian militias", "UK
# intelligence"); other heads do not ("his Syria decision" is not Syria).
ACTOR_HEAD_NOUNS = {
    "force", "forces", "troop", "army", "military", "militia", "fighter", "soldier", "official", "government",
    "administration", "regime", "leader", "leadership", "planner", "intelligence", "police", "authority",
    "diplomat", "agent", "rebel", "jet", "aircraft", "warplane", "navy", "coalition", "ally", "lawmaker",
    "member", "senator", "voter", "supporter", "party", "delegation", "officer", "commander", "spy", "agency",
    "ministry", "embassy", "company", "bank", "media", "campaign", "aide", "staff", "negotiator", "envoy",
    "ambassador", "spokesman", "spokeswoman", "minister", "president", "group", "unit", "proxy", "drone",
    "helicopter", "security", "service", "state", "people", "side", "camp", "establishment", "elite", "court",
    "prosecutor", "investigator", "operative", "mercenary", "guard", "militant", "insurgent", "jihadist",
    "power", "artillery", "tank", "weapon", "attack", "strike", "airstrike", "raid", "bombing", "offensive",
    "operation", "invasion", "intervention", "assault", "missile",
}
# Heads whose possessor is the one who acts ("Tehran's objective is to defeat Washington", "Trump's decision to
# strike Syria").
INTENT_NOUNS = {"objective", "goal", "aim", "strategy", "policy", "plan", "intention", "purpose", "decision",
                "effort", "attempt", "campaign", "bid", "order", "threat", "promise", "vow", "pledge"}
# Prepositions inside a noun phrase that lead to the actor it is about ("the homes of Carrow", "schools in Gaza").
NP_PREPOSITIONS = {"of", "in"}
# Prepositions that introduce the agent of a relation noun or a passive participle ("support from the UK",
# "the invasion of Iraq by ISIS", "militias armed with US weapons").
AGENT_PREPOSITIONS = {"by", "from"}
# Prepositions that introduce a relation's target ("war against X", "support for X", "threat to X").
TARGET_PREPOSITIONS = {"against", "on", "for", "to", "with", "of", "at", "into", "toward", "towards", "over",
                       "between", "among", "alongside", "behind"}
# Words that attribute a claim to a source the writer does not vouch for: the claim weighs little.
DISPUTE_WORDS = {"allegedly", "supposedly", "purportedly", "ostensibly", "nominally", "so-called", "falsely",
                 "supposed", "alleged", "purported"}
DISPUTE_LEMMAS = {"claim", "allege", "pretend", "purport", "profess", "feign"}
# Words above a relation that deny it ("unlikely to defend", "refused to back", "failed to stop").
NEGATING_HEADS = {"unlikely", "refuse", "fail", "deny", "decline", "stop", "cease", "reluctant", "unwilling"}
# Opposing words that cast no threat (blame, issue 39): a quarrel in words, votes or courts. The rest of
# OPPOSE_WORDS (force, and what stands in the way) cast their agent as a threat.
VERBAL_CONFLICT = {
    "oppose", "opposition", "opponent", "rival", "rivalry", "criticize", "criticise", "criticism", "critic", "critique",
    "reject", "slam", "blast", "rebuke", "assail", "lambaste", "vilify", "mock", "mocking", "ridicule", "deride",
    "insult", "scold", "admonish", "chastise", "excoriate", "berate", "disparage", "castigate", "dispute", "object",
    "veto", "protest", "subpoena", "sue", "lawsuit", "indict", "investigate", "prosecute", "impeach", "convict",
    "filibuster", "feud", "spar", "quarrel", "tension", "smear", "demonize", "taunt", "challenge", "defy", "beat",
    "unseat", "oust", "fire", "vote", "counter", "boycott", "pressure",
}
# Opposing words that cast their target as the culprit, not their agent as a threat: "Saudi Arabia blamed Iran".
ACCUSE_WORDS = {"accuse", "blame", "condemn", "condemnation", "denounce", "fault"}
# Words above a relation that make their own subject its obstacle, not its agent: "Iran is an impediment towards
# defeating ISIS" (Iran does not fight ISIS), "Iran makes it impossible for the US to beat ISIS" (Iran against the US).
OBSTRUCT_HEADS = {"impediment", "obstacle", "hurdle", "barrier", "roadblock", "obstruct", "impede", "hinder", "hamper",
                  "thwart", "prevent", "stymie", "frustrate", "derail", "complicate", "block", "undermine", "sabotage",
                  "impossible", "harder", "difficult"}
# Modal verbs that make a relation a wish, a duty or a possibility.
HEDGE_MODALS = {"should", "could", "would", "might", "may", "must", "ought"}
# Definite noun phrases that stand for an actor named in the sentence before ("the group", "the regime").
ANAPHOR_NOUNS = {
    "group": "ORG", "organization": "ORG", "organisation": "ORG", "militants": "ORG", "militia": "ORG",
    "movement": "ORG", "party": "ORG", "company": "ORG", "agency": "ORG", "network": "ORG",
    "government": "GPE", "regime": "GPE", "country": "GPE", "nation": "GPE", "state": "GPE",
    "administration": "GPE", "kingdom": "GPE", "republic": "GPE",
}
ANAPHOR_PRONOUNS = {"he": "PERSON", "she": "PERSON", "it": "ORG GPE", "they": "ORG GPE NORP"}
# Connectors kept inside a multi-word actor name ("Islamic State of Iraq and the Levant").
ACTOR_NAME_JOINERS = {"of", "and", "the", "for", "de", "al", "&"}
# Words of an organisation's name that an acronym skips ("ISIL": Islamic State of Iraq and the Levant).
ACRONYM_SKIP = {"of", "and", "the", "for", "in", "on", "&", "de"}
# Honorifics and titles stripped from the front of a person's name.
ACTOR_TITLES = {"president", "prime", "minister", "gen", "general", "sen", "senator", "rep", "gov", "governor",
                "mr", "mrs", "ms", "dr", "secretary", "ambassador", "chairman", "king", "queen", "prince",
                "sheikh", "ayatollah", "speaker", "leader", "former", "vice", "chief", "judge", "justice",
                "mayor", "commander", "col", "colonel", "lt", "captain", "capt", "adm", "admiral", "rev", "sheriff"}

# ---------------------------------------------------------------- speakers from the parse (speakers.py, issue 40)
# Reporting verbs (base forms; speakers.py inflects them, irregular forms below): the subject of one of these,
# outside quotation marks, is who a sentence reports.
REPORTING_VERBS = {
    "say", "tell", "claim", "deny", "accuse", "argue", "warn", "add", "insist", "write", "note", "explain",
    "allege", "announce", "admit", "assert", "contend", "maintain", "suggest", "testify", "declare", "stress",
    "confirm", "respond", "conclude", "reveal", "acknowledge", "ask", "reply", "predict", "caution", "complain",
    "concede", "emphasize", "estimate", "report", "state", "tweet", "counter", "recount", "observe",
    "dismiss", "charge", "agree", "disagree", "cite", "remark", "boast", "lament", "urge", "vow", "promise",
    "recall", "speculate", "posit", "assure", "retort", "quip", "concur", "worry",
}
REPORTING_IRREGULAR = {"said": "say", "told": "tell", "wrote": "write", "written": "write", "admitted": "admit",
                       "admitting": "admit", "quipped": "quip", "quipping": "quip", "concurred": "concur",
                       "concurring": "concur"}
# a reporting verb only with a clause or a quote after it ("he noted that", not "he noted the date")
REPORTING_NEEDS_CLAUSE = {"note", "add", "state", "report", "charge", "dismiss", "agree", "boast", "maintain",
                          "observe", "urge", "promise", "vow", "worry", "recall", "estimate", "write"}
# heads that never speak: laws and legal texts, times, amounts ("The 14th Amendment says", "52 p.m.")
NOT_SPEAKER_HEADS = {
    "amendment", "constitution", "law", "act", "statute", "clause", "bill", "treaty", "code", "section",
    "percent", "%", "p.m.", "a.m.", "pm", "am", "time", "day", "week", "month", "year", "night", "morning",
    "afternoon", "evening", "hour", "minute", "today", "yesterday", "tomorrow", "thing", "idea", "question",
    "answer", "fact", "data", "number", "figure", "headline", "title", "phrase", "word", "sign", "none",
    "remarks", "remark", "comments", "comment", "evidence", "order",
}
# entity labels that never speak
NOT_SPEAKER_LABELS = {"DATE", "TIME", "CARDINAL", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "LAW"}
# words that make a DATE/TIME entity a date: a proper name the recogniser typed DATE without one of these (the
# "Minneapolis StarTribune reported") is still a speaker
DATE_WORDS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "monday",
    "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "christmas", "easter", "thanksgiving",
    "ramadan", "halloween", "day", "eve", "week", "weekend", "month", "year", "season", "spring", "summer",
    "autumn", "fall", "winter", "morning", "afternoon", "evening", "night", "noon", "midnight", "today",
}
# pronouns that speak for someone named elsewhere ("he said") and the writer's own ("I told him", "we asked")
RESOLVED_PRONOUNS = {"he", "she", "they", "it"}
WRITER_PRONOUNS = {"i", "we", "you"}
# indefinite pronouns that are a speaker as they stand ("someone close to him said", "others argue")
INDEFINITE_SPEAKERS = {"someone", "somebody", "others", "many", "some", "few", "both", "several", "critics"}
# common nouns for a person (a "he" or "she" may stand for one): "a spokesman said ... he added"
PERSON_NOUNS = {
    "official", "spokesman", "spokeswoman", "spokesperson", "minister", "president", "analyst", "expert",
    "lawyer", "attorney", "senator", "governor", "leader", "director", "chairman", "chairwoman", "secretary",
    "adviser", "advisor", "aide", "source", "man", "woman", "resident", "witness", "officer", "commander",
    "professor", "economist", "strategist", "pollster", "candidate", "mayor", "judge", "prosecutor", "author",
    "researcher", "executive", "founder", "member", "representative", "diplomat", "ambassador", "activist",
    "teacher", "student", "doctor", "nurse", "worker", "employee", "owner", "manager", "parent", "mother",
    "father", "son", "daughter", "wife", "husband", "boy", "girl", "pastor", "priest", "chief", "sheriff",
    "coach", "player", "host", "reporter", "journalist", "writer", "editor", "victim", "suspect", "nominee",
    "lawmaker", "congressman", "congresswoman", "entrepreneur", "investor", "farmer", "soldier", "veteran",
    "scientist", "physician", "president-elect", "incumbent", "challenger", "plaintiff", "defendant",
}

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
