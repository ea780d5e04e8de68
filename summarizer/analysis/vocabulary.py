"""The words news uses for who speaks: outlets and platforms, people's roles, organisations, companies and the
bodies that are none, the officers who speak for a body, official and press sources. One home for these lists:
the speaker reading (reported.py), the organisation a speaker speaks for (extract.py) and the disagreement rules
(conflicts.py, denials.py) all import them from here, so they cannot drift apart."""

from __future__ import annotations

import re

# where a speaker's words were relayed, never a speaker
PLATFORMS = {"x", "twitter", "facebook", "telegram", "instagram", "youtube", "tiktok", "wechat", "weibo",
             "linkedin", "truth social", "threads", "bluesky"}
OUTLET_WORDS = re.compile(r"\b(news agency|agency's|newspaper|daily|broadcaster|television|tv|radio|times|post|"
                          r"journal|gazette|herald|tribune|news|press|wire|channel|magazine|"
                          # newspapers in other languages: words only a newspaper's name has ("Süddeutsche Zeitung",
                          # "De Standaard"), or a common word after the language's article ("Le Monde", "Die Zeit"; not
                          # "Médecins du Monde" or Evan Spiegel)
                          r"zeitung|standaard|telegraaf|dagblad|courant|tageblatt|kurier|gazzetta|gazeta|jornal|"
                          r"corriere)\b|^(?:Le|La|Les|El|Der|Die|Das|De|Het|Il|O)\s+(?:Monde|Mundo|Pa[ií]s|Presse|Soir|"
                          r"Welt|Zeit|Tijd|Spiegel|Stampa|Repubblica|Nieuws|Not[ií]cias|Figaro|Tiempo|Naci[oó]n|Morgen|"
                          r"Parisien|Libre|Standaard|Telegraaf|Volkskrant)\b", re.I)
KNOWN_OUTLETS = {"cnn", "bbc", "reuters", "afp", "ap", "associated press", "yonhap", "xinhua", "tass", "ria",
                 "interfax", "kyodo", "ani", "ians", "pti", "bloomberg", "al jazeera", "nhk", "kcna", "dpa",
                 "efe", "ansa", "anadolu", "ukrinform", "rtp", "rte", "cbc", "abc", "nbc", "cbs", "fox news",
                 "sky news", "politico", "axios", "andina"}
# the press as a source: "Spanish media reported", "newspaper reports"
PRESS = re.compile(r"\b(?:media|press|newspapers?|reports?|outlets?|daily|tabloids?|broadcasters?)\b", re.I)

# what names another source's words when a denial answers them: "..., a claim the ministry rejected"
ACCOUNT_NOUNS = r"claim|allegation|accusation|charge|assertion|account|figure"
ROLE_WORDS = (r"minister|spokes(?:man|woman|person)|governor|president|prime minister|premier|"
               r"adviser|advisor|official|chief|director|secretary|mayor|senator|chairman|chairwoman|"
               r"chair|ceo|executive|analyst|economist|professor|researcher|scientist|ecologist|"
               r"biologist|oceanographer|colonel|general|commander|lawyer|leader|king|queen|farmer|"
               r"fisherman|resident|worker|head|founder|owner|manager|expert|envoy|ambassador|mp|mr|"
               r"mrs|ms|dr|person|man|woman|boy|girl|teenager|mother|father|widow|survivor|witness|"
               # the people of a council, a court or a team
               r"councillor|councilor|lawmaker|legislator|deputy|judge|prosecutor|coach|captain|"
               r"player|referee|"
               # people by what they do: "Union organiser Priya Natarajan" is a person, so "she" can find her
               r"organi[sz]er|officer|activist|campaigner|negotiator|commissioner|attorney|solicitor|"
               r"nurse|doctor|teacher|engineer|neighbou?r")
PERSON_ROLES = re.compile(rf"\b({ROLE_WORDS})\b", re.I)
# the nouns that make a name a body's: "the health ministry", "the Office of the Children's Commissioner"
ORG_NOUNS = (r"ministry|agency|department|office|bank|company|group|council|union|service|government|"
             r"military|army|navy|forces|police|institute|federation|association|commission|committee|"
             r"board|authority|court|parliament|cabinet|party|report|statement|survey|poll|study|audit|intelligence|"
             r"administration|team|firm|centre|center|organisation|organization|fund|bureau|assembly|"
             r"university|college|school|hospital|regulator|watchdog|operator|coalition|alliance|"
             r"update|post|bulletin|assessment|coastguard|brigade|embassy|consulate|tribunal|"
             r"inspectorate|secretariat|town\s+hall|city\s+hall|"
             # a court's words and the sides of a trial: "the ruling said", "the defence put the figure at"
             r"ruling|judgment|judgement|verdict|indictment|filing|lawsuit|complaint|prosecution|minutes")
# ("the defence" is read where it speaks: "Defense News" is an outlet)
ORG_WORDS = re.compile(rf"\b({ORG_NOUNS})\b", re.I)

# what a company is called once named: "the company", "the carmaker", "the group"
COMPANY_WORDS = (r"company|firm|carmaker|retailer|airline|carrier|insurer|lender|manufacturer|maker|chain|operator|group|"
                 r"brand|supplier|developer|producer|utility|club|bank|start-?up|conglomerate|giant")
# company words that name no kind of business: "the company" may be the carmaker or the utility named before
GENERIC_COMPANY = ("company", "firm", "group")
# what else a body is called in news ("the club said", "the school said")
BODY_NOUN = re.compile(rf"\b(?:{COMPANY_WORDS}|team|broadcaster|school|hospital|charity|side|regulator|watchdog|"
                       r"airport|railway|league|museum|label|publisher)$")
# the last word of a company's name: "Southfield Water", "Brightline Foods" (not "Lena Morva")
COMPANY_ENDS = (r"Water|Foods?|Group|Bank|Motors?|Air|Airlines?|Airways|Energy|Holdings|Inc|Ltd|plc|PLC|AG|SA|SE|NV|"
                 r"Corp(?:oration)?|Company|Co|Industries|Pharma(?:ceuticals)?|Technologies|Systems|Media|Telecom|"
                 r"Mining|Steel|Oil|Gas|Power|Capital|Partners|Cells|Electric|Retail|Stores|Semiconductors?|"
                 r"Electronics|Software|Labs|Logistics|Shipping|Lines|Chemicals|Robotics|Therapeutics")
COMPANY_NAME = re.compile(rf"\b(?:{COMPANY_ENDS})\.?$")
# a source that is no company: a public body, a document, observers, campaigners ("The regulator said Southfield
# Water discharged ...": the regulator speaks about a company without being one)
NOT_COMPANY = re.compile(r"(?i:\b(?:ministry|agency|department|office|authority|commission|government|police|court|"
                         r"council|union|association|regulator|watchdog|parliament|report|survey|study|poll|trust|"
                         r"institute|university|inspectorate|observers?|mission|organi[sz]ation|federation|analysts?|"
                         r"researchers?|officials?|charity|campaigners?|activists?|statement|minutes|data|figures|"
                         r"document|ruling|judgment|verdict|coast\s?guard|army|navy|military|forces|embassy|tribunal)\b)|"
                         r"\b[A-Za-z]+\s+group\b")  # "consumer group"
# a body named after a source's verb: "said Southfield Water had ...", "said the company had ..."
A_BODY = re.compile(rf"\b(?:the\s+(?:{COMPANY_WORDS}|party|ministry|government|council|union)\b|"
                    rf"[A-Z][a-z]+\s+(?:{COMPANY_ENDS}|Party|Ministry|Council|Union)\b)")

# the officers who speak for a body: "Its spokeswoman, Lena Morva," (not "Their lawyer")
OFFICERS = (r"spokes(?:man|woman|person)|chief(?:\s+executive)?|chair(?:man|woman)?|president|secretary(?:-general)?|"
            r"(?:director|secretary)(?:-general)?|head|leader|commander|founder|executive|coordinator|envoy|minister")
# a company's officers, named by role alone: "Chief executive Joost Verhaegen said"
CORPORATE_ROLES = (r"chief executive(?: officer)?|ceo|chairman|chairwoman|chief [a-z]+ officer|cfo|finance director|"
                   r"managing director|general manager|chief operating officer|founder|co-founder")
# a source whose count is the official one ("the official figures": the ministry's, not the shadow minister's)
OFFICIAL = re.compile(r"^(?!.*\b(?:shadow|opposition)\b).*\b(?:ministry|government|department|authorit|statistics|"
                      r"commission|police|national|federal)", re.I)
# a name that is no person's: "Doctors Without Borders", "Save the Children", "Greenpeace", "the Rivers Trust"
NOT_A_PERSON = re.compile(r"^(?:the\s|\S+$)|\s(?:of|for|without|and|the|against|in|on|&)\s|\s(?:International|"
                           r"Foundation|Society|Initiative|Watch|Aid|Relief|Rescue|Action|Alliance|Network|Coalition|"
                           r"Institute|Trust|Fund|Council|Union|Federation|Association)$", re.I)
# a newspaper's name: "the Jakarta Post", "the Sydney Morning Herald" (a "post" of a source is no paper)
PAPER = re.compile(r"\b(?:[A-Z][\w'’-]+\s+(?:Post|Times|Herald|Tribune|Gazette|Journal|Telegraph|Chronicle|Courier|Inquirer|"
                   r"Observer|Independent|Globe|Dispatch|Advertiser|Statesman)|"
                   r"(?:Financial|Business|National|Literary)\s+Review)$")  # not "the Strategic Defence Review"
# the last words of a company's name that a description's noun can mean ("the airline": Tirrena Air)
_CLUB_ENDS = "United|Rovers|Athletic|Wanderers|Albion|Hotspur|FC|CF|AFC"  # not City or Town: places too
NAME_ENDS = {"airline": "Air|Airlines|Airways", "carrier": "Air|Airlines|Airways", "bank": "Bank", "lender": "Bank",
             "carmaker": "Motors|Motor|Auto|Automotive", "automaker": "Motors|Motor|Auto|Automotive",
             "drugmaker": "Pharma|Pharmaceuticals|Therapeutics|Biotech", "insurer": "Insurance|Assurance|Re",
             "miner": "Mining|Minerals|Resources", "retailer": "Stores|Retail|Mart", "utility": "Energy|Power|Water",
             "club": _CLUB_ENDS, "team": _CLUB_ENDS}
