"""Word lists of sentence splitting and speakers by rule (:mod:`contradict.stages.claims`) and of cleaning
(:mod:`contradict.inputs.ingest`). A change that gives an article other claims must change
``claims.RULES_VERSION``."""

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
