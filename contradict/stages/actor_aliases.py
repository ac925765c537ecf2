"""Actor aliases (issue 39): spellings of well-known actors that no rule of :mod:`contradict.stages.actors` can join
(``Daesh`` and ``ISIS``, ``GOP`` and ``Republicans``, ``Islamic Republic`` and ``Iran``). Data only.

Each entry: the actor's canonical key -> the keys (:func:`contradict.stages.actors.mention_key`: lower case, no dots,
no leading "the" or title) that name it. A country's canonical key is its ``countryinfo`` name in key form
("united states"), so these join the country table's spellings (capitals, demonyms) rather than compete with
them. A spelling goes in only when news uses it for that one actor nearly always; "Washington" the state and
"Trump" a relative are the known exceptions, kept because the rule within one article (a surname refers to
the full name met earlier in it) and the person label take the other senses.
"""

ACTOR_ALIASES: dict[str, tuple[str, ...]] = {
    "islamic state": (
        "isis", "isil", "is", "daesh", "da'esh", "daish", "islamic state group", "islamic state of iraq and syria",
        "islamic state of iraq and the levant", "islamic state of iraq and al sham", "islamic state of iraq and levant",
        "islamic state in iraq and syria", "islamic state in iraq and the levant",
    ),
    "al qaeda": ("al qaida", "al qa'ida", "al qaeda", "alqaeda", "qaeda", "al qaeda central"),
    "hezbollah": ("hizbollah", "hizballah", "hizbullah", "hezbolla"),
    "taliban": ("taleban", "afghan taliban"),
    "republican party": ("gop", "republican", "republicans", "grand old party"),
    "democratic party": ("democrat", "democrats", "dems", "democratic"),
    "donald trump": ("trump", "donald j trump", "donald john trump", "president trump", "president donald trump"),
    "barack obama": ("obama", "barack h obama", "barack hussein obama"),
    "hillary clinton": ("hillary rodham clinton", "hillary"),
    "vladimir putin": ("putin", "vladimir vladimirovich putin"),
    "united states": (
        "us", "usa", "united states of america", "america", "washington", "us government", "united states government",
        "american government", "us administration", "dc", "district of columbia",
    ),
    "iran": ("tehran", "islamic republic", "islamic republic of iran", "iranian government", "iranian regime",
             "government of iran"),
    "russia": ("kremlin", "russian federation", "russian government", "moscow"),
    "united kingdom": ("uk", "britain", "great britain", "british government"),
    "united nations": ("un",),
    "european union": ("eu",),
    "north atlantic treaty organization": ("nato",),
    "north korea": ("dprk", "pyongyang", "north korean government", "north korean regime"),
    "syria": ("assad regime", "syrian government", "syrian regime", "damascus"),
    "saudi arabia": ("saudi", "saudis", "riyadh", "saudi government", "kingdom of saudi arabia"),
    "soviet union": ("soviet", "soviets", "ussr"),
    "house of representatives": ("house", "us house", "us house of representatives",
                                 "united states house of representatives"),
    "supreme court": ("high court", "us supreme court", "united states supreme court"),
    # a news outlet named by a word that also ends a place's name: "The Hill" is not "Capitol Hill"
    "hill": (),
}

# US states' abbreviations (AP style, and postal codes) -> the state, read as the state's name. Left out: those
# that are words or other actors' acronyms in news ("Ind.", "Ill.", "Miss.", "La." and "LA" (Los Angeles), "Pa." and
# "PA" (Palestinian Authority), "Va." and "VA" (Veterans Affairs), "Md.", "Mo.", "IN", "OR", "ME", "OK", "OH", "HI",
# "ID", "CO", "DE", "AL", "MA", "MS", "WA"), and Washington (its name is the federal government's).
US_STATES: dict[str, tuple[str, ...]] = {
    "alabama": ("ala",), "alaska": ("ak",), "arizona": ("ariz", "az"), "arkansas": ("ark", "ar"),
    "california": ("calif", "ca"), "colorado": ("colo",), "connecticut": ("conn", "ct"), "delaware": ("del",),
    "florida": ("fla", "fl"), "georgia": ("ga",), "hawaii": (), "idaho": (), "illinois": ("il",),
    "indiana": (), "iowa": ("ia",), "kansas": ("kan", "ks"), "kentucky": ("ky",), "louisiana": (),
    "maine": (), "maryland": (), "massachusetts": ("mass",), "michigan": ("mich", "mi"),
    "minnesota": ("minn", "mn"), "mississippi": (), "missouri": (), "montana": ("mont", "mt"),
    "nebraska": ("neb", "ne"), "nevada": ("nev", "nv"), "new hampshire": ("nh",), "new jersey": ("nj",),
    "new mexico": ("nm",), "new york": ("ny",), "north carolina": ("nc",), "north dakota": ("nd",),
    "oklahoma": ("okla",), "oregon": ("ore",), "pennsylvania": (), "rhode island": ("ri",),
    "south carolina": ("sc",), "south dakota": ("sd",), "tennessee": ("tenn", "tn"), "texas": ("tex", "tx"),
    "utah": ("ut",), "vermont": ("vt",), "virginia": (), "west virginia": ("wva", "wv"),
    "wisconsin": ("wis", "wi"), "wyoming": ("wyo", "wy"),
}

# Words after a place's name that name the same place ("Gaza Strip" is Gaza); not "city", "county" or "state",
# which name another place than the bare name ("Gaza City", "Mexico City").
PLACE_HEADS = {"strip", "peninsula", "heights", "region", "province", "valley", "desert", "archipelago", "islands"}

# ISO country codes (two or three capitals) that news uses as the country; the others are words or names ("BEN",
# "KEN", "CAN", "AND", "PER") and are not read as countries.
COUNTRY_CODES_KEPT = {"US", "UK", "USA", "UAE", "DRC"}

# Prefixes that name an institution's country ("U.S. Senate" is the Senate met alone in the same corpus).
NATIONAL_PREFIXES = ("us", "united states", "american")
# Generational suffixes after a surname ("Robert S. Mueller III").
NAME_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
# ... of which these name another person than the name without them (a father and his son are both in the news);
# the others ("Robert S. Mueller III") are the same person as the name without them
GENERATION_SUFFIXES = {"jr", "sr"}
ROMAN_SUFFIXES = NAME_SUFFIXES - GENERATION_SUFFIXES
# Particles inside a person's name that spellings keep or drop ("Bashar al-Assad", "Bashar Assad").
NAME_PARTICLES = {"al", "el", "bin", "ibn", "abu", "van", "von", "der", "den", "de", "del", "della", "da", "du", "la",
                  "le"}
# Words after a title word that make it part of an institution's name, not a person's title ("Justice
# Department", "General Motors", "General Assembly").
TITLE_KEEPERS = {"department", "ministry", "committee", "court", "council", "assembly", "motors", "electric",
                 "dynamics", "staff", "office", "accounting", "hospital"}
# Short first names -> the formal one, so "Mike Bloomberg" and "Michael Bloomberg" are one person.
NICKNAMES = {
    "mike": "michael", "steve": "stephen", "steven": "stephen", "chuck": "charles", "bill": "william",
    "bob": "robert", "jim": "james", "jimmy": "james", "joe": "joseph", "tom": "thomas", "dick": "richard",
    "rick": "richard", "ted": "edward", "ron": "ronald", "don": "donald", "dan": "daniel", "dave": "david",
    "ken": "kenneth", "tony": "anthony", "nick": "nicholas", "pat": "patrick", "andy": "andrew",
    "chris": "christopher", "matt": "matthew", "alex": "alexander", "sam": "samuel", "ben": "benjamin",
    "liz": "elizabeth", "beth": "elizabeth", "kate": "katherine", "sue": "susan", "jeff": "jeffrey",
    "greg": "gregory", "larry": "lawrence", "jerry": "gerald", "fred": "frederick", "hank": "henry",
    "harry": "henry", "jack": "john", "jon": "jonathan", "vlad": "vladimir", "bernie": "bernard",
}
