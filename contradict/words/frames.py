"""Word lists and rule tables of frames (:mod:`contradict.stages.frames`): actor labels, relation words,
prepositions, disputing, negating, obstructing and hedging words, anaphors, actor titles."""

from __future__ import annotations

# ---------------------------------------------------------------- frames (contradict.stages.frames)

# spaCy entity labels that name actors: people, organisations, countries and places that act, groups.
ACTOR_LABELS = {"PERSON", "ORG", "GPE", "NORP"}

# Relation triggers by lemma (verbs, nouns, adjectives; a participle in "US-backed" counts as its verb).
# CAMEO's cooperation/conflict split, reduced to four roles.
SUPPORT_WORDS = {
    "support", "back", "fund", "finance", "bankroll", "arm", "train", "sponsor", "supply", "equip", "aid",
    "assist", "help", "prop", "bolster", "protect", "defend", "endorse", "champion", "subsidize", "shield",
    "rescue", "sponsorship", "backer", "patron", "proxy", "funding", "supporter", "benefactor", "financier",
    "install", "create", "empower", "embrace", "rally", "reward", "harbor", "recruit",
    "training", "facilitate", "complicity", "sponsored",
    # CAMEO's material cooperation (endorse, provide aid, appoint) as news words it
    "endorsement", "backing", "appoint", "nominate", "hire", "advise", "donate", "grant", "lend", "loan", "shelter",
    "vouch", "favor", "favour", "supportive", "defender",
}
# Ceremonial words: CAMEO's "praise" is cooperation, but in news they decide nothing about backing ("Clinton
# congratulated Sanders" on his campaign after beating him, "Biden thanked Sanders", "Trump praised Pence" at a
# rally; abp_5k): they are not read. "host" (a debate, a summit) and "represent" (a district) left with them.
CEREMONIAL_WORDS = {"praise", "commend", "applaud", "hail", "thank", "congratulate", "welcome", "host", "represent"}
# Relation words that carry the relation as a verb (or a participle) only: as nouns they mean something else
# ("shot in the back", "a youthful crush on", "a train", "a rally", "an object", "a target of" = the one attacked).
VERB_ONLY_WORDS = {"back", "arm", "train", "rally", "object", "shell", "prop", "crush", "target", "favor", "favour"}
# Supporting words that in a poll's sentence report a share of voters, not sponsorship: "Republicans support Trump
# by a 55% to 26% margin", "giving him the support of 61 percent of Democratic voters".
POLL_SUPPORT_WORDS = {"support", "supporter", "back", "backing", "backer", "favor", "favour", "vote", "endorse",
                      "prefer"}
# Words and signs that make a sentence a poll's (with a number: "55%", "61 percent").
POLL_SIGNS = {"%", "percent", "per cent", "poll", "polls", "polling", "survey", "surveyed", "respondents"}
# Nouns that name the one who relates ("a critic of Trump", "supporters of Sanders"): their agent is the clause's
# subject only when the noun says what the subject is ("X is a critic of Y", "X, an ally of Y", "one of the critics
# of Y"), not when it is an object ("Biden appealed to supporters of Sanders": Biden backs no one).
AGENT_NOUNS = {"supporter", "backer", "patron", "proxy", "benefactor", "financier", "defender", "ally", "partner",
               "friend", "enemy", "rival", "adversary", "foe", "opponent", "critic", "attacker", "assailant"}
# Prepositions through which an agent noun still says what the clause's subject is ("one of the critics", "as an
# ally", "among the supporters").
AGENT_NOUN_PREPOSITIONS = {"of", "as", "among"}
# Words that make their "for"/"of" clause the deed of their object: "blamed the Taliban for harboring al Qaeda" (the
# Taliban harbors it, not the blamer), "accused Biden of promising Ukraine".
CHARGE_WORDS = {"accuse", "blame", "condemn", "denounce", "fault", "criticize", "criticise", "credit", "punish",
                "sue", "indict", "convict", "charge", "investigate", "suspect", "praise", "thank", "congratulate"}
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
# Heads of ACTOR_HEAD_NOUNS a place names no actor through: "the Vermont senator", "Houston voters", "Syrian people"
# are persons or a public, not the place's government ("Iranian forces", "the Texas government" still are). From the
# relation labels of abp_5k's training claims (benchmarks/frame_labels.json, session 22).
PLACE_NOT_ACTOR_HEADS = {"senator", "lawmaker", "voter", "member", "supporter", "people", "aide", "staff", "campaign",
                         "spokesman", "spokeswoman", "establishment", "elite", "side", "camp"}
# ... and those through which no group (a party, a nationality) names one either: a public, not the group's leaders
# ("Republican voters", "the Syrian people"; someone's "people" are his agents: "Trump's people attacked Comey").
PUBLIC_HEADS = {"voter", "people"}
# Heads of PLACE_NOT_ACTOR_HEADS through which a country or its capital still speaks ("a US spokesman", "Russia's air
# campaign", "Iranian lawmakers"); a state or a city does not ("the Texas spokesman", "the Vermont senator").
STATE_VOICE_HEADS = {"spokesman", "spokeswoman", "side", "camp", "campaign", "lawmaker", "aide", "staff"}
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
# Not "over" (a topic: "clashed over the NHS", "slammed the administration over Benghazi"); "among" only for an
# alliance ("support among Mormon voters" is theirs, not for them).
TARGET_PREPOSITIONS = {"against", "on", "for", "to", "with", "of", "at", "into", "toward", "towards",
                       "between", "among", "alongside", "behind"}
TARGET_PREPOSITIONS_ALLIED_ONLY = {"among"}
# Prepositions that never lead to the partner or protege of a supporting or allying word: what it is aimed at or
# about ("an alliance against ISIS", "helps Syria against ISIS", "an adviser on Iran").
COOPERATION_NOT_TARGETS = {"against", "on", "at", "into"}
# Words that attribute a claim to a source the writer does not vouch for: the claim weighs little.
DISPUTE_WORDS = {"allegedly", "supposedly", "purportedly", "ostensibly", "nominally", "so-called", "falsely",
                 "supposed", "alleged", "purported"}
DISPUTE_LEMMAS = {"claim", "allege", "pretend", "purport", "profess", "feign"}
# Words above a relation that deny it ("unlikely to defend", "refused to back", "failed to stop").
# Also words that end or withhold it ("a hold on aid to Ukraine", "end all criticism of Clinton", "cut funding").
NEGATING_HEADS = {"unlikely", "refuse", "fail", "deny", "decline", "stop", "cease", "reluctant", "unwilling",
                  "withhold", "hold", "freeze", "suspend", "halt", "cut", "end", "drop", "abandon"}
# Subjects that deny the relation of their clause: "Neither Lee nor Cruz has endorsed Trump", "No senator backed
# him", "None of them supports it" (the word itself, or a determiner or preconjunction of the subject).
NEGATIVE_SUBJECTS = {"none", "nobody", "neither", "nothing", "no"}
# A fronted phrase "in no respect", "by no means", "in no way" denies the clause it modifies ("In no respect does Iran
# qualify as a friend of the US"): the nouns that take "no" in it.
NEGATIVE_PHRASE_NOUNS = {"respect", "way", "means", "sense", "case", "circumstance", "circumstances", "measure",
                         "account", "event"}
# "has yet to endorse", "is yet to back": the relation has not happened ("yet" on the verb above a "to" clause).
NOT_YET_WORDS = {"yet"}
# Forms of verbs whose subject receives what their object names: with a supporting noun, the "of" / "from" / "by"
# phrase names the giver, the subject the receiver ("DeSantis has the backing of Trump": Trump backs DeSantis; "won
# the endorsement of the union", "enjoys the support of Russia").
RECEIVE_VERB_FORMS = {
    "have", "has", "had", "having", "get", "gets", "got", "gotten", "getting", "win", "wins", "won", "winning",
    "receive", "receives", "received", "receiving", "gain", "gains", "gained", "gaining", "earn", "earns", "earned",
    "earning", "enjoy", "enjoys", "enjoyed", "enjoying", "secure", "secures", "secured", "securing",
    "garner", "garners", "garnered", "garnering", "obtain", "obtains", "obtained", "obtaining",
    "land", "lands", "landed", "landing", "retain", "retains", "retained", "retaining", "keep", "keeps", "kept",
    "keeping", "accept", "accepts", "accepted", "accepting",
}
# Forms of verbs whose subject wants, lacks or loses what their object names: no relation holds ("Trump sought the
# support of six Democrats", "is seeking the Republican nomination", "lost the backing of the union").
WANT_VERB_FORMS = {
    "seek", "seeks", "sought", "seeking", "court", "courts", "courted", "courting", "need", "needs", "needed", "needing",
    "want", "wants", "wanted", "wanting", "lose", "loses", "lost", "losing", "lack", "lacks", "lacked", "lacking",
    "ask", "asks", "asked", "asking", "request", "requests", "requested", "requesting", "solicit", "solicits",
    "solicited", "soliciting", "woo", "woos", "wooed", "wooing",
}
# Prepositions that, around a supporting noun, hang it on the one who receives it: "Assad, with the support of
# Russia, retook Aleppo" (Russia supports Assad).
RECEIVE_PREPOSITIONS = {"with"}
# The prepositions that then name the giver.
GIVER_PREPOSITIONS = {"of", "from", "by"}
# Words that open a clause the writer does not assert: "an investigation into whether Trump colluded with Russia".
QUESTION_MARKS = {"whether", "if"}
# Nouns above a relation that make it a suspicion, not a fact ("an investigation into possible collusion between
# Moscow and his campaign", "allegations that X funded Y"): weighed like a disputed relation. Not the word itself
# ("Mueller's investigation of Trump" is a relation).
SUSPICION_NOUNS = {"investigation", "investigations", "probe", "probes", "inquiry", "inquiries", "allegation",
                   "allegations", "accusation", "accusations", "suspicion", "suspicions", "speculation", "rumor",
                   "rumors", "rumour", "rumours", "theory", "theories", "hoax", "conspiracy"}
# "X is to blame": X is the one blamed, and no one blames in that clause.
TO_BE_BLAMED = {"blame"}
COPULA_FORMS = {"is", "are", "was", "were", "be", "been", "being", "'s", "'re", "’s", "’re"}
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
