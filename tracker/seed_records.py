"""The sourced records tracker starts from, as data: each place, its measures, and the source of every fact.

Facts come from published sources only (see each citation); what no source says is None ("not recorded").
"""

SOURCES = {
    # Durham, NC
    "palestine_chronicle": {
        "url": "http://www.palestinechronicle.com/durham-becomes-first-us-city-ban-police-exchanges-israel/",
        "title": "Durham Becomes First US City to Ban Police Exchanges with Israel",
        "headline": True,
        "publisher": "Palestine Chronicle",
        "published_on": "2018-04-18",
    },
    "police_magazine": {
        "url": "https://www.policemag.com/361892/north-carolina-city-prohibits-police-training-exchanges-with-israel",
        "title": "North Carolina City Prohibits Police Training Exchanges with Israel",
        "headline": False,
        "publisher": "Police Magazine",
        "published_on": None,
    },
    "indy_week": {
        "url": "https://indyweek.com/news/archives-news/"
        "drawing-accusations-anti-semitism-durham-city-council-passes-statement-police-exchanges/",
        "title": "Drawing Accusations of Anti-Semitism, Durham City Council Passes Statement on Police Exchanges",
        "headline": False,
        "publisher": "INDY Week",
        "published_on": None,
    },
    "news_observer": {
        "url": "http://www.newsobserver.com/news/local/counties/durham-county/article207967584.html",
        "title": "Durham City Council rejects 'militarization of our police force.' Chief says no to Israeli training",
        "headline": True,
        "publisher": "The News & Observer",
        "published_on": None,
    },
    "news_observer_petition": {
        "url": "https://www.newsobserver.com/news/local/counties/durham-county/article207800909.html",
        "title": "Petition opposes Israeli training for Durham police",
        "headline": True,
        "publisher": "The News & Observer",
        "published_on": "2018-04-03",
    },
    "indy_week_work_session": {
        "url": "https://m.indyweek.com/news/archives/2018/04/06/"
        "responding-to-activists-the-durham-city-council-rejects-police-exchanges-with-israel",
        "title": "INDY Week report on the Durham City Council work session of April 5, 2018",
        "headline": False,
        "publisher": "INDY Week",
        "published_on": "2018-04-06",
    },
    "jvp_triangle": {
        "url": "https://jvptrianglenc.wordpress.com/",
        "title": "Jewish Voice for Peace Triangle NC page on the Durham statement on police exchanges",
        "headline": False,
        "publisher": "Jewish Voice for Peace Triangle NC",
        "published_on": None,
    },
    "herald_sun_rally": {
        "url": "https://www.heraldsun.com/news/local/counties/durham-county/article208989069.html",
        "title": "Israeli-Palestinian conflict, Durham policing to come to head at City Council meeting",
        "headline": True,
        "publisher": "The Herald-Sun",
        "published_on": "2018-04-16",
    },
    "news_observer_meeting": {
        "url": "https://www.newsobserver.com/news/local/counties/durham-county/article209005199.html",
        "title": "Disputes over Israel-Palestine, local policing clash at Durham City Council meeting",
        "headline": True,
        "publisher": "The News & Observer",
        "published_on": None,
    },
    "ap_seattle_times": {
        "url": "https://www.seattletimes.com/nation-world/city-panel-oks-policy-banning-exchanges-with-israeli-police/",
        "title": "Associated Press report on the Durham City Council's 6-0 vote on police exchanges",
        "headline": False,
        "publisher": "Associated Press (The Seattle Times)",
        "published_on": "2018-04-17",
    },
    "jta_stl_jewish_light": {
        "url": "https://stljewishlight.org/news/world-news/"
        "north-carolina-city-votes-to-bar-international-police-exchanges-specifically-with-israel/",
        "title": "JTA report on the Durham City Council vote on international police exchanges",
        "headline": False,
        "publisher": "JTA (St. Louis Jewish Light)",
        "published_on": None,
    },
    "paste": {
        "url": "https://www.pastemagazine.com/articles/2018/04/durham-nc-becomes-first-city-to-prohibit-internati.html",
        "title": "Durham, N.C. Becomes First U.S. City to Prohibit International Police Exchanges",
        "headline": True,
        "publisher": "Paste Magazine",
        "published_on": None,
    },
    "israel_hayom": {
        "url": "https://www.israelhayom.com/2018/04/18/"
        "north-carolina-panel-okays-policy-banning-exchanges-with-israel-police/",
        "title": "Israel Hayom report (from AP and WRAL) on the Durham City Council's 6-0 vote",
        "headline": False,
        "publisher": "Israel Hayom",
        "published_on": "2018-04-18",
    },
    "al_jazeera_repost": {
        "url": "https://www.newnationalist.net/2018/04/durham-1st-us-city-to-ban-police-training-with-israeli-military/",
        "title": "Durham 1st US City to Ban Police Training With Israeli Military",
        "headline": True,
        "publisher": "Al Jazeera (reposted by The New Nationalist)",
        "published_on": "2018-04-19",
    },
    "courthouse_news": {
        "url": "https://www.courthousenews.com/nc-city-council-accused-of-stirring-anti-semitism/?amp",
        "title": "Courthouse News report on the federal suit over the Durham statement",
        "headline": False,
        "publisher": "Courthouse News Service",
        "published_on": None,
    },
    "john_locke": {
        "url": "https://www.johnlocke.org/durham-is-making-international-headlines/",
        "title": "John Locke Foundation post quoting WRAL on the Durham City Council meeting of April 16, 2018",
        "headline": False,
        "publisher": "John Locke Foundation",
        "published_on": None,
    },
    "legal_insurrection": {
        "url": "https://legalinsurrection.com/2019/04/"
        "demonization-one-year-ago-the-durham-boycott-of-police-training-in-israel-launched/?ios_app=true",
        "title": "Demonization: One year ago the Durham boycott of police training in Israel launched",
        "headline": True,
        "publisher": "Legal Insurrection",
        "published_on": "2019-04-16",
    },
    "electronic_intifada": {
        "url": "https://electronicintifada.net/blogs/nora-barrows-friedman/"
        "listen-how-durham-activists-led-city-ban-police-training-israel",
        "title": "Listen: How Durham activists led city to ban police training in Israel",
        "headline": True,
        "publisher": "The Electronic Intifada",
        "published_on": None,
    },
    "herald_sun_hrc_draft": {
        "url": "https://www.heraldsun.com/news/local/article222196800.html",
        "title": "Another call for Durham to remove 'Israel' from controversial policing statement",
        "headline": True,
        "publisher": "The Herald-Sun",
        "published_on": None,
    },
    "news_observer_hrc_complaint": {
        "url": "https://www.newsobserver.com/latest-news/article212694919.html",
        "title": "Durham's debate over Israel is not over. Why these groups want a rewrite",
        "headline": True,
        "publisher": "The News & Observer",
        "published_on": None,
    },
    "news_observer_hrc_final": {
        "url": "https://www.newsobserver.com/news/local/article224093610.html",
        "title": "Why this Durham panel won't ask the city to take Israel out of its policing statement",
        "headline": True,
        "publisher": "The News & Observer",
        "published_on": None,
    },
    "hrc_final_repost": {
        "url": "https://vjp-global.blogspot.com/2019/01/1-9-2019-why-this-durham-panel-wont-ask.html",
        "title": (
            "Copy, on a blog, of the News & Observer report “Why this Durham panel won't ask the city to take Israel "
            "out of its policing statement” (https://www.newsobserver.com/news/local/article224093610.html), "
            "posted under the date 1-9-2019; cited only for the date the copy carries"
        ),
        "headline": False,
        "publisher": "vjp-global blog (a copy of The News & Observer report)",
        "published_on": "2019-01-09",
    },
    "herald_sun_lawsuit": {
        "url": "https://www.heraldsun.com/news/local/article220896635.html",
        "title": "Durham and its police chief are being sued over Israeli policing statement",
        "headline": True,
        "publisher": "The Herald-Sun",
        "published_on": None,
    },
    "voice4israel_friedman": {
        "url": "https://voice4israel.com/tag/durham-city-council/",
        "title": "Voice4Israel update on the Friedman open-meetings suit against the Durham City Council",
        "headline": False,
        "publisher": "Voice4Israel",
        "published_on": None,
    },
    "news_observer_third_lawsuit": {
        "url": "https://www.newsobserver.com/news/local/article228418349.html",
        "title": "Durham faces 3rd lawsuit over police-training statement and Israel",
        "headline": True,
        "publisher": "The News & Observer",
        "published_on": None,
    },
    "federal_complaint": {
        "url": "https://pdfslide.net/documents/"
        "united-states-district-court-for-the-middle-district-of-vernetta-alston-javiera.html",
        "title": "Complaint, North Carolina Coalition for Israel v. City of Durham, M.D.N.C. No. 1:19-cv-00309",
        "headline": False,
        "publisher": "U.S. District Court for the Middle District of North Carolina (copy on pdfslide.net)",
        "published_on": "2019-03-19",
    },
    # Seattle, WA
    "seattle_legistar": {
        "url": "http://seattle.legistar.com/LegislationDetail.aspx"
        "?ID=5067517&GUID=3C4DC3D0-7389-4E3F-B855-C0BA98C967C6&Options=&Search=",
        "title": "Legislative record of Council Bill 120142",
        "headline": False,
        "publisher": "City of Seattle (Legistar)",
        "published_on": None,
    },
    "seattle_newsbreak": {
        "url": "https://www.newsbreak.com/news/2264285511690/"
        "sawant-says-will-pursue-legislation-banning-seattle-police-training-with-israeli-military-and-police",
        "title": (
            "Sawant says will pursue legislation banning Seattle Police 'training with Israeli military and police'"
        ),
        "headline": True,
        "publisher": "NewsBreak",
        "published_on": "2021-05-27",
    },
    "seattle_committee_transcript": {
        "url": "https://transcripts.sps-by-the-numbers.com/seattle-city-council/v/oAmZG9I4Q_Y",
        "title": "Transcript of the Seattle Public Safety and Human Services Committee meeting, September 14, 2021",
        "headline": False,
        "publisher": "Seattle Channel video transcript (sps-by-the-numbers)",
        "published_on": None,
    },
    "scc_insight": {
        "url": "https://sccinsight.com/2021/09/20/notes-from-todays-council-meetings-112/",
        "title": "Notes from today's Council meetings",
        "headline": True,
        "publisher": "SCC Insight",
        "published_on": "2021-09-20",
    },
    "jta_seattle": {
        "url": "https://il.vlex.com/vid/seattle-city-council-won-877315192",
        "title": "Seattle City Council won't bar police from training with Israeli forces",
        "headline": True,
        "publisher": "JTA (The Jerusalem Post, via vLex)",
        "published_on": "2021-09-28",
    },
    # Cambridge, MA
    "harvard_crimson": {
        "url": "https://www.thecrimson.com/article/2011/3/1/city-council-councilor-public/",
        "title": "Cambridge City Council Examines Officers' Israel Trip",
        "headline": True,
        "publisher": "The Harvard Crimson",
        "published_on": "2011-03-01",
    },
    "cambridge_day_tabled": {
        "url": "https://www.cambridgeday.com/2011/03/01/police-trip-to-israel-brings-torrent-of-criticism/",
        "title": "Cambridge Day report on public comment about a police trip to Israel (City Council, Feb. 28, 2011)",
        "headline": False,
        "publisher": "Cambridge Day",
        "published_on": "2011-03-01",
    },
    "cambridge_day_adopted": {
        "url": "https://www.cambridgeday.com/2011/03/08/citizens-trip-sponsorship-overtakes-israel-controversy/",
        "title": "Cambridge Day report on the adoption of the policy order on the police trip to Israel",
        "headline": False,
        "publisher": "Cambridge Day",
        "published_on": "2011-03-08",
    },
    # Alameda County, CA
    "ktvu_2018": {
        "url": "https://www.ktvu.com/news/alameda-county-board-of-supervisors-votes-to-fund-urban-shield-another-year",
        "title": "Alameda County Board of Supervisors votes to fund Urban Shield another year",
        "headline": True,
        "publisher": "KTVU",
        "published_on": None,
    },
    "east_bay_citizen_2018": {
        "url": "https://ebcitizen.com/2018/03/28/alameda-county-supervisors-say-they-will-end-urban-shield-funding-in-2019/",
        "title": "East Bay Citizen report on the Board of Supervisors' Urban Shield vote of March 27, 2018",
        "headline": False,
        "publisher": "East Bay Citizen",
        "published_on": "2018-03-28",
    },
    "cbs_sf_2019": {
        "url": "https://www.cbsnews.com/sanfrancisco/news/alameda-co-supes-approve-sweeping-changes-to-urban-shield-program/",
        "title": "Alameda Co. Supes Approve Sweeping Changes To Urban Shield Program",
        "headline": True,
        "publisher": "CBS San Francisco",
        "published_on": None,
    },
    "oakland_north_2019": {
        "url": "https://oaklandnorth.net/2019/02/28/alameda-county-supervisors-vote-to-to-scale-back-shift-focus-of-urban-shield/",
        "title": "Oakland North report on the supervisors' vote to scale back Urban Shield",
        "headline": False,
        "publisher": "Oakland North",
        "published_on": "2019-02-28",
    },
    "stop_urban_shield_2019": {
        "url": "https://www.indybay.org/newsitems/2019/02/26/18821493.php",
        "title": "Stop Urban Shield Coalition release on the Board of Supervisors meeting of February 26, 2019",
        "headline": False,
        "publisher": "Stop Urban Shield Coalition (Indybay)",
        "published_on": "2019-02-26",
    },
    "ktvu_grand_jury_response": {
        "url": "https://www.ktvu.com/news/urban-shield-mishandling-criticisms-rejected-by-alameda-county-board",
        "title": "Urban Shield mishandling criticisms rejected by Alameda County board",
        "headline": True,
        "publisher": "KTVU",
        "published_on": None,
    },
    "ktvu_reaffirm": {
        "url": "https://www.ktvu.com/news/alameda-co-supes-re-affirm-big-changes-to-urban-shield-training-program",
        "title": "Alameda Co. supes re-affirm big changes to Urban Shield training program",
        "headline": True,
        "publisher": "KTVU",
        "published_on": None,
    },
    "israel_matzav_2010": {
        "url": "https://israelmatzav.blogspot.com/2010/10/israeli-team-wins-48-hour-continuous.html",
        "title": "Israeli team wins 48-hour continuous SWAT competition",
        "headline": True,
        "publisher": "Israel Matzav blog (quoting the Oakland Tribune)",
        "published_on": "2010-10-26",
    },
    "cities_for_palestine": {
        "url": "https://www.citiesforpalestine.org/deadlyexchange",
        "title": "End the Deadly Exchange Between the US and Israel",
        "headline": True,
        "publisher": "Cities for Palestine",
        "published_on": None,
    },
    "pleasanton_weekly_blog": {
        "url": "https://www.pleasantonweekly.com/blogs/p/print/2019/03/19/"
        "three-alameda-county-supervisors-vote-thumbs-down-on-public-safety",
        "title": "Three Alameda County Supervisors vote thumbs down on public safety",
        "headline": True,
        "publisher": "Pleasanton Weekly (Tim Talk blog)",
        "published_on": "2019-03-19",
    },
    # Berkeley, CA
    "berkeleyside_2017": {
        "url": "https://www.berkeleyside.org/2017/06/21/outcry-arrests-berkeley-city-council-votes-stick-urban-shield",
        "title": "Berkeleyside report on the City Council's Urban Shield vote of June 21, 2017",
        "headline": False,
        "publisher": "Berkeleyside",
        "published_on": "2017-06-21",
    },
    "daily_cal_subcommittee": {
        "url": "https://www.dailycal.org/2018/06/10/subcommittee-passes-initial-vote-pull-berkeley-police-aspects-urban-shield-program/",
        "title": "Subcommittee passes initial vote to pull Berkeley police out of aspects of Urban Shield program",
        "headline": True,
        "publisher": "The Daily Californian",
        "published_on": "2018-06-10",
    },
    "daily_cal_special_meeting": {
        "url": "https://www.dailycal.org/2018/07/24/berkeley-city-council-votes-keep-police-department-urban-shield-special-meeting",
        "title": "Berkeley City Council votes to keep police department in Urban Shield during special meeting",
        "headline": True,
        "publisher": "The Daily Californian",
        "published_on": "2018-07-24",
    },
    "daily_cal_roll_call": {
        "url": "https://www.dailycal.org/2018/07/25/city-council-votes-allow-berkeley-police-continue-training-urban-shield-program/",
        "title": "City Council votes to allow Berkeley police to continue training in Urban Shield program",
        "headline": True,
        "publisher": "The Daily Californian",
        "published_on": "2018-07-25",
    },
    # Reno, NV
    "ap_monterey_herald": {
        "url": "https://www.montereyherald.com/2015/02/26/reno-leaders-upset-5-officers-in-ukraine-order-them-home/",
        "title": "Associated Press report on the Reno City Council's vote to bring officers home from Ukraine",
        "headline": False,
        "publisher": "Associated Press (Monterey Herald)",
        "published_on": "2015-02-26",
    },
    # Northampton, MA
    "gazette_cancellation": {
        "url": "https://www.gazettenet.com/"
        "Amid-resident-concern-Northampton-cancels-police-chief-s-training-trip-to-Israel-21887662",
        "title": "Daily Hampshire Gazette report on the cancellation of the police chief's training trip to Israel",
        "headline": False,
        "publisher": "Daily Hampshire Gazette",
        "published_on": None,
    },
    "gazette_reactions": {
        "url": "https://dev.gazettenet.com/Locals-express-strong-views-on-decision-to-cancel-Israel-trip-21960960",
        "title": "Cancellation of Israel trip draws criticism and praise",
        "headline": True,
        "publisher": "Daily Hampshire Gazette",
        "published_on": "2018-12-04",
    },
    "pjc_vt_release": {
        "url": "https://www.pjcvt.org/for-immediate-release-november-29th-2018/",
        "title": "Press release of November 29, 2018 on the Vermont State Police and Northampton withdrawals",
        "headline": False,
        "publisher": "Peace & Justice Center (Vermont)",
        "published_on": "2018-11-29",
    },
    # Boston, MA
    "wgbh": {
        "url": "https://wgbh.org/news/local-news/2018/11/29/walsh-asked-to-stop-bpd-from-attending-israeli-training",
        "title": "WGBH report on a request that Mayor Walsh keep Boston police from an ADL seminar in Israel",
        "headline": False,
        "publisher": "WGBH",
        "published_on": "2018-11-29",
    },
    "spme": {
        "url": "https://spme.org/anti-semitism/"
        "anti-semitic-deadly-exchange-campaign-can-be-defeated-when-local-pro-israel-groups-respond-quickly/25234/",
        "title": "Scholars for Peace in the Middle East article on responses to the Deadly Exchange campaign",
        "headline": False,
        "publisher": "Scholars for Peace in the Middle East",
        "published_on": None,
    },
    # Montgomery County, MD
    "deadly_exchange_md": {
        "url": "https://deadlyexchangemd.wordpress.com/petition/",
        "title": "Petition to the Montgomery County Executive and County Council on international police trainings",
        "headline": False,
        "publisher": "Deadly Exchange MD",
        "published_on": None,
    },
    # Atlanta, GA
    "atlanta_gilee_petition": {
        "url": "https://actionnetwork.org/petitions/end-racist-and-violent-policing-atlanta-out-of-gilee-2",
        "title": "End Racist and Violent Policing: Atlanta out of GILEE!",
        "headline": True,
        "publisher": "Action Network (Jewish Voice for Peace-Atlanta, Project South, CAIR-GA)",
        "published_on": None,
    },
}

PLACES = [
    {
        "name": "Durham",
        "state": "NC",
        "kind": "city",
        "placed_at": None,
        "council_seats": 7,
        "notes": None,
        "cited_by": [
            (
                "herald_sun_hrc_draft",
                "Photo caption names the council: Vernetta Alston, Mayor Pro Tem Jillian Johnson, Charlie Reece, "
                "Mayor Steve Schewel, Mark-Anthony Middleton, Javiera Caballero and DeDreana Freeman.",
            ),
            (
                "federal_complaint",
                "Names the same seven as the mayor, mayor pro tem and members of the Durham City Council.",
            ),
        ],
        "motions": [
            {
                "kind": "statement",
                "aim": "restrict",
                "body": "City Council",
                "identifier": None,
                "title": "Statement by the Durham City Council on International Police Exchanges",
                "summary": (
                    "The City Council's statement, written by Mayor Steve Schewel, opposes international exchanges "
                    "with any country in which Durham police officers would receive military-style training. Its "
                    "only mention of Israel is a quote from Police Chief C.J. Davis saying that while she has been "
                    "chief there has been no effort to take part in any exchange to Israel. The council issued this "
                    "statement instead of the resolution that the Demilitarize! Durham2Palestine petition asked for."
                ),
                "excerpt": (
                    "The council opposes international exchanges with any country in which Durham officers receive "
                    "military-style training since such exchanges do not support the kind of policing we want here "
                    "in the City of Durham … We recognize and share the deep concern about militarization of police "
                    "forces around the country. … Black lives matter. We can make that phrase real in Durham by "
                    "rejecting the militarization of our police force in favor of a different kind of policing, and "
                    "that is what we are doing in Durham now."
                ),
                "scope_note": None,
                "campaign": "Demilitarize! Durham2Palestine",
                "petition_signatures": 1394,
                "published": 1,
                "cited_by": [
                    (
                        "herald_sun_hrc_draft",
                        "Quotes the title: the April 16 “Statement by the Durham City Council on International "
                        "Police Exchanges.”",
                        "title",
                    ),
                    (
                        "news_observer",
                        "The statement came in response to a petition; Mayor Steve Schewel wrote it.",
                        "summary",
                    ),
                    (
                        "indy_week",
                        "“The statement passed Monday makes one reference to Israel, in a quote from Chief C.J. Davis”",
                        "summary",
                    ),
                    (
                        "news_observer",
                        "Quotes the statement: “The council opposes international exchanges with any country in "
                        "which Durham officers receive military-style training”",
                        "excerpt",
                    ),
                    (
                        "herald_sun_rally",
                        "“The council issued a statement in response, but will not pass a resolution that "
                        "Demilitarize called for.”",
                        "kind",
                    ),
                    (
                        "herald_sun_lawsuit",
                        "“the council decided not to pass a resolution about policing, instead issuing a statement "
                        "about militarized policing written by Mayor Steve Schewel”",
                        "kind",
                    ),
                    (
                        "police_magazine",
                        "Calls it a statement of policy: “The Council voted 6-0 to adopt the statement of policy”",
                        "kind",
                    ),
                    (
                        "al_jazeera_repost",
                        "Other accounts call it a resolution: “The resolution read: ‘The council opposes "
                        "international exchanges …’”",
                        "kind",
                    ),
                    (
                        "police_magazine",
                        "“The statement is the result of a petition created by the group Demilitarize! "
                        "Durham2Palestine”",
                        "campaign",
                    ),
                    (
                        "news_observer_petition",
                        "About 3 April 2018: “It has more than 1,200 signatures” (a coalition of 10 local groups).",
                        "petition_signatures",
                    ),
                    (
                        "paste",
                        "After the vote, citing WRAL: “The petition gathered 1,300 signatures”",
                        "petition_signatures",
                    ),
                    (
                        "indy_week",
                        "16 April 2018: “by Monday evening had garnered nearly fourteen hundred signatures”",
                        "petition_signatures",
                    ),
                    (
                        "palestine_chronicle",
                        "18 April 2018: “The campaign has launched a petition which was signed by 1,394 people”",
                        "petition_signatures",
                    ),
                    (
                        "electronic_intifada",
                        "After the vote: “supported by nearly 1,400 residents and dozens of multi-faith leaders.”",
                        "petition_signatures",
                    ),
                ],
                "actions": [
                    {
                        "date": "2018-04-05",
                        "classification": "introduced",
                        "description": (
                            "At a City Council work session, the day the Demilitarize! Durham2Palestine petition "
                            "was submitted, Mayor Steve Schewel released the statement he had written in response "
                            "and set it for discussion, with public comment, at the regular meeting of Monday, "
                            "April 16. A supporters' account says each council member voiced support at the work "
                            "session."
                        ),
                        "cited_by": [
                            (
                                "news_observer",
                                "“Council members will discuss it at their next regular meeting, Monday, April 16, "
                                "when Mayor Steve Schewel, who wrote it, said that the public can comment”",
                            ),
                            (
                                "indy_week_work_session",
                                "“At a work session yesterday, the council did just that. Well, sorta.”",
                            ),
                            (
                                "jvp_triangle",
                                "“On April 5, 2018, Mayor Steve Schewel introduced a statement to Durham City "
                                "Council”; “each Council member voiced their support for this statement”",
                            ),
                            (
                                "herald_sun_rally",
                                "“a statement written by Mayor Steve Schewel on behalf of the council issued on "
                                "April 5”",
                            ),
                        ],
                    },
                    {
                        "date": "2018-04-16",
                        "classification": "passed",
                        "description": (
                            "After a long public-comment period at its regular meeting, the City Council voted 6-0 "
                            "to adopt the statement. Reports call it a statement or statement of policy; the "
                            "organizers and some outlets call it a resolution. Council members said they would "
                            "oppose exchanges with militarized police forces in any country, not just Israel. All "
                            "council members except the mayor had signed the campaign's petition beforehand."
                        ),
                        "cited_by": [
                            ("police_magazine", "“The Council voted 6-0 to adopt the statement of policy”"),
                            (
                                "indy_week",
                                "“The unanimous vote came after two hours of tense public comment.” “Council members "
                                "on Monday said they would oppose exchanges with militarized police forces in any "
                                "country, not just Israel”",
                            ),
                            (
                                "ap_seattle_times",
                                "“the Durham City Council voted 6-0 Monday for a policy that resulted from a petition”",
                            ),
                            ("jta_stl_jewish_light", "“was approved by the council in a 6-0 vote Monday night.”"),
                            (
                                "palestine_chronicle",
                                "Organizer's account: “the Durham city council has just unanimously passed a "
                                "resolution”",
                            ),
                            (
                                "news_observer_hrc_complaint",
                                "“All members of the council, though not Mayor Steve Schewel, had signed the "
                                "petition.”",
                            ),
                            ("legal_insurrection", "“six out of seven Council members had already signed it”"),
                        ],
                    },
                    {
                        "date": "2019-01-08",
                        "classification": "event",
                        "description": (
                            "Advisory finding: the Durham Human Relations Commission, an advisory board appointed by "
                            "the council, voted on its final report on the statement. It did not ask the council to "
                            "remove the reference to Israel, although its subcommittee's earlier draft had "
                            "recommended rewriting the statement; draft and final reports found the statement not "
                            "anti-Semitic or discriminatory but said it caused tension. One commissioner, Ricardo "
                            "Correa, said he believed it was discrimination. Date derived: the News & Observer report "
                            "places the final meeting on “Tuesday night”; its page shows no date, but a blog copy of "
                            "it carries the date 1-9-2019 (Wednesday, 9 January 2019), so “Tuesday night” is "
                            "8 January 2019; a later N&O report says “In January”."
                        ),
                        "cited_by": [
                            (
                                "news_observer_hrc_final",
                                "“gathered Tuesday night”; “commission members stopped short of asking the council to "
                                "remove the reference to Israel, even though an earlier version of their report did.”",
                            ),
                            (
                                "hrc_final_repost",
                                "A copy of the News & Observer report above, posted under the date 1-9-2019; cited "
                                "only for that date.",
                            ),
                            (
                                "herald_sun_hrc_draft",
                                "Subcommittee draft: “They found the statement was not anti-Semitic but did “cause "
                                "tension.””",
                            ),
                            (
                                "news_observer_third_lawsuit",
                                "“In January, the Human Relations Commission decided not to ask the City Council to "
                                "remove the reference to Israel”",
                            ),
                        ],
                    },
                    {
                        "date": "2019-03-19",
                        "classification": "event",
                        "description": (
                            "Lawsuit: the North Carolina Coalition for Israel and three individuals sued the city, "
                            "all council members and four Human Relations Commission members in U.S. District Court "
                            "(Middle District of North Carolina, Civil Action No. 1:19-cv-00309, filed 19 March "
                            "2019), alleging discrimination against the Jewish community. It was the third lawsuit "
                            "over the statement. Two earlier suits were brought in state Superior Court: by two "
                            "Israeli volunteer police officers, Moshe Eyal and Itay Livneh, against the city and "
                            "Police Chief C.J. Davis, alleging discrimination on the basis of national origin; and by "
                            "Durham County resident Deborah Friedman against the City Council, alleging electronic "
                            "meetings held without public notice, in violation of the open meetings law. Their filing "
                            "dates are not in our sources; the outcomes of all three suits are not known. The News & "
                            "Observer added that Mayor Schewel, who wrote the statement, does not plan to revisit it."
                        ),
                        "cited_by": [
                            (
                                "news_observer_third_lawsuit",
                                "Headline: “Durham faces 3rd lawsuit over police-training statement and Israel”; "
                                "“The North Carolina Coalition for Israel filed a lawsuit in U.S. District Court "
                                "against the city of Durham, all its City Council members”; Schewel “said he does "
                                "not plan to revisit it.”",
                            ),
                            (
                                "herald_sun_lawsuit",
                                "“Two Israeli volunteer police officers have filed a civil discrimination lawsuit "
                                "against the city of Durham and its police chief, dragging the debate … into Superior "
                                "Court”; “The plaintiffs are Moshe Eyal and Itay Livneh.”",
                            ),
                            (
                                "voice4israel_friedman",
                                "“Since then, three lawsuits have been filed against Durham on this matter.” "
                                "“Friedman, Deborah vs Durham City Council” in Durham County Superior Court: “The "
                                "suit alleges that the City Council held electronic public meetings without notifying "
                                "the public”",
                            ),
                            (
                                "federal_complaint",
                                "Complaint header: “Civil Action No. 1:19-cv-00309 … Filed 03/19/19”",
                            ),
                            (
                                "courthouse_news",
                                "Reports the federal suit: “The council voted 6-0 that night to adopt the statement”",
                            ),
                        ],
                    },
                ],
                "votes": [
                    {
                        "date": "2018-04-16",
                        "result": "pass",
                        # Seven seats, six votes reported: who did not vote is not known, so absent/excused stay None.
                        "yes": 6,
                        "no": 0,
                        "abstain": None,
                        "absent": None,
                        "excused": None,
                        "for_action": ("2018-04-16", "passed"),
                        "members": [
                            ("Javiera Caballero", "yes"),
                            ("Steve Schewel", "not_recorded"),
                            ("Jillian Johnson", "not_recorded"),
                            ("Vernetta Alston", "not_recorded"),
                            ("Charlie Reece", "not_recorded"),
                            ("Mark-Anthony Middleton", "not_recorded"),
                            ("DeDreana Freeman", "not_recorded"),
                        ],
                        "cited_by": [
                            ("police_magazine", "“The Council voted 6-0 to adopt the statement of policy”"),
                            ("israel_hayom", "“The Durham City Council voted 6-0 for the policy”"),
                            ("courthouse_news", "“The council voted 6-0 that night to adopt the statement”"),
                            (
                                "legal_insurrection",
                                "Caballero, just before the vote: “I will vote for this statement. I understand that "
                                "it's hurtful.”",
                            ),
                            (
                                "herald_sun_hrc_draft",
                                "Names the seven council members; no source found says which of them did not vote "
                                "in the 6-0 tally.",
                            ),
                        ],
                    },
                ],
                "hearings": [
                    {
                        "date": "2018-04-16",
                        "body": "City Council regular meeting",
                        "duration_minutes": 210,
                        "speakers_total": 50,
                        "speakers_support": None,
                        "speakers_oppose": None,
                        "speakers_neutral": None,
                        "notes": (
                            "Accounts differ. The organizers counted about 3.5 hours and 50 testimonies; the press "
                            "reported about two hours of public comment (INDY Week, The News & Observer), and WRAL, "
                            "quoted by the John Locke Foundation, reported that 50 people signed up to speak, two "
                            "minutes each. The duration and speaker count above are the organizers'."
                        ),
                        "cited_by": [
                            (
                                "palestine_chronicle",
                                "Organizer Eran Efrati: “After 3.5 hours and 50 powerful and inspiring testimonies”",
                            ),
                            ("indy_week", "“The unanimous vote came after two hours of tense public comment.”"),
                            (
                                "news_observer_meeting",
                                "“During two hours of public comments, however, some speakers urged the council to "
                                "leave Israel out of its statement.”",
                            ),
                            (
                                "john_locke",
                                "Quoting WRAL: “Fifty people signed up to speak about the statement at Monday night's "
                                "meeting and were given two minutes each”",
                            ),
                        ],
                    },
                ],
            },
        ],
    },
    {
        "name": "Seattle",
        "state": "WA",
        "kind": "city",
        "placed_at": None,
        "council_seats": 9,
        "notes": None,
        "cited_by": [
            (
                "jta_seattle",
                "“defeated by a vote of 5-4”; nine seats are derived from this full 5-4 tally.",
            ),
        ],
        "motions": [
            {
                "kind": "ordinance",
                "aim": "restrict",
                "body": "City Council",
                "identifier": "CB 120142",
                "title": (
                    "AN ORDINANCE relating to the Seattle Police Department; prohibiting training, exchanges, and "
                    "partnerships with certain governments; and adding a new Section 3.28.141 to the Seattle "
                    "Municipal Code"
                ),
                "summary": (
                    "Council Bill 120142, sponsored by Councilmembers Kshama Sawant, Tammy J. Morales and Teresa "
                    "Mosqueda, would have barred the Seattle Police Department from training, exchanges and "
                    "partnerships with the military or police of certain governments. First drafted to cover only "
                    "Israel, it was reworked to cover any country not party to certain international human rights "
                    "treaties or found by an international court or the United Nations to have violated human "
                    "rights conventions. The council voted it down 5-4."
                ),
                "excerpt": None,
                "scope_note": (
                    "As voted on, the bill named no country; it grew out of Sawant's announced plan to ban Seattle "
                    "police training with Israel's military and police."
                ),
                "campaign": None,
                "petition_signatures": None,
                "published": 1,
                "cited_by": [
                    (
                        "seattle_legistar",
                        "“AN ORDINANCE relating to the Seattle Police Department; prohibiting training, exchanges, "
                        "and partnerships with certain governments”",
                        "title",
                    ),
                    ("seattle_legistar", "“Record No: CB 120142”", "identifier"),
                    (
                        "seattle_legistar",
                        "“Sponsors: Kshama Sawant, Tammy J. Morales, Teresa Mosqueda”; “Status: Did Not Pass”",
                        "summary",
                    ),
                    (
                        "scc_insight",
                        "“As originally drafted by activist groups and introduced by Sawant over the summer, it "
                        "prohibited SPD from engaging with just Israel”",
                        "summary",
                    ),
                    (
                        "jta_seattle",
                        "“The bill was later modified to ban training with the military or police of any country that "
                        "is not party to certain international human rights treaties”",
                        "summary",
                    ),
                    (
                        "seattle_newsbreak",
                        "27 May 2021: Sawant “announced plans to introduce legislation that would ban Seattle Police "
                        "from “engaging in training with Israeli military and police.””",
                        "scope_note",
                    ),
                ],
                "actions": [
                    {
                        "date": "2021-09-14",
                        "classification": "in_committee",
                        "description": (
                            "Heard in the City Council's Public Safety and Human Services Committee (chair Lisa "
                            "Herbold); Herbold offered an amendment to tighten the criteria for identifying human "
                            "rights violators."
                        ),
                        "cited_by": [
                            (
                                "seattle_committee_transcript",
                                "“we will hear a bill sponsored by Councilmember Sawant relating to the Seattle "
                                "Police Department prohibiting training, exchanges, and partnership”",
                            ),
                            (
                                "scc_insight",
                                "Considered “in committee last week, with Councilmember Herbold offering an amendment "
                                "to tighten up the criteria”",
                            ),
                        ],
                    },
                    {
                        "date": "2021-09-20",
                        "classification": "failed",
                        "description": (
                            "After about 90 minutes of debate, in which amendments by Councilmembers Strauss and "
                            "Sawant failed, the full City Council voted the bill down 5-4."
                        ),
                        "cited_by": [
                            (
                                "jta_seattle",
                                "“The bill, which was defeated by a vote of 5-4 at the council's meeting on Sept. 20”",
                            ),
                            (
                                "scc_insight",
                                "Notes of 20 September 2021 on “today's Council meetings”: “after 90 minutes of heated "
                                "debate, the City Council voted down a contentious bill sponsored by Councilmember "
                                "Sawant”; “Strauss's effort failed, as did an amendment by Sawant”",
                            ),
                            ("seattle_legistar", "“On agenda: 9/20/2021”; “Status: Did Not Pass”"),
                        ],
                    },
                ],
                "votes": [
                    {
                        "date": "2021-09-20",
                        "result": "fail",
                        "yes": 4,
                        "no": 5,
                        "abstain": None,
                        "absent": None,
                        "excused": None,
                        "for_action": ("2021-09-20", "failed"),
                        "members": [],
                        "cited_by": [
                            (
                                "jta_seattle",
                                "“defeated by a vote of 5-4”; no source found gives each member's vote.",
                            ),
                        ],
                    },
                ],
                "hearings": [
                    {
                        "date": "2021-09-14",
                        "body": "Public Safety & Human Services Committee",
                        "duration_minutes": None,
                        "speakers_total": None,
                        "speakers_support": None,
                        "speakers_oppose": None,
                        "speakers_neutral": None,
                        "notes": (
                            "The chair's count of public-comment sign-ups (“20 speakers, 19 speakers”) covered the "
                            "committee's whole agenda, not only this bill, so no speaker count is recorded here."
                        ),
                        "cited_by": [
                            (
                                "seattle_committee_transcript",
                                "“I believe there are 20 speakers, 19 speakers.”",
                            ),
                        ],
                    },
                ],
            },
        ],
    },
    {
        "name": "Cambridge",
        "state": "MA",
        "kind": "city",
        "placed_at": None,
        "council_seats": 9,
        "notes": None,
        "cited_by": [
            (
                "cambridge_day_adopted",
                "“passed with a unanimous nine votes”; nine seats are derived from this 9-0 tally.",
            ),
        ],
        "motions": [
            {
                "kind": "motion",
                "aim": "review",
                "body": "City Council",
                "identifier": "Policy Order #20",
                "title": "Policy order asking the City Manager to report on a police trip to Israel",
                "summary": (
                    "Councillor Marjorie Decker's policy order asked City Manager Robert W. Healy to report on a "
                    "trip by 16 Cambridge public safety officials to Israel for counterterrorism training: why it "
                    "took place, what happened during it and whether it took place on public time. After being "
                    "tabled, it was adopted once stripped of all text except that request."
                ),
                "excerpt": None,
                "scope_note": (
                    "A request for information about a police trip to Israel, adopted in 2011, before the "
                    "Deadly Exchange campaign; it does not restrict exchanges."
                ),
                "campaign": None,
                "petition_signatures": None,
                "published": 1,
                "cited_by": [
                    (
                        "harvard_crimson",
                        "“Policy Order #20, which asked City Manager Robert W. Healy to investigate a recent trip by "
                        "municipal law enforcement officials to Israel.”",
                        "identifier",
                    ),
                    (
                        "harvard_crimson",
                        "“a trip by 16 Cambridge public safety officials to Israel for counterterrorism training”",
                        "summary",
                    ),
                    (
                        "cambridge_day_tabled",
                        "Asks the city manager “to report on why the trip took place, what happened during it and "
                        "whether it took place on public time.”",
                        "summary",
                    ),
                ],
                "actions": [
                    {
                        "date": "2011-02-28",
                        "classification": "deferred",
                        "description": (
                            "Tabled without a vote until a future meeting, after a two-hour public comment session "
                            "mostly about the order. Date derived: Cambridge Day's report of Tuesday, 1 March 2011 "
                            "places the meeting on “Monday”, and the Harvard Crimson of the same day on “last "
                            "night”, i.e. 28 February 2011."
                        ),
                        "cited_by": [
                            (
                                "cambridge_day_tabled",
                                "Dated 1 March 2011: comment came “at Monday's meeting of the City Council”, on “a "
                                "policy order by city councillor Marjorie Decker, tabled without a vote until a future "
                                "meeting”",
                            ),
                            ("harvard_crimson", "Reports on “last night's City Council meeting” (1 March 2011)."),
                        ],
                    },
                    {
                        "date": "2011-03-07",
                        "classification": "passed",
                        "description": (
                            "Adopted 9-0 after being stripped of all text except the request for the City Manager's "
                            "report. Date derived: the Cambridge Day report of 8 March 2011 places the vote on "
                            "“Monday”, i.e. 7 March 2011."
                        ),
                        "cited_by": [
                            (
                                "cambridge_day_adopted",
                                "“The order, written by Marjorie Decker, passed with a unanimous nine votes after it "
                                "was stripped of all text except the most basic request”",
                            ),
                        ],
                    },
                ],
                "votes": [
                    {
                        "date": "2011-03-07",
                        "result": "pass",
                        "yes": 9,
                        "no": 0,
                        "abstain": None,
                        "absent": None,
                        "excused": None,
                        "for_action": ("2011-03-07", "passed"),
                        "members": [],
                        "cited_by": [
                            ("cambridge_day_adopted", "“passed with a unanimous nine votes”"),
                        ],
                    },
                ],
                "hearings": [
                    {
                        "date": "2011-02-28",
                        "body": "City Council meeting, public comment",
                        "duration_minutes": 120,
                        "speakers_total": 23,
                        "speakers_support": 23,
                        "speakers_oppose": 0,
                        "speakers_neutral": None,
                        "notes": (
                            "The two hours are the whole public comment session, of which about 70 percent (23 of "
                            "34 speakers) concerned the order; the Crimson says those 23 were unanimously in favor "
                            "of adopting it, and Cambridge Day that no fans of Israel chose to speak."
                        ),
                        "cited_by": [
                            (
                                "cambridge_day_tabled",
                                "“an epic two-hour public comment session of which 70 percent of the time — that's 23 "
                                "of 34 speakers — was spent on the topic.”",
                            ),
                            (
                                "harvard_crimson",
                                "“Twenty-three residents addressed the Council in support of Policy Order #20”; "
                                "speakers were “unanimously in favor of its adoption”",
                            ),
                        ],
                    },
                ],
            },
        ],
    },
    {
        "name": "Alameda County",
        "state": "CA",
        "kind": "county",
        "placed_at": ("Oakland", "CA"),
        "council_seats": 5,
        "notes": None,
        "cited_by": [
            (
                "east_bay_citizen_2018",
                "“The board voted, 4-1”; five seats are derived from the full 4-1 and 3-2 tallies.",
            ),
            (
                "pleasanton_weekly_blog",
                "Names five supervisors voting in March 2019: Nate Miley, Scott Haggerty, Keith Carson, Wilma Chan, "
                "Richard Valle.",
            ),
        ],
        "motions": [
            {
                "kind": "motion",
                "aim": "keep",
                "body": "Board of Supervisors",
                "identifier": None,
                "title": "Motion to fund the 2018 Urban Shield exercise and change its format from 2019",
                "summary": (
                    "Supervisor Keith Carson's motion let the county accept about $5.5 million in federal Homeland "
                    "Security funds so the sheriff could hold Urban Shield again in September 2018, and called for "
                    "the exercise in 2019 and later years to focus more on natural disasters and less on terrorism "
                    "and weapons vendors. Carson said Urban Shield “as we know it” would end after 2018."
                ),
                "excerpt": None,
                "scope_note": (
                    "Urban Shield was a regional SWAT and first-responder exercise run by the Alameda County "
                    "Sheriff's Office; teams from other countries took part, among them Israeli police (the winners "
                    "in 2010) and teams from Jordan and Bahrain. The vote concerns Urban Shield as a whole, not "
                    "Israel specifically."
                ),
                "campaign": None,
                "petition_signatures": None,
                "published": 1,
                "cited_by": [
                    (
                        "ktvu_2018",
                        "“The motion that was approved calls for the exercise format in 2019 and future years to focus "
                        "more on training for natural disasters”; Carson said 2018 “is the last year for Urban "
                        "Shield going forward”",
                        "summary",
                    ),
                    (
                        "ktvu_reaffirm",
                        "“More than 100 agencies and thousands of people, including some from foreign countries, have "
                        "participated”",
                        "scope_note",
                    ),
                    (
                        "israel_matzav_2010",
                        "Quoting the Oakland Tribune on the 2010 Urban Shield exercise: Oakland's SWAT team lost “to "
                        "a group of Israeli police”; “Besides Oakland and Israel and the Bay Area agencies, teams from "
                        "Jordan and Bahrain participated.”",
                        "scope_note",
                    ),
                    (
                        "cities_for_palestine",
                        "Urban Shield brought together “local, regional, and international police-military units – "
                        "including from Israel”",
                        "scope_note",
                    ),
                ],
                "actions": [
                    {
                        "date": "2018-03-27",
                        "classification": "passed",
                        "description": (
                            "The Board of Supervisors adopted Carson's motion 4-1, with Supervisor Scott Haggerty "
                            "voting no, after more than three hours of public comment. Date derived: the East Bay "
                            "Citizen report of Wednesday, 28 March 2018 places the vote on “Tuesday afternoon”, i.e. "
                            "27 March 2018; KTVU's undated report also says the hearing was on “Tuesday”."
                        ),
                        "cited_by": [
                            (
                                "east_bay_citizen_2018",
                                "Dated 28 March 2018: the board “Tuesday afternoon decided to end funding for Urban "
                                "Shield after this year”; “The board voted, 4-1, to support funding the event this "
                                "summer, with Supervisor Scott Haggerty voting no.”",
                            ),
                            (
                                "ktvu_2018",
                                "“Funding was on the line during a heated board hearing Tuesday.”",
                            ),
                        ],
                    },
                ],
                "votes": [
                    {
                        "date": "2018-03-27",
                        "result": "pass",
                        "yes": 4,
                        "no": 1,
                        "abstain": None,
                        "absent": None,
                        "excused": None,
                        "for_action": ("2018-03-27", "passed"),
                        "members": [("Scott Haggerty", "no")],
                        "cited_by": [
                            (
                                "east_bay_citizen_2018",
                                "“The board voted, 4-1 … with Supervisor Scott Haggerty voting no.”",
                            ),
                            (
                                "ktvu_2018",
                                "Haggerty “was the lone board member to vote against Carson's motion.” The four "
                                "supervisors voting yes are not named.",
                            ),
                        ],
                    },
                ],
                "hearings": [
                    {
                        "date": "2018-03-27",
                        "body": "Board of Supervisors meeting",
                        "duration_minutes": None,
                        "speakers_total": None,
                        "speakers_support": None,
                        "speakers_oppose": None,
                        "speakers_neutral": None,
                        "notes": (
                            "More than 100 speakers over more than three hours of public comment (KTVU); the majority "
                            "of those who commented opposed Urban Shield. East Bay Citizen describes a five-hour "
                            "meeting. No exact counts are given."
                        ),
                        "cited_by": [
                            (
                                "ktvu_2018",
                                "“The board heard public comment for more than three hours from more than 100 "
                                "speakers before deciding 4-to-1”",
                            ),
                            ("east_bay_citizen_2018", "“Tuesday's uncommonly long five-hour meeting”"),
                        ],
                    },
                ],
            },
            {
                "kind": "motion",
                "aim": "restrict",
                "body": "Board of Supervisors",
                "identifier": None,
                "title": "Adoption of the Urban Shield ad hoc committee's recommendations",
                "summary": (
                    "The board accepted most of the 63 recommendations of the ad hoc committee it had formed in "
                    "2018, including ending the exercise's SWAT teams and competition and its weapons expo and "
                    "vendor show, dropping the “Urban Shield” name and checking participants' compliance with "
                    "use-of-force policies. Sheriff Gregory Ahern warned the changes would cost the federal grant "
                    "that paid for the exercise."
                ),
                "excerpt": None,
                "scope_note": (
                    "Urban Shield was a regional SWAT and first-responder exercise run by the Alameda County "
                    "Sheriff's Office; teams from other countries took part, among them Israeli police (the winners "
                    "in 2010) and teams from Jordan and Bahrain. The vote concerns Urban Shield as a whole, not "
                    "Israel specifically."
                ),
                "campaign": None,
                "petition_signatures": None,
                "published": 1,
                "cited_by": [
                    (
                        "cbs_sf_2019",
                        "Changes include “eliminating military-type SWAT teams and competition from the annual "
                        "exercises, eliminating its weapons expo and vendor show component”",
                        "summary",
                    ),
                    (
                        "stop_urban_shield_2019",
                        "“Out of 63 recommendations approved by the Ad Hoc Committee, the Board adopted all but 3.”",
                        "summary",
                    ),
                    (
                        "ktvu_reaffirm",
                        "“More than 100 agencies and thousands of people, including some from foreign countries, have "
                        "participated”",
                        "scope_note",
                    ),
                    (
                        "israel_matzav_2010",
                        "Quoting the Oakland Tribune on the 2010 Urban Shield exercise: Oakland's SWAT team lost “to "
                        "a group of Israeli police”; “Besides Oakland and Israel and the Bay Area agencies, teams from "
                        "Jordan and Bahrain participated.”",
                        "scope_note",
                    ),
                    (
                        "cities_for_palestine",
                        "Urban Shield brought together “local, regional, and international police-military units – "
                        "including from Israel”",
                        "scope_note",
                    ),
                ],
                "actions": [
                    {
                        "date": "2019-02-26",
                        "classification": "passed",
                        "description": (
                            "At the end of a five-hour meeting the board voted 4-0 to accept most of the ad hoc "
                            "committee's recommendations. Sources differ on the date. Date derived: the Stop Urban "
                            "Shield Coalition release posted on Tuesday, 26 February 2019 says the board voted "
                            "“Today”, and Oakland North's report of Thursday, 28 February 2019 says “on Tuesday”, "
                            "i.e. 26 February 2019 (CBS SF also says “Tuesday”); but a later KTVU report says the "
                            "votes were at meetings on “Feb. 27 and March 12”, and a photo caption on the Oakland "
                            "North report also names a meeting “on February 27”."
                        ),
                        "cited_by": [
                            (
                                "cbs_sf_2019",
                                "“voted 4-0 at the end of a five-hour meeting on Tuesday to accept most of a "
                                "committee's recommendations”",
                            ),
                            (
                                "oakland_north_2019",
                                "Dated 28 February 2019: the board “voted on Tuesday to approve nearly all of an ad "
                                "hoc committee's recommendations”; “They voted 4-0 to eliminate SWAT (Special Weapons "
                                "and Tactics) deployment exercises”. Its photo caption reads “Meeting on February "
                                "27”.",
                            ),
                            (
                                "stop_urban_shield_2019",
                                "Posted “Tuesday Feb 26th, 2019 9:25 PM”: “Today, the Alameda County Board of "
                                "Supervisors voted unanimously to adopt nearly all recommendations”",
                            ),
                            (
                                "ktvu_grand_jury_response",
                                "Gives another date: “In votes at meetings on Feb. 27 and March 12”",
                            ),
                        ],
                    },
                    {
                        "date": "2019-03-12",
                        "classification": "passed",
                        "description": (
                            "The board voted again, 3-2, to re-affirm the changes, with Supervisors Nate Miley and "
                            "Scott Haggerty voting no. Recorded as a second decision because it was a separate "
                            "recorded vote of the board, which KTVU counts with the first (“In votes at meetings on "
                            "Feb. 27 and March 12”). Date: KTVU's later report gives “March 12”; its undated report "
                            "of the vote says “on Tuesday”, two weeks after the first decision, and the Pleasanton "
                            "Weekly blog of 19 March 2019 places it “last week”."
                        ),
                        "cited_by": [
                            ("ktvu_reaffirm", "“voted 3-2 on Tuesday to re-affirm its decision of two weeks ago”"),
                            (
                                "pleasanton_weekly_blog",
                                "Dated 19 March 2019: “the changes to the Urban Shield training program mandated by "
                                "the Board of Supervisors last week”; “Supervisors Nate Miley and Scott Haggerty … "
                                "voted against the motion”",
                            ),
                            (
                                "ktvu_grand_jury_response",
                                "“In votes at meetings on Feb. 27 and March 12, the Board of Supervisors approved "
                                "most of the 63 recommendations”",
                            ),
                        ],
                    },
                    {
                        "date": "2019-03-19",
                        "classification": "event",
                        "description": (
                            "The federal Homeland Security grant body's board voted to pull the Urban Shield grant "
                            "after the supervisors' changes. Dated by the report (19 March 2019); CBS SF and KTVU "
                            "had said the Bay Area UASI board would meet on 14 March."
                        ),
                        "cited_by": [
                            (
                                "pleasanton_weekly_blog",
                                "“caused the federal agency to cancel the $4.7 grant” [sic]; “The Homeland Security "
                                "agency governing board voted unanimously to pull the grant”",
                            ),
                            ("cbs_sf_2019", "“UASI's board meets on March 14 to decide which programs it will fund.”"),
                        ],
                    },
                ],
                "votes": [
                    {
                        "date": "2019-02-26",
                        "result": "pass",
                        "yes": 4,
                        "no": 0,
                        "abstain": None,
                        "absent": None,
                        "excused": None,
                        "for_action": ("2019-02-26", "passed"),
                        "members": [],
                        "cited_by": [
                            ("cbs_sf_2019", "“voted 4-0”"),
                            ("oakland_north_2019", "“They voted 4-0”"),
                        ],
                    },
                    {
                        "date": "2019-03-12",
                        "result": "pass",
                        "yes": 3,
                        "no": 2,
                        "abstain": None,
                        "absent": None,
                        "excused": None,
                        "for_action": ("2019-03-12", "passed"),
                        "members": [
                            ("Keith Carson", "yes"),
                            ("Wilma Chan", "yes"),
                            ("Richard Valle", "yes"),
                            ("Nate Miley", "no"),
                            ("Scott Haggerty", "no"),
                        ],
                        "cited_by": [
                            ("ktvu_reaffirm", "“voted 3-2”"),
                            (
                                "pleasanton_weekly_blog",
                                "“Supervisors Nate Miley and Scott Haggerty … voted against the motion”; Carson and "
                                "Chan “were in favor”; Valle cast the deciding third vote in favor.",
                            ),
                        ],
                    },
                ],
                "hearings": [
                    {
                        "date": "2019-03-12",
                        "body": "Board of Supervisors meeting",
                        "duration_minutes": 300,
                        "speakers_total": None,
                        "speakers_support": None,
                        "speakers_oppose": None,
                        "speakers_neutral": None,
                        "notes": "KTVU calls it a five-hour hearing; no speaker count is recorded.",
                        "cited_by": [
                            ("ktvu_reaffirm", "“at the end of an emotional five-hour hearing”"),
                        ],
                    },
                ],
            },
        ],
    },
    {
        "name": "Berkeley",
        "state": "CA",
        "kind": "city",
        "placed_at": None,
        "council_seats": 9,
        "notes": None,
        "cited_by": [
            (
                "daily_cal_roll_call",
                "The 5-4 vote of July 2018 names nine members: the mayor and eight councilmembers.",
            ),
            ("berkeleyside_2017", "“The council voted 6-2-1”, a full tally of nine."),
        ],
        "motions": [
            {
                "kind": "motion",
                "aim": "keep",
                "body": "City Council",
                "identifier": None,
                "title": "Motion to continue participation in Urban Shield for another year (2017)",
                "summary": (
                    "At a special meeting the council voted 6-2-1 to keep Berkeley police and firefighters in the "
                    "federally funded Urban Shield exercises for another year while a new subcommittee looked into "
                    "alternatives. Mayor Jesse Arreguín's substitute motion to suspend participation for a year was "
                    "not adopted; Councilmember Susan Wengraf's amendment kept police and firefighters in the "
                    "program that fall."
                ),
                "excerpt": None,
                "scope_note": (
                    "Urban Shield was a regional SWAT and first-responder exercise run by the Alameda County "
                    "Sheriff's Office; teams from other countries took part, among them Israeli police (the winners "
                    "in 2010) and teams from Jordan and Bahrain. The vote concerns Urban Shield as a whole, not "
                    "Israel specifically."
                ),
                "campaign": None,
                "petition_signatures": None,
                "published": 1,
                "cited_by": [
                    (
                        "berkeleyside_2017",
                        "“The council voted 6-2-1 in favor of continuing to participate in the federally-funded "
                        "regional training exercises for another year”; “Mayor Jesse Arreguín had proposed a "
                        "substitute motion that would have suspended Berkeley's participation in Urban Shield for a "
                        "year”",
                        "summary",
                    ),
                    (
                        "ktvu_reaffirm",
                        "“More than 100 agencies and thousands of people, including some from foreign countries, have "
                        "participated”",
                        "scope_note",
                    ),
                    (
                        "israel_matzav_2010",
                        "Quoting the Oakland Tribune on the 2010 Urban Shield exercise: Oakland's SWAT team lost “to "
                        "a group of Israeli police”; “Besides Oakland and Israel and the Bay Area agencies, teams from "
                        "Jordan and Bahrain participated.”",
                        "scope_note",
                    ),
                    (
                        "cities_for_palestine",
                        "Urban Shield brought together “local, regional, and international police-military units – "
                        "including from Israel”",
                        "scope_note",
                    ),
                ],
                "actions": [
                    {
                        "date": "2017-06-21",
                        "classification": "passed",
                        "description": (
                            "Adopted 6-2-1 around 12:30 a.m., at the end of a special meeting that lasted more than "
                            "six hours; protesters swarmed the dais and two were arrested. Date derived: the "
                            "Berkeleyside report of Wednesday, 21 June 2017 places the vote “early Wednesday "
                            "morning”, i.e. 21 June 2017."
                        ),
                        "cited_by": [
                            (
                                "berkeleyside_2017",
                                "Dated 21 June 2017: the council voted “early Wednesday morning”, “around 12:30 a.m.”, "
                                "at “a special meeting that lasted more than six hours”; “The council voted 6-2-1”; "
                                "“Police officers arrested two people who climbed onto the stage.”",
                            ),
                        ],
                    },
                ],
                "votes": [
                    {
                        "date": "2017-06-21",
                        "result": "pass",
                        "yes": 6,
                        "no": 2,
                        "abstain": 1,
                        "absent": None,
                        "excused": None,
                        "for_action": ("2017-06-21", "passed"),
                        "members": [
                            ("Cheryl Davila", "no"),
                            ("Kate Harrison", "no"),
                            ("Kriss Worthington", "abstain"),
                        ],
                        "cited_by": [
                            (
                                "berkeleyside_2017",
                                "“The council voted 6-2-1”; “Councilwomen Cheryl Davila and Kate Harrison cast the "
                                "votes in opposition and Councilman Kriss Worthington abstained.” The six yes votes "
                                "are not named.",
                            ),
                        ],
                    },
                ],
                "hearings": [],
            },
            {
                "kind": "motion",
                "aim": "keep",
                "body": "City Council",
                "identifier": None,
                "title": "Motion to keep the Berkeley Police Department in Urban Shield (2018)",
                "summary": (
                    "At a special meeting the council voted 5-4 to keep the Berkeley Police Department in Urban "
                    "Shield, after an ad hoc subcommittee had first voted to withdraw police from the exercise's "
                    "tactical scenarios and vendor show in 2018. The council also voted to send Alameda County a "
                    "list of recommended changes to Urban Shield."
                ),
                "excerpt": None,
                "scope_note": (
                    "Urban Shield was a regional SWAT and first-responder exercise run by the Alameda County "
                    "Sheriff's Office; teams from other countries took part, among them Israeli police (the winners "
                    "in 2010) and teams from Jordan and Bahrain. The vote concerns Urban Shield as a whole, not "
                    "Israel specifically."
                ),
                "campaign": None,
                "petition_signatures": None,
                "published": 1,
                "cited_by": [
                    (
                        "daily_cal_special_meeting",
                        "“Berkeley City Council voted to keep the Berkeley Police Department enrolled in controversial "
                        "police training program Urban Shield”; “the council voted in favor of submitting a list of "
                        "recommendations to Alameda County regarding changes to Urban Shield”",
                        "summary",
                    ),
                    (
                        "ktvu_reaffirm",
                        "“More than 100 agencies and thousands of people, including some from foreign countries, have "
                        "participated”",
                        "scope_note",
                    ),
                    (
                        "israel_matzav_2010",
                        "Quoting the Oakland Tribune on the 2010 Urban Shield exercise: Oakland's SWAT team lost “to "
                        "a group of Israeli police”; “Besides Oakland and Israel and the Bay Area agencies, teams from "
                        "Jordan and Bahrain participated.”",
                        "scope_note",
                    ),
                    (
                        "cities_for_palestine",
                        "Urban Shield brought together “local, regional, and international police-military units – "
                        "including from Israel”",
                        "scope_note",
                    ),
                ],
                "actions": [
                    {
                        "date": "2018-06-04",
                        "classification": "in_committee",
                        "description": (
                            "In a preliminary vote, the council's ad hoc subcommittee voted 3-1 (Mayor Arreguín and "
                            "Councilmembers Kate Harrison and Cheryl Davila for, Susan Wengraf against) to keep "
                            "Berkeley out of Urban Shield's tactical scenarios and vendor show in 2018, for a vote by "
                            "the full council in July. About two weeks later Arreguín withdrew his support for that "
                            "vote."
                        ),
                        "cited_by": [
                            (
                                "daily_cal_subcommittee",
                                "“Four members of the council held a preliminary vote June 4 to prevent Berkeley from "
                                "participating in the tactical scenario exercises”",
                            ),
                            (
                                "daily_cal_special_meeting",
                                "“The decision changed after Arreguín rescinded his vote about two weeks later.”",
                            ),
                        ],
                    },
                    {
                        "date": "2018-07-23",
                        "classification": "passed",
                        "description": (
                            "At a special meeting convened by Mayor Arreguín, the council voted 5-4 to keep the "
                            "police department in Urban Shield, the mayor casting the deciding vote. Date derived: "
                            "the Daily Californian report of Tuesday, 24 July 2018 places the special meeting on "
                            "“Monday”, i.e. 23 July 2018; its report of 25 July 2018 also says “Monday”."
                        ),
                        "cited_by": [
                            (
                                "daily_cal_special_meeting",
                                "Dated 24 July 2018: “at a special meeting convened by Mayor Jesse Arreguín on "
                                "Monday”; “The decision passed with a 5–4 vote”",
                            ),
                            (
                                "daily_cal_roll_call",
                                "Dated 25 July 2018: the council voted “at a special council meeting … Monday”; “With "
                                "Mayor Jesse Arreguín as the deciding vote, the motion to continue enrollment in the "
                                "program passed with a 5-4 vote”",
                            ),
                        ],
                    },
                ],
                "votes": [
                    {
                        "date": "2018-07-23",
                        "result": "pass",
                        "yes": 5,
                        "no": 4,
                        "abstain": None,
                        "absent": None,
                        "excused": None,
                        "for_action": ("2018-07-23", "passed"),
                        "members": [
                            ("Jesse Arreguín", "yes"),
                            ("Linda Maio", "yes"),
                            ("Sophie Hahn", "yes"),
                            ("Lori Droste", "yes"),
                            ("Susan Wengraf", "yes"),
                            ("Cheryl Davila", "no"),
                            ("Ben Bartlett", "no"),
                            ("Kate Harrison", "no"),
                            ("Kriss Worthington", "no"),
                        ],
                        "cited_by": [
                            (
                                "daily_cal_special_meeting",
                                "“with Arreguín and Councilmembers Linda Maio, Sophie Hahn, Lori Droste and Susan "
                                "Wengraf voting in support.”",
                            ),
                            (
                                "daily_cal_roll_call",
                                "“Councilmembers Cheryl Davila, Ben Bartlett, Kate Harrison and Kriss Worthington all "
                                "voted against”",
                            ),
                        ],
                    },
                ],
                "hearings": [],
            },
        ],
    },
    {
        "name": "Reno",
        "state": "NV",
        "kind": "city",
        "placed_at": None,
        "council_seats": 7,
        "notes": None,
        "cited_by": [
            (
                "ap_monterey_herald",
                "“the council voted 4-3”; seven seats are derived from this full 4-3 tally.",
            ),
        ],
        "motions": [
            {
                "kind": "motion",
                "aim": "restrict",
                "body": "City Council",
                "identifier": None,
                "title": "Motion to suspend Reno police officers' training mission in Ukraine",
                "summary": (
                    "The council voted 4-3 to order the police chief to bring home at once five Reno officers who "
                    "had gone to Kiev in late January 2015 to help train Ukrainian police in community policing "
                    "through a U.S. Justice Department program. The mayor and several other council members were upset "
                    "that the police chief had not consulted them before deploying the officers."
                ),
                "excerpt": None,
                "scope_note": (
                    "A foreign police-training program (Reno officers training Ukraine's police), not an exchange "
                    "with Israel and not part of the Deadly Exchange campaign; recorded as a council decision on "
                    "police training abroad."
                ),
                "campaign": None,
                "petition_signatures": None,
                "published": 1,
                "cited_by": [
                    (
                        "ap_monterey_herald",
                        "Dated 26 February 2015: the city “ordered its police chief to immediately bring home five "
                        "police officers”; “The officers traveled to Ukraine late last month to help provide training "
                        "in community policing tactics through a program with the U.S. Justice Department.”; Mayor "
                        "Schieve and several other council members “were upset Pitts hadn't consulted them before "
                        "deploying the officers”",
                        "summary",
                    ),
                    (
                        "ap_monterey_herald",
                        "Five Reno officers were “helping provide law enforcement training in Ukraine”",
                        "scope_note",
                    ),
                ],
                "actions": [
                    {
                        "date": "2015-02-25",
                        "classification": "passed",
                        "description": (
                            "The City Council voted 4-3 to suspend the operation and ordered the police chief to "
                            "bring the officers home. Date derived: the AP report of 26 February 2015 places the "
                            "vote on “Wednesday”, i.e. 25 February 2015."
                        ),
                        "cited_by": [
                            ("ap_monterey_herald", "“the council voted 4-3 Wednesday to suspend the operation.”"),
                        ],
                    },
                ],
                "votes": [
                    {
                        "date": "2015-02-25",
                        "result": "pass",
                        "yes": 4,
                        "no": 3,
                        "abstain": None,
                        "absent": None,
                        "excused": None,
                        "for_action": ("2015-02-25", "passed"),
                        "members": [],
                        "cited_by": [
                            ("ap_monterey_herald", "“the council voted 4-3”"),
                        ],
                    },
                ],
                "hearings": [],
            },
        ],
    },
    {
        "name": "Northampton",
        "state": "MA",
        "kind": "city",
        "placed_at": None,
        "council_seats": None,
        "notes": "The decision was the mayor's and the police chief's, taken together.",
        "cited_by": [
            (
                "gazette_reactions",
                "“The decision was made jointly by Police Chief Jody Kasper and Mayor David Narkewicz.”",
            ),
        ],
        "motions": [
            {
                "kind": "executive",
                "aim": "restrict",
                "body": "Mayor and Police Chief",
                "identifier": None,
                "title": "Cancellation of the police chief's ADL training trip to Israel",
                "summary": (
                    "Mayor David Narkewicz and Police Chief Jody Kasper decided that Kasper would withdraw from the "
                    "Anti-Defamation League's leadership and counter-terrorism seminar in Israel, scheduled for "
                    "2-11 December 2018, after meeting a delegation of residents that included city councilors. "
                    "Narkewicz said the decision was not pro- or anti-Israel."
                ),
                "excerpt": None,
                "scope_note": None,
                "campaign": None,
                "petition_signatures": None,
                "published": 1,
                "cited_by": [
                    (
                        "gazette_cancellation",
                        "“Kasper and Narkewicz said they canceled the trip after meeting with a delegation that "
                        "included Weber, city counselors and other concerned residents”; Narkewicz: “We were not "
                        "making a statement pro- or anti-Israel”",
                        "summary",
                    ),
                    (
                        "pjc_vt_release",
                        "“Leadership, Resilience and Counter-Terrorism Seminar in Israel, scheduled Dec. 2-11.”",
                        "summary",
                    ),
                    (
                        "gazette_reactions",
                        "“One of the members of that delegation was Ward 7 City Councilor Alisa Klein.”",
                        "summary",
                    ),
                ],
                "actions": [
                    {
                        "date": "2018-11-27",
                        "classification": "passed",
                        "description": (
                            "Mayor Narkewicz and Chief Kasper decided that Kasper would withdraw from the seminar, "
                            "after meeting a delegation of concerned residents. Date derived: the Peace & Justice "
                            "Center release of Thursday, 29 November 2018 says the Vermont State Police cancelled "
                            "“Earlier this week” and that Northampton withdrew “The next day”; the Gazette places "
                            "the Northampton decision on “Tuesday”, the Vermont decision “the day before”. The "
                            "Tuesday of the week of 29 November 2018 is 27 November 2018."
                        ),
                        "cited_by": [
                            (
                                "gazette_cancellation",
                                "“the decision by Kasper and Narkewicz on Tuesday, as well as a similar decision the "
                                "day before by Vermont State Police”",
                            ),
                            (
                                "pjc_vt_release",
                                "Dated 29 November 2018: “Earlier this week, Colonel Birmingham told local organizers "
                                "from across Vermont that he had cancelled the Vermont State Police's participation”; "
                                "“The next day, after a meeting with concerned Pioneer Valley residents, Northampton "
                                "Mayor Narkewicz withdrew Police Commissioner Kasper from the same trip.”",
                            ),
                        ],
                    },
                ],
                "votes": [],
                "hearings": [],
            },
        ],
    },
    {
        "name": "Boston",
        "state": "MA",
        "kind": "city",
        "placed_at": None,
        "council_seats": None,
        "notes": "A request to the mayor; no decision by the mayor or the City Council was found.",
        "cited_by": [
            ("wgbh", "Peace activists asked Mayor Marty Walsh to cancel the police department's participation."),
        ],
        "motions": [
            {
                "kind": "petition",
                "aim": "restrict",
                "body": "Mayor",
                "identifier": None,
                "title": "Letter asking Mayor Walsh to keep Boston police from the ADL seminar in Israel",
                "summary": (
                    "Jewish Voice for Peace and several religious and peace groups asked Mayor Marty Walsh in a "
                    "letter to keep the Boston Police Department out of the Anti-Defamation League's Leadership, "
                    "Resilience and Counter-Terrorism Seminar in Israel starting 2 December 2018; a police "
                    "spokesman said two top-ranking officers planned to go. A critic of the campaign later wrote "
                    "that Boston police did not cancel their trip."
                ),
                "excerpt": None,
                "scope_note": None,
                "campaign": None,
                "petition_signatures": None,
                "published": 1,
                "cited_by": [
                    (
                        "wgbh",
                        "“A BPD spokesman says two top-ranking officers plan to go for the training”",
                    ),
                    (
                        "wgbh",
                        "Jewish Voices for Peace and other groups “warned Walsh in a letter”; the seminar “is set to "
                        "start Sunday in Israel.”",
                        "summary",
                    ),
                    (
                        "spme",
                        "“the Rhode Island State Police (as well as Boston Police) did not cancel their Israel trips.”",
                        "summary",
                    ),
                ],
                "actions": [],
                "votes": [],
                "hearings": [],
            },
        ],
    },
    {
        "name": "Montgomery County",
        "state": "MD",
        "kind": "county",
        "placed_at": ("Rockville", "MD"),
        "council_seats": None,
        "notes": "A petition to the county; no decision by the County Executive or County Council was found.",
        "cited_by": [
            ("deadly_exchange_md", "Petition addressed to “Executive Elrich and Montgomery County Councilmembers”."),
        ],
        "motions": [
            {
                "kind": "petition",
                "aim": "restrict",
                "body": "County Executive and County Council",
                "identifier": None,
                "title": "Petition to end international trainings for Montgomery County police",
                "summary": (
                    "A petition for county residents asks County Executive Elrich and the County Council to end by "
                    "law the practice of letting Montgomery County police receive international trainings, "
                    "especially military-style ones, and to press for release of which officers took part, "
                    "notably in a 2017 program hosted in the county."
                ),
                "excerpt": (
                    "I am requesting that you legislatively end the practice of allowing Montgomery County police to "
                    "receive international trainings, especially those that have military-style curriculums."
                ),
                "scope_note": None,
                "campaign": None,
                "petition_signatures": None,
                "published": 1,
                "cited_by": [
                    (
                        "deadly_exchange_md",
                        "“I am requesting that you legislatively end the practice of allowing Montgomery County police "
                        "to receive international trainings”",
                    ),
                    (
                        "deadly_exchange_md",
                        "Quotes the petition's request; it also asks for release of which officers received "
                        "“these trainings, most particularly the 2017 program.”",
                        "excerpt",
                    ),
                ],
                "actions": [],
                "votes": [],
                "hearings": [],
            },
        ],
    },
    {
        "name": "Atlanta",
        "state": "GA",
        "kind": "city",
        "placed_at": None,
        "council_seats": None,
        "notes": "A petition to the mayor and City Council; no decision by either was found.",
        "cited_by": [
            (
                "atlanta_gilee_petition",
                "Addressed “To: Mayor of Atlanta, Keisha Lance Bottoms and the Atlanta City Council”.",
            ),
        ],
        "motions": [
            {
                "kind": "petition",
                "aim": "restrict",
                "body": "Mayor and City Council",
                "identifier": None,
                "title": "End Racist and Violent Policing: Atlanta out of GILEE!",
                "summary": (
                    "A petition sponsored by Jewish Voice for Peace-Atlanta, Project South and CAIR-GA asks Mayor "
                    "Keisha Lance Bottoms and the City Council to halt the Atlanta Police Department's partnership "
                    "with the Georgia International Law Enforcement Exchange (GILEE) and any partnerships with the "
                    "Israeli military, the Israeli police and other agencies that violate human rights."
                ),
                "excerpt": (
                    "We therefore call on the City of Atlanta to immediately halt the Atlanta Police Department's "
                    "partnership with the Georgia International Law Enforcement Exchange (GILEE)."
                ),
                "scope_note": None,
                "campaign": None,
                "petition_signatures": None,
                "published": 1,
                "cited_by": [
                    (
                        "atlanta_gilee_petition",
                        "“The petition is sponsored by Jewish Voice for Peace-Atlanta, Project South, and CAIR-GA.”",
                    ),
                    ("atlanta_gilee_petition", "The petition's own title.", "title"),
                    (
                        "atlanta_gilee_petition",
                        "“We therefore call on the City of Atlanta to immediately halt the Atlanta Police "
                        "Department's partnership with the Georgia International Law Enforcement Exchange”",
                        "excerpt",
                    ),
                ],
                "actions": [],
                "votes": [],
                "hearings": [],
            },
        ],
    },
]
