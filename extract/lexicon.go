package extract

// This file holds the word tables of the extractor: titles, honorifics,
// words that end or mark names, news media, and the verbs of speech.

// titleCanon maps a folded office title to the canonical title used to
// compare titles and look offices up. Titles not listed are their own canon.
var titleCanon = map[string]string{
	"premier":                          "prime minister",
	"pm":                               "prime minister",
	"prime minister":                   "prime minister",
	"minister of foreign affairs":      "foreign minister",
	"foreign affairs minister":         "foreign minister",
	"minister for foreign affairs":     "foreign minister",
	"foreign minister":                 "foreign minister",
	"top diplomat":                     "foreign minister",
	"leader of the islamic revolution": "supreme leader",
	"supreme leader":                   "supreme leader",
	"leader":                           "supreme leader",
	"head of state":                    "president",
	"president":                        "president",
	"presidents":                       "president",
	"secretary of state":               "secretary of state",
	"chancellor":                       "chancellor",
	"taoiseach":                        "prime minister",
	"emir":                             "emir",
	"amir":                             "emir",
	"king":                             "king",
	"queen":                            "queen",
	"crown prince":                     "crown prince",
	"foreign secretary":                "foreign secretary",
}

// titleHeads are the nouns (and multi-word names) of offices and roles that
// head a title before a person's name: "Foreign Minister", "spokesperson".
var titleHeads = set(
	"president", "presidents", "vice president", "prime minister", "prime ministers", "premier", "pm",
	"foreign minister", "foreign ministers", "minister of foreign affairs", "minister for foreign affairs", "foreign affairs minister",
	"minister", "ministers", "secretary of state", "foreign secretary", "secretary", "secretary-general", "secretary general",
	"supreme leader", "leader of the islamic revolution", "leader", "king", "queen", "emir", "amir", "crown prince", "prince", "sultan",
	"chancellor", "taoiseach", "envoy", "special envoy", "ambassador", "spokesperson", "spokesman", "spokeswoman",
	"commissioner", "chairperson", "chairman", "chairwoman", "director", "director-general", "director general",
	"governor", "senator", "congressman", "congresswoman", "mayor", "commander", "commander-in-chief", "speaker", "pope",
	"president-elect", "head", "chief", "adviser", "advisor", "prosecutor", "executive", "constable", "general", "top diplomat",
	"head of state", "deputy", "representative", "negotiator", "attorney general", "lawmaker", "mp",
)

// singleActorTitles are the titles that name one person when used alone
// after "the" ("the president"), so that a title-only mention is resolved.
var singleActorTitles = set(
	"president", "vice president", "prime minister", "premier", "foreign minister", "minister of foreign affairs",
	"foreign affairs minister", "secretary of state", "foreign secretary", "supreme leader", "leader of the islamic revolution",
	"leader", "king", "queen", "emir", "amir", "crown prince", "chancellor", "taoiseach", "secretary-general", "secretary general",
	"minister", "commissioner", "chairperson", "chairman", "envoy", "special envoy", "ambassador", "spokesperson", "spokesman",
	"spokeswoman", "pope", "premier", "governor", "mayor",
)

// officeWords may stand in a title before its head ("Foreign Trade Minister").
var officeWords = set(
	"foreign", "trade", "defence", "defense", "energy", "interior", "finance", "health", "justice", "economy",
	"economic", "development", "industry", "affairs", "deputy", "vice", "special", "peace", "military", "security",
	"and", "acting", "interim", "former", "then", "chief", "senior", "top", "provincial", "federal", "national",
	"regional", "state", "assistant", "executive", "general", "opposition", "presidential", "royal", "supreme", "grand",
	"first", "newly", "elected", "new", "outgoing", "incoming", "environment", "climate", "police", "crime", "labour",
	"agriculture", "education", "culture", "transport", "transportation", "commerce", "oil", "petroleum", "information",
	"communications", "intelligence", "home", "treasury", "external", "international", "cooperation", "european",
	"minister", "ministry", "office", "media", "press", "political", "senior", "permanent", "un", "deputy",
)

// honorifics come before a name and are not part of it.
var honorifics = set(
	"mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "lord", "lady", "sheikh", "shaikh", "sheik",
	"sayyid", "seyyed", "sayed", "syed", "seyed", "ayatollah", "grand", "hojatoleslam", "imam", "excellency", "his", "her",
	"gen", "general", "col", "colonel", "lt", "maj", "major", "capt", "captain", "rev", "reverend", "father", "rabbi",
	"mullah", "shahid", "marshal", "admiral", "brigadier", "commander", "cardinal", "archbishop", "bishop",
	"majesty", "highness", "he", "hrh", "honourable", "honorable", "shri", "smt", "shrimati", "madam", "mme",
)

// nameParticles may stand inside a name in lower case: "bin", "al-", "van der".
var nameParticles = set(
	"al", "el", "bin", "ibn", "bint", "abu", "abd", "de", "da", "di", "del", "della", "van", "von", "der", "den",
	"le", "la", "du", "dos", "das", "ter", "ben", "y", "e", "ul", "ud",
)

// notNames are capitalized words that do not begin or make up a name.
var notNames = set(
	"the", "a", "an", "in", "on", "at", "for", "from", "with", "by", "of", "to", "as", "after", "before", "during",
	"despite", "while", "when", "where", "which", "who", "what", "why", "how", "this", "that", "these", "those", "it", "its",
	"he", "she", "they", "we", "i", "you", "his", "her", "their", "our", "my", "your", "but", "and", "or", "if", "also",
	"later", "earlier", "meanwhile", "however", "according", "last", "next", "since", "under", "over", "among", "both",
	"some", "many", "most", "all", "one", "two", "three", "four", "five", "several", "other", "another", "such", "there",
	"here", "now", "then", "thus", "still", "even", "just", "only", "every", "each", "any", "around", "shortly", "late",
	"early", "today", "yesterday", "tomorrow", "tonight", "nothing", "nobody", "not", "no", "yes", "otherwise", "together",
	"unfortunately", "namely", "currently", "about", "regarding", "unlike", "per", "instead", "let", "lets", "so", "because",
	"although", "though", "whether", "than", "into", "through", "against", "between", "without", "within", "upon", "via",
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
	"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
	"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
	"source", "sources", "officials", "official", "reports", "report", "mr", "ms", "mrs", "dr", "do", "does", "did",
	"is", "are", "was", "were", "be", "has", "have", "had", "will", "would", "can", "could", "should", "must", "may",
	"following", "speaking", "asked", "said", "says", "addressing", "regarding", "citing", "criticizing", "while",
	"once", "again", "moreover", "furthermore", "indeed", "recently", "previously", "separately", "similarly",
	"additionally", "finally", "first", "second", "third", "earlier", "afterwards", "overall", "meanwhile", "elsewhere",
	"muslims", "christians", "jews", "islam", "christianity", "christendom", "god", "allah", "internet", "twitter", "facebook",
	"youtube", "instagram", "telegram", "whatsapp", "x", "prophet", "quran", "koran", "bible", "shame", "ok", "wow",
	"jr", "sr",
)

// orgWords mark a capitalized phrase as an organization's name.
var orgWords = set(
	"council", "union", "party", "ministry", "forces", "force", "office", "agency", "department", "committee",
	"commission", "bank", "institute", "court", "house", "army", "corps", "movement", "organization", "organisation",
	"association", "airlines", "air", "airways", "group", "university", "assembly", "parliament", "senate", "congress",
	"government", "embassy", "consulate", "police", "directorate", "foundation", "fund", "programme", "company", "corp",
	"inc", "ltd", "plc", "authority", "service", "services", "guard", "guards", "brigade", "brigades", "front", "alliance",
	"coalition", "federation", "league", "network", "centre", "center", "cabinet", "administration", "navy", "militia",
	"mission", "board", "bureau", "secretariat", "tribunal", "chamber", "society", "trust", "institution", "federal",
	"command", "rally", "unit", "units", "forum", "club", "association", "conference", "bloc",
)

// placeWords mark a capitalized phrase as a place, building, event or
// document rather than an actor.
var placeWords = set(
	"heights", "river", "sea", "hall", "square", "airport", "field", "fields", "island", "islands", "strait", "valley",
	"mountains", "mountain", "desert", "province", "county", "city", "street", "road", "avenue", "palace", "castle",
	"museum", "mosque", "church", "cathedral", "temple", "stadium", "hospital", "school", "college", "base", "camp",
	"station", "port", "gate", "bridge", "tower", "park", "plaza", "peninsula", "basin", "coast", "bay", "lake", "canal",
	"channel", "ocean", "gulf", "corridor", "strip", "wall", "line", "summit", "treaty", "accord", "agreement", "act",
	"bill", "law", "operation", "pipeline", "project", "plan", "initiative", "program", "prize", "award", "games", "cup",
	"war", "revolution", "spring", "day", "week", "year", "interconnector", "zone", "area", "region", "state", "states",
	"declaration", "convention", "protocol", "charter", "resolution", "doctrine", "deal", "crisis", "flood", "storm",
	"building", "centre", "tunnel", "highway", "dam", "reactor", "plant", "facility", "district", "village", "town",
	"airspace", "waters", "orthodox", "caliphate", "accords", "talks", "constitution", "amendment", "referendum",
	"election", "elections", "mediterranean", "east", "west", "north", "south", "eastern", "western", "northern", "southern",
	"middle", "far", "central", "gas", "oil", "festival", "olympics", "expo", "league", "championship", "boulevard",
)

// media are news outlets: they report, they are not speakers.
var media = set(
	"reuters", "bbc", "cnn", "cbs", "nbc", "abc", "ap", "afp", "associated press", "agence france-presse", "al jazeera",
	"new york times", "washington post", "guardian", "the guardian", "times", "daily mail", "fox news", "fox", "sputnik",
	"sputnik news", "rt", "tass", "xinhua", "irna", "isna", "fars", "tasnim", "mehr", "press tv", "anadolu", "hurriyet",
	"hurriyet daily news", "business insider", "politico", "bloomberg", "wall street journal", "cyprus mail", "rudaw",
	"nevada independent", "nbc news", "cbs news", "abc news", "wikinews", "shafaqna", "axios", "npr", "pbs", "dpa",
	"kyodo", "yonhap", "interfax", "ria novosti", "al arabiya", "al-masirah", "al masirah", "state media", "state tv",
	"uol", "uolcombr", "financial times", "the economist", "economist", "haaretz", "times of israel", "jerusalem post",
	"the new york times", "the washington post", "the times", "wsj", "ft", "sky news", "france 24", "dw", "euronews",
)

// mediaWords mark a capitalized phrase as a news outlet.
var mediaWords = set("news", "times", "post", "mail", "tv", "television", "radio", "journal", "herald", "tribune",
	"gazette", "daily", "broadcasting", "wire", "newspaper", "magazine", "observer", "telegraph", "independent")

// govNouns after a demonym or country make the phrase stand for the
// country's state: "the Iraqi government", "German officials".
var govNouns = set(
	"government", "governments", "officials", "official", "authorities", "regime", "army", "military", "forces",
	"delegation", "side", "leadership", "statement", "administration", "nation", "negotiators", "diplomats",
	"representatives", "state", "troops", "people",
)

// speechVerbs are the verbs (and verb phrases) that attribute words or a
// position to an actor: "said", "stressed", "called for".
var speechVerbs = newPhraseSet(
	"said", "says", "say", "told", "tells", "stated", "added", "adds", "stressed", "stresses",
	"emphasized", "emphasised", "emphasizes", "emphasises", "underlined", "underlines", "underscored", "highlighted",
	"highlights", "pointed out", "points out", "noted", "reiterated", "reiterates", "warned", "warns",
	"called for", "calls for", "called on", "calls on", "called", "urged", "urges", "described", "describes",
	"announced", "announces", "claimed", "claims", "alleged", "alleges", "denied", "denies", "declared", "declares",
	"asserted", "asserts", "affirmed", "affirms", "reaffirmed", "reaffirms", "reasserted", "insisted", "insists",
	"accused", "accuses", "blamed", "blames", "condemned", "condemns", "denounced", "denounces", "criticized",
	"criticised", "criticizes", "criticises", "hailed", "hails", "rejected", "rejects", "acknowledged", "acknowledges",
	"admitted", "admits", "argued", "argues", "explained", "explains", "wrote", "writes", "tweeted", "tweets",
	"posted", "asked", "asks", "demanded", "demands", "pledged", "pledges", "vowed", "vows", "promised", "promises",
	"praised", "praises", "thanked", "thanks", "expressed", "expresses", "extended", "voiced", "voices", "responded",
	"replied", "opposed", "seconded", "commented", "mentioned", "revealed", "informed", "instructed", "concluded",
	"confirmed", "confirms", "cited", "cites", "appreciated", "envisioned", "justified", "spoke out", "proposed",
	"proposes", "recommended", "invited", "suggested", "suggests", "predicted", "threatened", "threatens", "conveyed",
	"assured", "welcomed", "welcomes", "reported", "announced", "continued", "remarked", "observed", "answered",
	"recalled", "lamented", "regretted", "deplored", "objected", "protested", "appealed", "reassured", "signalled",
	"signaled", "maintained", "maintains", "contended",
	"countered", "disputed", "dismissed", "rejected", "requested", "requests", "attacked", "slammed",
	"spoke of", "sent a letter", "advised", "in a letter",
	"defended", "joined the calls", "stated", "emphasized", "underlined", "telling", "saying", "adding",
)

// subjectSkips may stand between a subject and its verb: "X also said", "X has said".
var subjectSkips = set(
	"also", "further", "later", "subsequently", "publicly", "quickly", "strongly", "reportedly", "has", "have", "had",
	"was", "were", "is", "are", "then", "once", "again", "officially", "repeatedly", "previously", "recently", "earlier",
	"today", "yesterday", "tonight", "openly", "separately", "firmly", "explicitly", "clearly", "directly", "personally",
	"immediately", "never", "not", "had", "already", "in", "turn", "himself", "herself", "itself", "both", "all", "jointly",
	"formally", "privately", "angrily", "sharply", "first", "finally", "similarly", "likewise", "too", "meanwhile",
	"however", "nevertheless", "simply", "just", "would", "will", "could", "may", "might", "reiterated", "and",
	"been", "being", "started", "began", "continued", "continues", "ideologically", "openly", "actively",
	"remained", "remains", "remain", "stays", "stayed",
)
