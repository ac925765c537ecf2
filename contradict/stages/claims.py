"""Split cleaned articles into sentences and keep the check-worthy ones as claims.

Segmentation is rule based (:mod:`contradict.stages.sentences`: abbreviations such as "U.S.", "Maj. Gen.",
"Dec. 27", initials, quotes and ellipses survive). Each claim records who is speaking: the article itself, or the
source it reports ("X said", "according to X", quoted speech, a paragraph introduced by
"X stated:"), and the context it leans on ("They ...", a quote continued from the sentence before).
"""

from __future__ import annotations

import logging
import re

from contradict.inputs.ingest import NOTICE_PHRASES
from contradict.stages import speakers
from contradict.stages.quotes import continues_quote
from contradict.stages.sentences import (  # noqa: F401 (re-exported: claims.split_sentences ...)
    _OPEN_QUOTES,
    MAX_SENTENCE_CHARS,
    Sentence,
    sentences,
    split_sentences,
)
from contradict.stages.speech import issuer, own_outlet
from contradict.types import Article, Claim
from contradict.words import (
    AMBIGUOUS_SAY_VERBS,
    AUX_WORDS,
    DETERMINERS,
    ENGLISH_STOPWORDS,
    HONORIFICS,
    LY_NOUNS,
    NAME_JOINERS,
    NOT_NAME_STARTS,
    NOT_SPEAKER_BEFORE,
    PRONOUNS,
    SAY_VERBS,
    SPEAKER_DETERMINERS,
    TITLE_SMALL_WORDS,
)

log = logging.getLogger(__name__)

# Stored with an index: an index whose claims were read under other rules reads its articles again (from their
# stored text) on its next run. Change it with any change that gives an article other claims.
RULES_VERSION = "2026-12-07-speakers9c"
BLOCK_REACH = 3  # paragraphs after the first that an excerpt introduced by a colon may run on in one open quote


_SAY = re.compile(rf"\b({SAY_VERBS})\b")
# a full stop ends the source, but not one after an initial ("U.S.", "U.N.") or a title ("Dr.")
_NOT_ABBREVIATION = "".join(rf"(?<!\b{a})" for a in ("[A-Z]", "Dr", "Mr", "Ms", "Mrs", "St", "Gen", "Gov", "Sen",
                                                     "Rep", "Prof", "Lt", "Col", "Sgt", "Capt", "Jr", "Sr"))
_ACCORDING = re.compile(
    rf"\baccording to ((?:the |a |an )?[^,;:()]{{2,80}}?)(?:(?=[,;:()]|$)|{_NOT_ABBREVIATION}(?=\.))", re.I)
_AUX_TAIL = re.compile(r"\s+(would|also|has|have|had|then|later|once|further|repeatedly|publicly|privately|all but)$")


def _drop_aux_tail(phrase: str) -> str:
    """'Iran has vehemently' -> 'Iran': auxiliaries and adverbs between a speaker and its verb ("the family" stays)."""
    while True:
        if _AUX_TAIL.search(phrase):
            phrase = _AUX_TAIL.sub("", phrase)
            continue
        words = phrase.split()
        last = words[-1] if words else ""
        before = [w for w in words[:-1] if w.lower() not in AUX_WORDS]
        if (before and last.endswith("ly") and last.isalpha() and last.islower() and last not in LY_NOUNS
                and words[-2].lower() not in DETERMINERS
                and (before[-1][:1].isupper() or _SPEAKER_NOUN.fullmatch(before[-1].lower()))):
            # only after a name or a speaker noun: "Iran has vehemently", "officials strongly"; not "although she
            # initially", "what you really", "the moves are usually", which the adverb used to keep out
            phrase = phrase[:phrase.rstrip().rfind(" ")].rstrip()
            continue
        return phrase


_LEAD_ADVERB = re.compile(r"^(now|indeed|however|also|yet|still|meanwhile|moreover|instead|then|so)\s+", re.I)
_QUOTE_THEN_SPEAKER = re.compile(
    rf"[,!?][\"”’]\s+((?:[A-Za-z][\w.'’-]*\s+){{0,7}}?[A-Za-z][\w.'’-]*)\s+(?:{SAY_VERBS})\b"
)
# '"...," Sami al-Askari, a former Iraqi MP and adviser, told Reuters': the name before the apposition
_QUOTE_THEN_NAME = re.compile(rf"[,!?][\"”’]\s+([A-Za-z][^,\"“”]{{1,60}}?),[^\"“”]{{0,160}}?\s(?:{SAY_VERBS})\b")
_SAID_SPEAKER = re.compile(r"[,!?][\"”’]\s+(?:said|says|added|wrote|told|explained|replied|replies)\s+"
                           rf"((?:(?:{HONORIFICS})\.\s+)?(?:[\w.'’-]+\s*){{1,8}}?)\s*[.,(]")
# the person a sentence opens with ("Mr. Obama called ...", "Farenthold declared ..."): who a later "he said" is
_SUBJECT_NAME = re.compile(rf"^(?:(?:{HONORIFICS}|President|Senator|Governor|Judge|Justice|Secretary)\.?\s+)?"
                           r"[A-Z][A-Za-z-]*[a-z](?:\s+[A-Z]\.)?(?:\s+[A-Z][A-Za-z-]*[a-z]){0,2}\b(?![’'])")
_DATELINE = re.compile(r"^[A-Z][A-Z .,'’-]{2,40}\s*[—–-]{1,2}\s*")
_CLAUSE_CUT = re.compile(
    r"[,;:\"“”(]|\b(?:that|which|who|and|but|because|while|when|if|as|where|after|before|since|ago)\b", re.I)
_SPEAKER_NOUN = re.compile(
    r"(official|officials|spokes\w+|minister|analysts?|experts?|sources?|diplomats?|fighters?|commanders?"
    r"|leaders?|critics?|residents?|witnesses?|report|article|study|group|memo|officers?|service|office|ministry"
    r"|agency|police|government|council|department|army|military|court|company|authorities|spokesman)$", re.I)
_ANAPHOR = re.compile(
    r"^(They|He|She|It|This|These|Those|Such|Its|Their|His|Her|The (group|organi[sz]ation|militants|move"
    r"|report|official|officials|government|agency|program|plan|attack|deal|same)|That|There)\b"
)
_VERBISH = re.compile(
    r"\b(is|are|was|were|be|been|being|am|has|have|had|do|does|did|must|will|would|can|could|should|may|"
    r"might|shall|says?|said|makes?|made|needs?|wants?|gets?|got|goes|went)\b|\b[a-z]+(ed|es)\b",
    re.I,
)




def _speaker_before_verb(sent: str) -> str | None:
    """The subject of a reporting verb: "A senior U.S. official said ..." -> "A senior U.S. official"."""
    for m in _SAY.finditer(sent):
        before = sent[:m.start()].rstrip()
        if not before:
            continue
        # the noun phrase right before the verb, cut at the last clause boundary
        cuts = list(_CLAUSE_CUT.finditer(before))
        phrase = before[cuts[-1].end():] if cuts else before
        phrase = _LEAD_ADVERB.sub("", phrase.strip(" ,'’-–)"))
        phrase = _drop_aux_tail(phrase)
        words = phrase.split()
        if not words or len(words) > 8:
            continue
        last = words[-1].lower()
        if last in ("was", "is", "were", "are", "been", "being"):
            return "unnamed sources"  # "The operation was said to ...": reported, speaker not named
        named = last in ("news", "media", "press") and words[-1][:1].isupper() and len(words) >= 2  # "Fox News"
        if last in NOT_SPEAKER_BEFORE and not named or last.endswith(("'s", "’s")) or ")" in phrase:
            continue
        if m.group(1) in AMBIGUOUS_SAY_VERBS and not (words[-1][:1].isupper() or _SPEAKER_NOUN.search(last)):
            continue  # "multiple reports", "these claims": a noun, not a reporting verb
        if phrase.lower().startswith(("it is", "it was", "there ")) or m.group(0) == "says" and (
                sent[m.end():].strip().startswith("it all")):
            continue
        if re.search(r"\b(is|are|was|were|be|resides|lives|remains)\b", phrase, re.I):
            continue
        if not any(w[:1].isupper() for w in words) and last not in PRONOUNS and not _SPEAKER_NOUN.search(last):
            continue
        return phrase
    return None


def attribution(sent: str) -> str | None:
    """Who the sentence reports, or None when it is the article's own claim."""
    m = _ACCORDING.search(sent)
    if m:
        return _speaker(m.group(1))
    m = _QUOTE_THEN_SPEAKER.search(sent)
    if m and _speaker(m.group(1)):
        return _speaker(m.group(1))
    m = _SAID_SPEAKER.search(sent) or _QUOTE_THEN_NAME.search(sent)
    if m and _speaker(m.group(1)):
        return _speaker(m.group(1))
    sp = _speaker_before_verb(sent)
    if sp and _speaker(sp):
        return _speaker(sp)
    s = sent.strip()
    if s[:1] in _OPEN_QUOTES and s.rstrip(".")[-1:] in "\"”" and s.count("\"") + s.count("“") <= 2:
        return "an unnamed source"
    return None


def _speaker(phrase: str) -> str | None:
    """A speaker phrase cleaned ("WASHINGTON — President Trump" -> "President Trump"), or None when it is no
    speaker: a clause that opens with a lower-case word other than a determiner ("by the time Schumer",
    "frustration at what he")."""
    phrase = _DATELINE.sub("", phrase.strip()).strip(" ,")
    if not phrase:
        return None
    words = phrase.split()
    if words[0][:1].islower() and words[0].lower() not in SPEAKER_DETERMINERS and phrase.lower() not in PRONOUNS \
            and phrase != "unnamed sources" and not _SPEAKER_NOUN.search(words[-1].lower()):
        return None
    return phrase


def subject_person(sent: str) -> str:
    """The person a sentence opens with, or "" ("Mr. Obama called ..." -> "Mr. Obama")."""
    m = _SUBJECT_NAME.match(sent.strip())
    if not m:
        return ""
    name = m.group(0)
    words = name.split()
    if words[0].lower() in NOT_NAME_STARTS or words[0].lower() in ENGLISH_STOPWORDS:
        return ""
    titled = words[0].rstrip(".") in HONORIFICS.split("|") or words[0] in ("President", "Senator", "Governor",
                                                                             "Judge", "Justice", "Secretary")
    return name if titled or len(words) >= 2 else ""  # one capitalised word opens many sentences ("Tomorrow")


_INVERTED_INTRO = re.compile(r"(?:says|said|writes|wrote|adds|added|explains|explained|notes|noted|claims|claimed)\s+"
                             r"((?:\S+\s+){0,6}?\S+?)(?:,|\s+(?:speaking|talking|writing|in|on|at|to|from|over|during|via)\b|:)", re.I)


# "Trump answered the protests with this tweet:": the verb before the medium that follows
_MEDIUM_INTRO = re.compile(r"\b(?!(?:was|is|has|does|this|its)\b)\w+(?:ed|s)\b(?=[^:]*\b(?:with|in) (?:this|these|a|the following) (?:tweets?|statement|post|"
                           r"message|letter|email)\s*:\s*$)")


# an excerpt's source before a colon: "From the Baltimore Sun:", "As the report's summary says:"
_SOURCE_INTRO = re.compile(r"^(?:From\s+((?:[Tt]he\s+)?[A-Z][^,:;\"“”]{1,50}?)|As\s+([^,:;\"“”]{2,60}?)\s+(?:says|said|writes|"
                           r"wrote|notes|noted|reports|reported|explains|explained|puts it|(?:told|tells)\s+(?:me|us)))\s*:$")


# a speaker before a later verb of an intro: a short noun phrase ("Maliki", "the White House"), not a clause ("the
# mayor pointed to a letter that residents")
_LATER_LEAD = re.compile(r"^(?:[A-Z]|(?:the|a|an|his|her|their|its)\s)(?!.*\b(?:that|who|which|whom)\b)(?:\S+\s?){1,4}$")


def _intro_speaker(sent: str) -> str | None:
    """'The Wall Street Journal in its report, "...," stated:' -> 'The Wall Street Journal'."""
    if not sent.rstrip().endswith(":"):
        return None
    source = _SOURCE_INTRO.match(sent.strip())
    if source:
        return source.group(1) or source.group(2)
    bare = re.sub(r"[\"“][^\"”]*[\"”]", "", sent)  # titles of the reports quoted in the intro
    inverted = _INVERTED_INTRO.match(bare.strip())  # "Says one resident speaking with the Herald:"
    if inverted:
        return inverted.group(1)
    verbs = list(_SAY.finditer(bare)) or list(re.finditer(r"\b(explained|telling|wrote|noted|note)\b", bare)) \
        or list(_MEDIUM_INTRO.finditer(bare))
    for n, m in enumerate(verbs):  # the first verb with a speaker before it ("When officials denied it, Maliki
        chunks = [c.strip() for c in bare[:m.start()].split(",") if c.strip()]  # responded:")
        for chunk in reversed(chunks):
            lead = re.sub(r"\s+(in|on|at)\s+(its|his|her|their|an?|another|the)\b.*$", "", chunk)
            lead = re.sub(r"\s+\w+ly$", "", " " + lead).strip()  # "uncritically claims:"
            lead = issuer(_drop_aux_tail(lead))  # "the FBI released a statement that says, in part:": the FBI
            lead = re.sub(r"^(in|as|when|while)\b.*", "", lead, flags=re.I).strip()
            if 0 < len(lead.split()) <= 8 and (n == 0 or _LATER_LEAD.match(lead)):
                return lead
    return None


_BOILERPLATE = re.compile(
    r"fair use|copyright|all rights reserved|this article|this site|cross-post|distributed without profit|"
    r"for publication of|sole responsibility of the author|not be responsible for|hyperlink to the original|"
    r"@\w+\.\w|www\.|https?://|subscribe|newsletter|follow us on|click here|sign up|"
    r"(frequent|regular) contributor|is the author of|"
    rf"{NOTICE_PHRASES}|hide caption|\b\d+ of \d+ photos|getty images|"  # photo galleries, credits
    r"\bskip \w+ post by @|\(\s*(photos?|video|watch):|\bphoto taken on\b|\b(is|are) pictured\b|"
    r"#\w+.*#\w+|"  # links to galleries, photo captions, embedded posts with hashtags
    r"^(additional )?reporting by\b|^(photo|photograph|image|video|graphic)s?\s+(by|courtesy|credit)\b|"
    r"^special to (the )?\w|\bjoin us on (twitter|facebook)\b|\bon scribd\b|lorem ipsum|"  # credits, embeds
    r"\bcontributed (reporting )?to this (report|story|article)\b|"  # credit lines, update notes
    r"^this (story|report|post) (has been|was|will be|is being) updated\b",
    re.I,
)


def is_boilerplate(text: str) -> bool:
    """Publisher notices that survive cleaning inside longer paragraphs."""
    return bool(_BOILERPLATE.search(text))


# the name of a document, not a claim: "Statement of the Regional Office on the Merrow Dam", "Remarks by ..."
_DOCUMENT_TITLE = re.compile(
    r"^(?:(?:joint|official|full|opening|closing|press)\s+)?(?:statement|remarks|transcript|readout|letter|"
    r"interview|testimony|press release|fact sheet|text|speech|address|briefing|message|notice|announcement|"
    r"declaration|communiqu[eé])s?\s+(?:of|by|from|on|to|with|for|at|regarding|about|before)\b",
    re.I,
)

# a person's office in a name label: "Russian President Vladimir Putin", "Congressman Mel Watt of North Carolina"
_OFFICE = re.compile(
    r"\b(president|vice president|governor|gov\.|senator|sen\.|representative|rep\.|congress(wo)?man|minister|"
    r"secretary|chair(wo)?man|chair|co-chair|ceo|mayor|judge|justice|ambassador|speaker|leader|spokes(wo)?man|"
    r"director|general|gen\.|commissioner|chancellor|king|queen|prince|the honorable|candidate|author|attorney)\b",
    re.I,
)

# what a name label ("Congressman Mel Watt of North Carolina") does not hold, and a headline often does
_NOT_A_LABEL = re.compile(r"[:'\"‘’“”]|\b(for|to|from|on|in|at|with|about|against|over|after|before|as)\b", re.I)


_CONTRACTION = re.compile(r"n['’]t\b|['’](re|ve|ll|m)\b|^(it|that|there|what|here|he|she)['’]s\b", re.I)


def _inner_s_word(words: list[str]) -> bool:
    """A word in -s inside a title-case heading, maybe a verb: "Obama Signs Budget Bill"."""
    return any(w.endswith("s") and not w.endswith("ss") and w[:1].isalpha() for w in words[1:-1])


def _headline_verb(words: list[str]) -> bool:
    """Whether a short heading has something verb-like: "Cruz Loses Filibuster Bid", "Obama Signs Budget Bill",
    "Republicans hold the Senate", "'We're not there yet'"; not "US and Saudi weapons", "The war in Syria"."""
    t = " ".join(words)
    if _VERBISH.search(t) or any(_CONTRACTION.search(w.strip("'\"‘’“”")) for w in words):
        return True
    if len(words) == 4 and _inner_s_word(words):
        return True
    first, second = words[0].strip("'\"‘’“”"), words[1]
    return (first.endswith("s") and not first.endswith(("ss", "'s", "’s")) and second.isalpha() and second.islower()
            and second not in TITLE_SMALL_WORDS)  # "Democrats open impeachment inquiry"


def is_checkworthy(s: Sentence) -> bool:
    t = s.text.strip()
    words = t.split()
    if t.endswith("?") or t.endswith(":") or is_boilerplate(t):
        return False
    name_list = not any(w[:1].islower() and w.lower() not in NAME_JOINERS for w in words[1:])
    if s.heading:  # headlines are claims of their own when they can assert something
        if t.isupper() or re.search(r"\d{1,2}[./]\d{1,2}[./]\d{2,4}|\b(19|20)\d\d$", t) or t.count(" / ") >= 2:
            return False  # all-caps kickers, datelines, tag lists ("CIA / Iran / Iraq / ISIS")
        parts = re.split(r",\s*(?:and\s+)?|\s+(?:and|&)\s+", t.rstrip("."))
        if name_list and len(parts) >= 2 and all(1 <= len(x.split()) <= 3 for x in parts):
            return False  # bylines: "Editorial Board, Washington Post", "Aaron Montes and Rick Jervis"
        if (name_list and _OFFICE.search(t) and not _VERBISH.search(t) and not _NOT_A_LABEL.search(t)
                and not _inner_s_word(words)):
            return False  # a name label ("Russian President Vladimir Putin"); "Governor Signs Dam Bill" stays
        if _DOCUMENT_TITLE.match(t) and all(w[:1].isupper() or w.lower() in TITLE_SMALL_WORDS for w in words[1:]):
            return False  # a document's name, which sentences about its subject seem to "entail"
        if len(words) in (3, 4):  # short: a claim only with something verb-like ("US and Saudi weapons" is a label)
            return _headline_verb(words)
        return len(words) >= 5
    if len(words) < 5 or sum(c.isalpha() for c in t) < 20:
        return False
    return not name_list  # title-case fragments, bylines ("Aaron Montes and Rick Jervis"), datelines


_QUOTE_MARK = re.compile(r"[\"“”]")


def _open_after(text: str, inside: bool) -> bool:
    """Whether a quotation is open after ``text``, starting ``inside`` one or not: a straight mark opens at a
    word's start (after a space or a bracket) and closes after one."""
    for k, ch in enumerate(text):
        if ch in "“”\"":
            inside = ch == "“" or ch == '"' and (k == 0 or text[k - 1] in " \t([—–-")
    return inside


def extract(article: Article, max_claims: int = 400, nlp=None) -> list[Claim]:
    """Claims of one article in reading order; with a spaCy pipeline ``nlp``, speakers from its parse
    (:mod:`speakers`), else from the rules alone. Claims and their ids are the same either way."""
    sents = sentences(article)
    parsed = speakers.read(sents, nlp) if nlp is not None else None
    claims: list[Claim] = []
    seen: set[str] = set()
    quote_para, quote_speaker, quote_open, quote_end = -1, "", False, -1
    last_speaker, last_at = "", -10
    last_person, person_at = "", -10
    prev: Sentence | None = None
    for i, s in enumerate(sents):
        if i - last_at > 2:
            last_speaker = ""
        if i - person_at > 4:
            last_person = ""
        if (s.paragraph == quote_para + 1 and quote_open and s.paragraph <= quote_end
                and (i == 0 or sents[i - 1].paragraph != s.paragraph) and continues_quote(sents, i)):
            quote_para = s.paragraph  # the excerpt's quote goes on: the paragraph reopens with a mark or closes it
        intro = _intro_speaker(s.text)
        if intro:
            if intro.lower() in PRONOUNS and last_speaker:
                intro = last_speaker
            quote_para, quote_speaker, quote_open = s.paragraph + 1, intro, False
            quote_end = quote_para + BLOCK_REACH
            last_speaker, last_at = intro, i + 1
        elif s.paragraph == quote_para:
            quote_open = _open_after(s.text, quote_open)
        if not is_checkworthy(s) or s.text in seen:
            prev = s
            continue
        seen.add(s.text)
        kind = "caption" if s.caption else "heading" if s.heading else "sentence"
        speaker = ""
        if s.paragraph == quote_para:  # (a quotation inside the excerpt that names its speaker: theirs)
            own = parsed[i] if parsed is not None and _QUOTE_MARK.search(s.text) else None
            speaker, kind = own or quote_speaker, "quote"
        elif parsed is not None and parsed[i] is not None:  # the parse decides; the rules keep "was said to"
            speaker = parsed[i] or ("unnamed sources" if speakers.passive_report(s.text) else "")
            speaker = "" if own_outlet(speaker, article.source or "") else speaker  # "The Times has not confirmed"
            if speaker:
                last_speaker, last_at = speaker, i
        elif not s.heading and not s.caption:
            sp = attribution(s.text)
            if sp:
                if sp.lower() in PRONOUNS:  # "he said": the last speaker, else the person last named
                    sp = last_speaker or last_person or f"an unnamed source ({sp.lower()})"
                elif sp == "an unnamed source" and last_speaker:  # a quote that goes on from the last one
                    sp = last_speaker
                speaker = sp
                last_speaker, last_at = sp, i
        person = subject_person(s.text) if not s.heading and not s.caption else ""
        if person:
            last_person, person_at = person, i
        context = ""
        if prev is not None and prev.paragraph == s.paragraph and not s.heading and not prev.heading:
            opened = prev.text.count("“") > prev.text.count("”") or prev.text.count('"') % 2 == 1
            if _ANAPHOR.match(s.text) or opened:
                context = prev.text
        claims.append(Claim(
            id=Claim.make_id(article.id, s.text), article_id=article.id, position=len(claims),
            start=s.start, end=s.end, text=s.text, speaker=speaker, context=context, kind=kind,
        ))
        prev = s
        if len(claims) >= max_claims:
            log.warning("article %s: more than %d claims, the rest ignored", article.id, max_claims)
            break
    return claims
