"""Word lists of speakers read from the parse (:mod:`contradict.stages.speakers`, issue 40): reporting
verbs, heads and labels that never speak, pronouns, person nouns."""

from __future__ import annotations

# ---------------------------------------------------------------- speakers from the parse (speakers.py, issue 40)
# Reporting verbs (base forms; speakers.py inflects them, irregular forms below): the subject of one of these,
# outside quotation marks, is who a sentence reports.
REPORTING_VERBS = {
    "say", "tell", "claim", "deny", "accuse", "argue", "warn", "add", "insist", "write", "note", "explain",
    "allege", "announce", "admit", "assert", "contend", "maintain", "suggest", "testify", "declare", "stress",
    "confirm", "respond", "conclude", "reveal", "acknowledge", "ask", "reply", "predict", "caution", "complain",
    "concede", "emphasize", "estimate", "report", "state", "tweet", "counter", "recount", "observe",
    "dismiss", "charge", "agree", "disagree", "cite", "remark", "boast", "lament", "urge", "vow", "promise",
    "recall", "speculate", "posit", "assure", "retort", "quip", "concur", "worry", "believe", "recommend",
    "answer", "proclaim", "notify", "quote", "remind", "advise",
}
# verbs of a speech act that report a position only with content: an object or a clause ("Licht praised the
# performance of Collins"; not "she called"); "call" only with "for" or a predicate ("called for unity", "called
# him a liar"). Not the verbs with a physical sense as common: defend, blast, slam, question ("The soldiers defended
# the bridge", "The storm slammed the coast", "Police questioned the driver")
CONTENT_VERBS = {
    "criticize", "criticise", "praise", "condemn", "denounce", "hail", "tout", "pledge", "characterize",
    "characterise", "describe", "portray", "depict", "liken", "assail", "castigate", "decry", "applaud", "reiterate",
    "echo", "lambaste", "rebuke", "blame", "call",
}
REPORTING_IRREGULAR = {"said": "say", "told": "tell", "wrote": "write", "written": "write", "admitted": "admit",
                       "admitting": "admit", "quipped": "quip", "quipping": "quip", "concurred": "concur",
                       "concurring": "concur"}
# a reporting verb only with a clause or a quote after it ("he noted that", not "he noted the date")
REPORTING_NEEDS_CLAUSE = {"note", "add", "state", "report", "charge", "dismiss", "agree", "boast", "maintain",
                          "observe", "urge", "promise", "vow", "worry", "recall", "estimate", "write",
                          "believe", "recommend", "emphasize", "answer", "proclaim", "notify", "remind", "advise"}
# what reports a finding ("A recent YouGov poll found 40 percent ..."): the subject of "find" with a clause
FINDING_NOUNS = {"poll", "survey", "study", "analysis", "audit", "review", "investigation", "report", "probe", "inquiry",
                 "census", "researchers", "pollsters"}
FINDING_VERBS = {"find", "finds", "found", "finding"}
# reporting verbs only with a reported clause or a quote ("notified the court that ..."; not "notified the police
# after the painting vanished")
NEEDS_CCOMP = {"notify", "proclaim", "remind", "advise"}
# verbs of an answer: "he replied" right after "X asked Y ..." is Y
ANSWER_VERBS = {"respond", "reply", "answer", "retort", "counter"}
# nouns of a statement: "X issued a statement saying ..." is X's report
STATEMENT_NOUNS = {"statement", "release", "letter", "memo", "note", "readout", "post", "tweet", "message", "filing",
                   "report", "notice", "announcement", "email", "e-mail"}
# where a person speaks, besides a statement's nouns: "In a statement later in the day, the first lady questioned
# Ms. Griffin's sanity", "In an interview with Axios, Dowd brought out a new defense: ...", "blasted the decision in a
# Rolling Stone column" (not a video, an appearance or a conference, where people also act)
MEDIUM_NOUNS = {"interview", "column", "speech", "podcast", "briefing", "essay", "op", "testimony", "remarks", "op-ed",
                "editorial", "broadcast"}
# where people also act ("In a video posted online, a man hits an officer"): only a verb of saying speaks there
# ("he blasted Mr. Comey in a joint news conference", "In that news conference, Acosta defended the deal")
ACT_MEDIUM_NOUNS = {"video", "appearance", "conference"}
# verbs that issue a statement ("released a statement that ...", "issued a statement on Sunday ... saying")
ISSUING_VERBS = {"issue", "release", "send", "post", "publish", "put", "write", "sign", "tweet", "circulate",
                 "distribute", "deliver", "file", "submit"}
# verbs that say something in such a medium (with the speech acts of CONTENT_VERBS and the reporting verbs): not the
# acts done there ("celebrated his victory in a phone interview", "congratulated the police in remarks", "hit two home
# runs"); "deny" is a reporting verb, a negated verb ("did not address") reports nothing
MEDIUM_VERBS = {"question", "defend", "blast", "slam", "reject", "dismiss", "rip", "challenge", "mock", "highlight",
                "stress", "outline", "argue", "accuse", "insist", "urge", "warn", "vow", "pledge", "promise", "deny",
                "tout", "float", "suggest", "propose"}
# the participles that tie such a noun to what it says
STATEMENT_PARTICIPLES = {"saying", "stating", "declaring", "announcing", "warning", "noting", "claiming", "asserting",
                         "demanding", "urging", "calling", "accusing", "arguing", "insisting", "vowing"}
# the last word of an organisation's name ("the Charlotte Lozier Institute"): an "it" or a "they", never a "he"
ORG_HEAD_WORDS = {"institute", "center", "centre", "foundation", "committee", "association", "council", "department",
                  "agency", "university", "party", "commission", "coalition", "union", "bureau", "office", "group",
                  "company", "corporation", "inc", "inc.", "corp", "corp.", "network", "administration", "ministry",
                  "court", "board", "society", "alliance", "federation", "organization", "organisation", "academy"}
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
# words before a colon that are a notice, not a speaker's label ("UPDATE: ...", "WATCH: ...")
NOT_LABELS = {"update", "updated", "note", "editor", "correction", "clarification", "watch", "read", "related",
              "more", "breaking", "live", "photo", "photos", "video", "source", "sources", "q", "a", "question",
              "answer", "quote", "warning", "exclusive", "opinion", "analysis", "commentary", "editorial", "ps",
              "p.s", "bottom line", "fact", "facts", "the", "why", "what", "how", "who", "when", "where"}
# words that tell a person's gender when they open the speaker's phrase or stand in it ("Mrs. Clinton", "the
# spokeswoman"): who a "he" or a "she" may stand for
MALE_WORDS = {"mr", "mr.", "sir", "lord", "king", "prince", "father", "son", "husband", "man", "boy", "brother",
              "spokesman", "chairman", "congressman", "businessman", "uncle", "pope", "sheikh"}
FEMALE_WORDS = {"mrs", "mrs.", "ms", "ms.", "miss", "madam", "lady", "dame", "queen", "princess", "mother",
                "daughter", "wife", "woman", "girl", "sister", "spokeswoman", "chairwoman", "congresswoman",
                "businesswoman", "aunt"}
# capitalised words that stand before a surname without being a given name ("President Trump", "When Trump said"):
# a surname with another given name before it ("Donald Trump" beside "Melania Trump") tells no one's gender
NOT_GIVEN_NAMES = {
    "president", "vice", "senator", "sen", "rep", "representative", "gov", "governor", "mr", "mrs", "ms", "miss", "dr",
    "first", "lady", "former", "secretary", "general", "gen", "judge", "justice", "leader", "chairman", "chairwoman",
    "speaker", "attorney", "candidate", "nominee", "mayor", "minister", "prime", "king", "queen", "prince",
    "princess", "pope", "ambassador", "adviser", "advisor", "director", "commissioner", "sheriff", "coach",
    "professor", "prof", "chief", "officer", "agent", "detective", "sergeant", "sgt", "lt", "col", "capt", "adm",
    "rev", "father", "sister", "brother", "uncle", "aunt", "elder", "young", "the", "a", "an", "and", "but", "or",
    "when", "while", "if", "as", "after", "before", "so", "then", "that", "this", "why", "how", "what", "with",
    "for", "to", "of", "in", "on", "at", "by", "from", "team", "camp", "campaign", "house", "white", "said", "says",
    "told", "asked", "because", "since", "though", "although", "once", "until", "unless", "whether", "where",
    "who", "whom", "whose", "which", "gop", "democrat", "republican", "democrats", "republicans", "also", "only",
    "even", "still", "yet", "now", "today", "tonight", "yesterday", "tomorrow", "meanwhile", "however", "instead",
}
# how a role noun stands as a title before a name ("the governor" -> "Gov. Paul LePage", "the senator" -> "Sen. ..."):
# who a definite description names when the article gives the name once with its title
TITLE_FORMS = {"governor": ("Governor", "Gov"), "senator": ("Senator", "Sen"), "representative": ("Representative", "Rep"),
               "congressman": ("Rep", "Representative", "Congressman"), "congresswoman": ("Rep", "Representative",
                                                                                     "Congresswoman"),
               "president": ("President",), "mayor": ("Mayor",), "secretary": ("Secretary",), "judge": ("Judge",),
               "general": ("General", "Gen"), "minister": ("Minister",), "chancellor": ("Chancellor",),
               "speaker": ("Speaker",), "sheriff": ("Sheriff",), "bishop": ("Bishop",), "pope": ("Pope",)}
# A stated position with no reporting verb (issue 40; what the readers of every held-out set name a speaker for):
# the subject of such a phrase, a person or a body, reports its position when the phrase carries content.
# verb + particle: "pushed back on reports", "fired back at Trump", "shot back at the smear"
STANCE_PARTICLES = {"push": "back", "fire": "back", "shoot": "back", "hit": "back", "lash": "out", "speak": "out"}
# verb + preposition: "called on the governor to veto", "pleaded for a delay", "railing about" (not "pointed to": as
# often a hand as an argument, "He pointed to the sky")
STANCE_PREPOSITIONS = {"call": ("on",), "plead": ("for",), "rail": ("against", "about")}
# "expressed concern about ...": express + one of these nouns
STANCE_NOUNS = {"concern", "concerns", "skepticism", "scepticism", "disbelief", "doubt", "doubts", "frustration",
                "outrage", "dismay", "opposition", "regret", "reservations", "alarm", "anger", "disappointment",
                "confidence", "optimism", "support", "worry", "worries", "displeasure", "hope", "hopes"}
# "has been critical of ...", "have been insistent that ...": be + one of these, with "of", "about" or a clause
STANCE_ADJECTIVES = {"critical", "insistent", "adamant", "vocal", "skeptical", "sceptical", "dismissive"}
# irregular forms of the stance verbs (the regular ones are inflected like the reporting verbs)
STANCE_IRREGULAR = {"made": "make", "making": "make", "shot": "shoot", "went": "go", "gone": "go", "spoke": "speak",
                    "spoken": "speak", "pled": "plead", "hitting": "hit", "expressed": "express"}
# the states whose name may stand before a title ("Maine Gov. Paul LePage", "Texas Sen. Ted Cruz"); any other
# capitalised word before it makes another title ("Vice President", "Lt. Gov.", "Planned Parenthood President")
US_STATES = {
    "alabama", "alaska", "arizona", "arkansas", "california", "colorado", "connecticut", "delaware", "florida",
    "georgia", "hawaii", "idaho", "illinois", "indiana", "iowa", "kansas", "kentucky", "louisiana", "maine",
    "maryland", "massachusetts", "michigan", "minnesota", "mississippi", "missouri", "montana", "nebraska", "nevada",
    "hampshire", "jersey", "mexico", "york", "carolina", "dakota", "ohio", "oklahoma", "oregon", "pennsylvania",
    "rhode", "island", "tennessee", "texas", "utah", "vermont", "virginia", "washington", "wisconsin", "wyoming",
}

