#!/usr/bin/env python3
"""Builds data/kb.tsv, the built-in entity table of frner's linker.

Re-runnable and offline: `python3 scripts/build_kb.py` rewrites data/kb.tsv from
  * data/kb-sources/*.tsv: Wikidata ids extracted by scripts/extract_kb_sources.py from the
    Countries States Cities database (ODbL 1.0) and Natural Earth (public domain), and
    data/kb-sources/confirmed.tsv (ids checked by hand against public files, with evidence);
  * pycountry (ISO 3166-1 names and their French translations);
  * the hand-written rows below (usual French names, aliases, demonyms, people,
    organisations, cities, regions).

Wikidata ids are never typed from memory into the table. A QID written in a hand-written
row below is only a *claim*: it is published when a source file pairs the same QID with
the same name (a country's or division's id in the extracted tables, a city's id in the
extracted city table, or a line of confirmed.tsv); otherwise the row is published without
a QID and the script says so. Country ids come from the sources by ISO code, and only
when both sources agree (or one is silent and the other is confirmed by the division
table). A wrong QID is worse than none.

Hand-written row format (one per line, `;`-separated, `|` inside a field):
  id;TYPE;French name;English name;QID claim;aliases;demonyms;metonym types;priority;context;description
Country lines are shorter, see COUNTRIES.
"""
import difflib
import gettext
import re
import sys
import unicodedata
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "kb.tsv"
SOURCES = ROOT / "data" / "kb-sources"
COLUMNS = ["id", "type", "name", "name_en", "wikidata", "aliases", "demonyms",
           "metonym", "priority", "context", "description"]

# alpha-2 ; usual French name ; QID ; extra aliases ; demonym (masculine singular) ; capital id
COUNTRIES = """
AF;Afghanistan;Q889;;afghan;kaboul
ZA;Afrique du Sud;Q258;RSA;sud-africain;pretoria
AL;Albanie;Q222;;albanais;tirana
DZ;Algérie;Q262;;algérien;alger
DE;Allemagne;Q183;RFA|République fédérale d'Allemagne|Germany;allemand;berlin
AD;Andorre;Q228;;andorran;
AO;Angola;Q916;;angolais;
AG;Antigua-et-Barbuda;Q781;;;
SA;Arabie saoudite;Q851;Arabie Saoudite|Saudi Arabia|royaume saoudien;saoudien;riyad
AR;Argentine;Q414;;argentin;buenos-aires
AM;Arménie;Q399;;arménien;erevan
AU;Australie;Q408;;australien;canberra
AT;Autriche;Q40;;autrichien;vienne
AZ;Azerbaïdjan;Q227;Azerbaidjan;azerbaïdjanais;bakou
BS;Bahamas;Q778;;;
BH;Bahreïn;Q398;Bahrein;bahreïni;
BD;Bangladesh;Q902;;bangladais;
BB;Barbade;Q244;;;
BE;Belgique;Q31;;belge;bruxelles
BZ;Belize;Q242;;;
BJ;Bénin;Q962;;béninois;
BT;Bhoutan;Q917;;bhoutanais;
BY;Biélorussie;Q184;Bélarus|Belarus|Bielorussie;biélorusse;minsk
MM;Birmanie;Q836;Myanmar;birman;
BO;Bolivie;Q750;;bolivien;
BA;Bosnie-Herzégovine;Q225;Bosnie;bosnien;sarajevo
BW;Botswana;Q963;;;
BR;Brésil;Q155;Brazil;brésilien;brasilia
BN;Brunei;Q921;Brunéi;;
BG;Bulgarie;Q219;;bulgare;sofia
BF;Burkina Faso;Q965;Burkina;burkinabé;ouagadougou
BI;Burundi;Q967;;burundais;
KH;Cambodge;Q424;;cambodgien;
CM;Cameroun;Q1009;;camerounais;yaounde
CA;Canada;Q16;;canadien;ottawa
CV;Cap-Vert;Q1011;Cabo Verde;cap-verdien;
CF;Centrafrique;Q929;République centrafricaine|RCA;centrafricain;bangui
CL;Chili;Q298;;chilien;santiago
CN;Chine;Q148;République populaire de Chine|RPC|China;chinois;pekin
CY;Chypre;Q229;;chypriote;
CO;Colombie;Q739;;colombien;bogota
KM;Comores;Q970;;comorien;
CG;Congo-Brazzaville;Q971;République du Congo;congolais;brazzaville
CD;République démocratique du Congo;Q974;RDC|RD Congo|Congo-Kinshasa|Zaïre;;kinshasa
KP;Corée du Nord;Q423;North Korea|RPDC;nord-coréen;pyongyang
KR;Corée du Sud;Q884;South Korea;sud-coréen;seoul
CR;Costa Rica;Q800;;costaricien;
CI;Côte d'Ivoire;Q1008;Cote d'Ivoire|Ivory Coast;ivoirien;abidjan
HR;Croatie;Q224;;croate;zagreb
CU;Cuba;Q241;;cubain;la-havane
DK;Danemark;Q35;;danois;copenhague
DJ;Djibouti;Q977;;djiboutien;
DO;République dominicaine;Q786;;dominicain;
DM;Dominique;Q784;;;
EG;Égypte;Q79;Egypt;égyptien;le-caire
AE;Émirats arabes unis;Q878;EAU|Emirats|Émirats;émirati;abou-dhabi
EC;Équateur;Q736;;équatorien;
ER;Érythrée;Q986;;érythréen;
ES;Espagne;Q29;Spain;espagnol;madrid
EE;Estonie;Q191;;estonien;tallinn
SZ;Eswatini;Q1050;Swaziland;swazi;
US;États-Unis;Q30;États-Unis d'Amérique|Etats-Unis|USA|US|U.S.A.|United States|America;américain|étatsunien;washington
ET;Éthiopie;Q115;;éthiopien;addis-abeba
FJ;Fidji;Q712;;fidjien;
FI;Finlande;Q33;;finlandais;helsinki
FR;France;Q142;République française|Hexagone;français;paris
GA;Gabon;Q1000;;gabonais;
GM;Gambie;Q1005;;gambien;
GE;Géorgie;Q230;;géorgien;tbilissi
GH;Ghana;Q117;;ghanéen;
GR;Grèce;Q41;;grec;athenes
GD;Grenade;Q769;;;
GT;Guatemala;Q774;;guatémaltèque;
GN;Guinée;Q1006;Guinée-Conakry;guinéen;
GQ;Guinée équatoriale;Q983;;équato-guinéen;
GW;Guinée-Bissau;Q1007;;bissaoguinéen;
GY;Guyana;Q734;;guyanien;
HT;Haïti;Q790;Haiti;haïtien;port-au-prince
HN;Honduras;Q783;;hondurien;
HU;Hongrie;Q28;;hongrois;budapest
IN;Inde;Q668;India;indien;new-delhi
ID;Indonésie;Q252;;indonésien;jakarta
IQ;Irak;Q796;Iraq;irakien;bagdad
IR;Iran;Q794;République islamique d'Iran|Perse;iranien;teheran
IE;Irlande;Q27;Eire|Éire;irlandais;dublin
IS;Islande;Q189;;islandais;reykjavik
IL;Israël;Q801;Israel|État hébreu|Etat hébreu;israélien;
IT;Italie;Q38;Italy;italien;rome
JM;Jamaïque;Q766;;jamaïcain;
JP;Japon;Q17;Japan;japonais;tokyo
JO;Jordanie;Q810;;jordanien;amman
KZ;Kazakhstan;Q232;;kazakh;astana
KE;Kenya;Q114;;kényan;nairobi
KG;Kirghizistan;Q813;Kirghizstan;kirghize;
KI;Kiribati;Q710;;;
KW;Koweït;Q817;Koweit;koweïtien;
LA;Laos;Q819;;laotien;
LS;Lesotho;Q1013;;;
LV;Lettonie;Q211;;letton;riga
LB;Liban;Q822;Lebanon;libanais;beyrouth
LR;Liberia;Q1014;Libéria;libérien;
LY;Libye;Q1016;Libya;libyen;tripoli
LI;Liechtenstein;Q347;;;
LT;Lituanie;Q37;;lituanien;vilnius
LU;Luxembourg;Q32;Grand-Duché de Luxembourg|grand-duché;luxembourgeois;
MK;Macédoine du Nord;Q221;Macédoine;macédonien;skopje
MG;Madagascar;Q1019;;malgache;
MY;Malaisie;Q833;Malaysia;malaisien;kuala-lumpur
MW;Malawi;Q1020;;malawite;
MV;Maldives;Q826;;maldivien;
ML;Mali;Q912;;malien;bamako
MT;Malte;Q233;;maltais;
MA;Maroc;Q1028;royaume chérifien;marocain;rabat
MH;Îles Marshall;Q709;Marshall;;
MU;Maurice;Q1027;île Maurice;mauricien;
MR;Mauritanie;Q1025;;mauritanien;nouakchott
MX;Mexique;Q96;Mexico;mexicain;mexico
FM;Micronésie;Q702;États fédérés de Micronésie;;
MD;Moldavie;Q217;Moldova;moldave;chisinau
MC;Monaco;Q235;Principauté de Monaco;monégasque;
MN;Mongolie;Q711;;mongol;
ME;Monténégro;Q236;;monténégrin;
MZ;Mozambique;Q1029;;mozambicain;
NA;Namibie;Q1030;;namibien;
NR;Nauru;Q697;;;
NP;Népal;Q837;;népalais;
NI;Nicaragua;Q811;;nicaraguayen;
NE;Niger;Q1032;;nigérien;niamey
NG;Nigeria;Q1033;Nigéria;nigérian;abuja
NO;Norvège;Q20;;norvégien;oslo
NZ;Nouvelle-Zélande;Q664;New Zealand;néo-zélandais;wellington
OM;Oman;Q842;sultanat d'Oman;omanais;
UG;Ouganda;Q1036;Uganda;ougandais;
UZ;Ouzbékistan;Q265;;ouzbek;tachkent
PK;Pakistan;Q843;;pakistanais;islamabad
PW;Palaos;Q695;Palau;;
PA;Panama;Q804;;panaméen;
PG;Papouasie-Nouvelle-Guinée;Q691;;papouasien;
PY;Paraguay;Q733;;paraguayen;
NL;Pays-Bas;Q55;Hollande|Netherlands;néerlandais;amsterdam
PE;Pérou;Q419;;péruvien;lima
PH;Philippines;Q928;;philippin;manille
PL;Pologne;Q36;Poland;polonais;varsovie
PT;Portugal;Q45;;portugais;lisbonne
QA;Qatar;Q846;Katar;qatari;doha
RO;Roumanie;Q218;;roumain;bucarest
GB;Royaume-Uni;Q145;Grande-Bretagne|UK|United Kingdom|Britain|Great Britain;britannique;londres
RU;Russie;Q159;Fédération de Russie|Russia;russe;moscou
RW;Rwanda;Q1037;;rwandais;kigali
KN;Saint-Christophe-et-Niévès;Q763;Saint-Kitts-et-Nevis;;
SM;Saint-Marin;Q238;;saint-marinais;
VC;Saint-Vincent-et-les-Grenadines;Q757;;;
LC;Sainte-Lucie;Q760;;;
SB;Îles Salomon;Q685;Salomon;;
SV;Salvador;Q792;El Salvador;salvadorien;
WS;Samoa;Q683;;;
ST;Sao Tomé-et-Principe;Q1039;São Tomé-et-Príncipe;;
SN;Sénégal;Q1041;;sénégalais;dakar
RS;Serbie;Q403;;serbe;belgrade
SC;Seychelles;Q1042;;seychellois;
SL;Sierra Leone;Q1044;;sierra-léonais;
SG;Singapour;Q334;Singapore;singapourien;
SK;Slovaquie;Q214;;slovaque;bratislava
SI;Slovénie;Q215;;slovène;ljubljana
SO;Somalie;Q1045;;somalien;mogadiscio
SD;Soudan;Q1049;;soudanais;khartoum
SS;Soudan du Sud;Q958;Sud-Soudan;sud-soudanais;
LK;Sri Lanka;Q854;;sri-lankais;
SE;Suède;Q34;;suédois;stockholm
CH;Suisse;Q39;Confédération suisse|Confédération helvétique|Confédération|Helvétie|Switzerland;suisse|helvétique;berne
SR;Suriname;Q730;Surinam;surinamais;
SY;Syrie;Q858;Syria;syrien;damas
TJ;Tadjikistan;Q863;;tadjik;
TZ;Tanzanie;Q924;;tanzanien;
TD;Tchad;Q657;;tchadien;ndjamena
CZ;Tchéquie;Q213;République tchèque|Czech Republic;tchèque;prague
TH;Thaïlande;Q869;Thailande;thaïlandais;bangkok
TL;Timor oriental;Q574;Timor-Leste;;
TG;Togo;Q945;;togolais;
TO;Tonga;Q678;;;
TT;Trinité-et-Tobago;Q754;;;
TN;Tunisie;Q948;;tunisien;tunis
TM;Turkménistan;Q874;;turkmène;
TR;Turquie;Q43;Türkiye|Turkey;turc;ankara
TV;Tuvalu;Q672;;;
UA;Ukraine;Q212;;ukrainien;kiev
UY;Uruguay;Q77;;uruguayen;
VU;Vanuatu;Q686;;;
VA;Vatican;Q237;Saint-Siège|Cité du Vatican|Saint-Siege;;
VE;Venezuela;Q717;Vénézuela;vénézuélien;caracas
VN;Viêt Nam;Q881;Vietnam|Viet Nam;vietnamien;hanoi
YE;Yémen;Q805;Yemen;yéménite;sanaa
ZM;Zambie;Q953;;zambien;
ZW;Zimbabwe;Q954;;zimbabwéen;
PS;Palestine;Q219060;État de Palestine|territoires palestiniens|Territoires palestiniens;palestinien;
TW;Taïwan;Q865;Taiwan|Formose|République de Chine;taïwanais;taipei
XK;Kosovo;Q1246;;kosovar;pristina
HK;Hong Kong;Q8646;Hongkong;hongkongais;
MO;Macao;Q14773;Macau;;
GL;Groenland;Q223;Greenland;groenlandais;
PR;Porto Rico;Q1183;Puerto Rico;portoricain;
NC;Nouvelle-Calédonie;Q33788;Kanaky;néo-calédonien;
PF;Polynésie française;Q30971;Tahiti;polynésien;
RE;La Réunion;Q17070;Réunion|île de la Réunion;réunionnais;
MQ;Martinique;Q17054;;martiniquais;
GP;Guadeloupe;Q17012;;guadeloupéen;
GF;Guyane;Q3769;Guyane française;guyanais;
YT;Mayotte;Q17063;;mahorais;
EH;Sahara occidental;Q6250;;sahraoui;
"""

# id;TYPE;French name;English name;QID;aliases;demonyms;metonym;priority;context;description
MANUAL = """
# --- continents, supranational regions, historical states ---
europe;LOC;Europe;Europe;Q46;Vieux Continent|vieux continent;européen;;;;continent
asie;LOC;Asie;Asia;Q48;;asiatique;;;;continent
afrique;LOC;Afrique;Africa;Q15;continent africain;africain;;;;continent
amerique;LOC;Amérique;Americas;Q828;Amériques|Nouveau Monde;;;;;the Americas (in modern news "l'Amérique" often means the United States)
amerique-du-nord;LOC;Amérique du Nord;North America;Q49;;nord-américain;;;;continent
amerique-du-sud;LOC;Amérique du Sud;South America;Q18;Amérique latine|Amérique méridionale;sud-américain|latino-américain;;;;continent
oceanie;LOC;Océanie;Oceania;;;océanien;;;;continent
antarctique;LOC;Antarctique;Antarctica;Q51;Antarctica;;;;;continent
arctique;LOC;Arctique;Arctic;;;arctique;;;;polar region
moyen-orient;LOC;Moyen-Orient;Middle East;;Proche-Orient|Proche et Moyen-Orient;;;;;region of western Asia and Egypt
afrique-du-nord;LOC;Afrique du Nord;North Africa;Q27381;;nord-africain;;;;region of Africa
maghreb;LOC;Maghreb;Maghreb;;;maghrébin;;;;north-western Africa
sahel;LOC;Sahel;Sahel;;;sahélien;;;;region south of the Sahara
balkans;LOC;Balkans;Balkans;;;balkanique;;;;south-eastern Europe
caucase;LOC;Caucase;Caucasus;;;caucasien;;;;region between Black and Caspian seas
scandinavie;LOC;Scandinavie;Scandinavia;;;scandinave;;;;northern Europe
angleterre;LOC;Angleterre;England;Q21;England;anglais;ORG;;;constituent country of the UK
ecosse;LOC;Écosse;Scotland;Q22;Scotland;écossais;;;;constituent country of the UK
pays-de-galles;LOC;Pays de Galles;Wales;Q25;Wales;gallois;;;;constituent country of the UK
irlande-du-nord;LOC;Irlande du Nord;Northern Ireland;Q26;Ulster;nord-irlandais;;;;part of the UK
urss;LOC;Union soviétique;Soviet Union;Q15180;URSS|Union des républiques socialistes soviétiques|USSR|Soviétiques;soviétique;ORG;;;former state (1922–1991)
rda;LOC;République démocratique allemande;East Germany;Q16957;RDA|Allemagne de l'Est;est-allemand;ORG;;;former state (1949–1990)
prusse;LOC;Prusse;Prussia;Q27306;royaume de Prusse;prussien;ORG;;;former state
empire-ottoman;LOC;Empire ottoman;Ottoman Empire;Q12560;Porte|Sublime Porte;ottoman;ORG;;;former state
autriche-hongrie;LOC;Autriche-Hongrie;Austria-Hungary;Q28513;;austro-hongrois;ORG;;;former state (1867–1918)
yougoslavie;LOC;Yougoslavie;Yugoslavia;;;yougoslave;ORG;;;former state
tchecoslovaquie;LOC;Tchécoslovaquie;Czechoslovakia;;;tchécoslovaque;ORG;;;former state
indochine;LOC;Indochine;Indochina;;Indochine française;indochinois;;;;region / former French colony
# --- French regions and territories ---
ile-de-france;LOC;Île-de-France;Île-de-France;Q13917;Ile-de-France|région parisienne;francilien;;;;French region
bretagne;LOC;Bretagne;Brittany;;Brittany;breton;;;;French region
normandie;LOC;Normandie;Normandy;;Normandy;normand;;;;French region
occitanie;LOC;Occitanie;Occitania;;;occitan;;;;French region
paca;LOC;Provence-Alpes-Côte d'Azur;Provence-Alpes-Côte d'Azur;;PACA|Région Sud;;;;;French region
provence;LOC;Provence;Provence;;;provençal;;;;French historical province
cote-d-azur;LOC;Côte d'Azur;French Riviera;;Riviera;;;;;French coast
auvergne-rhone-alpes;LOC;Auvergne-Rhône-Alpes;Auvergne-Rhône-Alpes;;;;;;;French region
nouvelle-aquitaine;LOC;Nouvelle-Aquitaine;Nouvelle-Aquitaine;;;;;;;French region
hauts-de-france;LOC;Hauts-de-France;Hauts-de-France;;;;;;;French region
grand-est;LOC;Grand Est;Grand Est;;;;;;;French region
alsace;LOC;Alsace;Alsace;Q1142;;alsacien;;;;French historical region
lorraine;LOC;Lorraine;Lorraine;;;lorrain;;;;French historical region
bourgogne-franche-comte;LOC;Bourgogne-Franche-Comté;Bourgogne-Franche-Comté;;;;;;;French region
bourgogne;LOC;Bourgogne;Burgundy;;Burgundy;bourguignon;;;;French historical region
centre-val-de-loire;LOC;Centre-Val de Loire;Centre-Val de Loire;;;;;;;French region
pays-de-la-loire;LOC;Pays de la Loire;Pays de la Loire;;;;;;;French region
corse;LOC;Corse;Corsica;Q14112;Corsica;corse;;;;French island and territorial collectivity
savoie;LOC;Savoie;Savoy;;;savoyard;;;;French department / historical region
jura;LOC;Jura;Jura;;;jurassien;;;;mountain range, French department and Swiss canton
alpes;LOC;Alpes;Alps;Q1286;Alps;alpin;;;;mountain range
pyrenees;LOC;Pyrénées;Pyrenees;;;pyrénéen;;;;mountain range
seine;LOC;Seine;Seine;Q1471;;;;;;river
rhin;LOC;Rhin;Rhine;Q584;Rhine;rhénan;;;;river
rhone;LOC;Rhône;Rhône;Q602;;;;;;river
loire;LOC;Loire;Loire;;;;;;;river
mediterranee;LOC;Méditerranée;Mediterranean Sea;Q4918;mer Méditerranée;méditerranéen;;;;sea
manche;LOC;Manche;English Channel;;;;;;;sea between France and England
leman;LOC;Léman;Lake Geneva;Q6403;lac Léman|lac de Genève;lémanique;;;;lake
atlantique;LOC;Atlantique;Atlantic Ocean;Q97;océan Atlantique;atlantique;;;;ocean
pacifique;LOC;Pacifique;Pacific Ocean;Q98;océan Pacifique;;;;;ocean
mer-noire;LOC;mer Noire;Black Sea;Q166;;;;;;sea
# --- Swiss cantons (bare names only where they do not clash with a city) ---
vaud;LOC;canton de Vaud;Vaud;Q12771;Vaud|Pays de Vaud;vaudois;;;;Swiss canton
valais;LOC;canton du Valais;Valais;Q834;Valais;valaisan;;;;Swiss canton
tessin;LOC;canton du Tessin;Ticino;Q31008;Tessin|Ticino;tessinois;;;;Swiss canton
grisons;LOC;canton des Grisons;Grisons;Q11925;Grisons|Graubünden;grison;;;;Swiss canton
argovie;LOC;canton d'Argovie;Aargau;Q11972;Argovie;argovien;;;;Swiss canton
thurgovie;LOC;canton de Thurgovie;Thurgau;Q12713?;Thurgovie;thurgovien;;;;Swiss canton
canton-geneve;LOC;canton de Genève;Canton of Geneva;Q11917?;République et canton de Genève;;;;;Swiss canton
canton-berne;LOC;canton de Berne;Canton of Bern;Q11911?;;;;;;Swiss canton
canton-zurich;LOC;canton de Zurich;Canton of Zürich;Q11943?;;;;;;Swiss canton
canton-fribourg;LOC;canton de Fribourg;Canton of Fribourg;Q12640?;;;;;;Swiss canton
canton-neuchatel;LOC;canton de Neuchâtel;Canton of Neuchâtel;Q12738?;;;;;;Swiss canton
canton-jura;LOC;canton du Jura;Canton of Jura;Q12755?;;;;;;Swiss canton
canton-lucerne;LOC;canton de Lucerne;Canton of Lucerne;Q12121?;;;;;;Swiss canton
# --- other regions in the news ---
crimee;LOC;Crimée;Crimea;Q7835;Crimea;criméen;;;;peninsula annexed by Russia in 2014
donbass;LOC;Donbass;Donbas;;Donbas;;;;;region of eastern Ukraine
gaza;LOC;bande de Gaza;Gaza Strip;Q39760;Gaza;gazaoui;;;;Palestinian territory
khan-younes;LOC;Khan Younès;Khan Yunis;;Khan Younis|Khan Yunès;;;;;city in the Gaza Strip
kerem-shalom;LOC;Kerem Shalom;Kerem Shalom;;point de passage de Kerem Shalom;;;;;border crossing between Israel and the Gaza Strip
koursk;LOC;Koursk;Kursk;;Kursk|région de Koursk;;;;;Russian city and region
pokrovsk;LOC;Pokrovsk;Pokrovsk;;;;;;;Ukrainian city (Donetsk oblast)
garonne;LOC;Garonne;Garonne;;;;;;;river
la-defense;LOC;La Défense;La Défense;;quartier de La Défense;;;;;business district west of Paris
stade-de-france;LOC;Stade de France;Stade de France;;;;;-1;;stadium in Saint-Denis, north of Paris
saltivka;LOC;Saltivka;Saltivka;;Saltivskyï|Saltivskyi;;;-1;;district of Kharkiv
vieux-port;LOC;Vieux-Port;Old Port of Marseille;;Vieux-Port de Marseille;;;-1;;harbour of Marseille
centrale-du-bugey;LOC;centrale du Bugey;Bugey Nuclear Power Plant;;centrale nucléaire du Bugey;;;-1;;nuclear power plant in the Ain
cisjordanie;LOC;Cisjordanie;West Bank;Q36678;West Bank;cisjordanien;;;;Palestinian territory
golan;LOC;plateau du Golan;Golan Heights;;Golan;;;;;plateau occupied by Israel
sinai;LOC;Sinaï;Sinai Peninsula;;Sinai;;;;;Egyptian peninsula
kurdistan;LOC;Kurdistan;Kurdistan;;;kurde;;;;Kurdish region
tibet;LOC;Tibet;Tibet;;;tibétain;;;;Chinese region
xinjiang;LOC;Xinjiang;Xinjiang;;;;;;;Chinese region
haut-karabakh;LOC;Haut-Karabakh;Nagorno-Karabakh;;Karabakh|Nagorny-Karabakh;;;;;region of the South Caucasus
cachemire;LOC;Cachemire;Kashmir;;Kashmir;cachemiri;;;;region claimed by India and Pakistan
tchetchenie;LOC;Tchétchénie;Chechnya;;;tchétchène;;;;Russian republic
catalogne;LOC;Catalogne;Catalonia;Q5705;Catalonia;catalan;;;;Spanish autonomous community
baviere;LOC;Bavière;Bavaria;Q980;Bavaria;bavarois;;;;German state
californie;LOC;Californie;California;Q99;California;californien;;;;US state
texas;LOC;Texas;Texas;Q1439;;texan;;;;US state
floride;LOC;Floride;Florida;Q812;Florida;;;;;US state
etat-new-york;LOC;État de New York;New York State;Q1384;New York State;;;0;;US state
etat-washington;LOC;État de Washington;Washington State;Q1223;Washington State;;;0;;US state
georgie-usa;LOC;Géorgie (États-Unis);Georgia (U.S. state);Q1428;Géorgie;;;0;atlanta|@etats-unis;US state
quebec;LOC;Québec;Quebec;Q176;Québec|province de Québec|Belle Province;québécois;;1;;Canadian province
sibérie;LOC;Sibérie;Siberia;Q5428;Siberia;sibérien;;;;Russian region
kharkiv;LOC;Kharkiv;Kharkiv;Q42308;Kharkov|Kharkov;;;;;Ukrainian city
odessa;LOC;Odessa;Odesa;Q1874;Odesa;;;;;Ukrainian city
lviv;LOC;Lviv;Lviv;Q36036;Lvov|Lemberg;;;;;Ukrainian city
marioupol;LOC;Marioupol;Mariupol;Q160128?;Mariupol;;;;;Ukrainian city
bakhmout;LOC;Bakhmout;Bakhmut;;Bakhmut|Artemivsk;;;;;Ukrainian city
donetsk;LOC;Donetsk;Donetsk;;;;;;;Ukrainian city
louhansk;LOC;Louhansk;Luhansk;;Lougansk|Luhansk;;;;;Ukrainian city
zaporijjia;LOC;Zaporijjia;Zaporizhzhia;;Zaporijia|Zaporizhzhia;;;;;Ukrainian city
kherson;LOC;Kherson;Kherson;;;;;;;Ukrainian city
saint-petersbourg;LOC;Saint-Pétersbourg;Saint Petersburg;Q656;Pétersbourg|Petrograd|Leningrad;;;;;Russian city
# --- capitals and major cities (capitals can stand for their government: metonym ORG) ---
paris;LOC;Paris;Paris;Q90;Lutèce|Ville Lumière;parisien;ORG;1;;capital of France
londres;LOC;Londres;London;Q84;London;londonien;ORG;;;capital of the UK
berlin;LOC;Berlin;Berlin;Q64;;berlinois;ORG;;;capital of Germany
moscou;LOC;Moscou;Moscow;Q649;Moscow;moscovite;ORG;;;capital of Russia
kiev;LOC;Kiev;Kyiv;Q1899;Kyiv|Kiev|Kyïv|Kyiv;kiévien;ORG;;;capital of Ukraine
washington;LOC;Washington;Washington, D.C.;Q61;Washington DC|Washington D.C.;;ORG;1;;capital of the United States
new-york;LOC;New York;New York City;Q60;New-York|NYC|New York City|Big Apple;new-yorkais;;1;;city in the United States
rome;LOC;Rome;Rome;Q220;Roma;romain;ORG;;;capital of Italy
madrid;LOC;Madrid;Madrid;Q2807;;madrilène;ORG;;;capital of Spain
bruxelles;LOC;Bruxelles;Brussels;Q239;Brussels|Brussel;bruxellois;ORG;;;capital of Belgium, seat of EU institutions
amsterdam;LOC;Amsterdam;Amsterdam;Q727;;;;;;capital of the Netherlands
la-haye;LOC;La Haye;The Hague;Q36600;The Hague|Den Haag;;;;;Dutch city, seat of international courts
vienne;LOC;Vienne;Vienna;Q1741;Vienna|Wien;viennois;ORG;;;capital of Austria
varsovie;LOC;Varsovie;Warsaw;Q270;Warsaw;;ORG;;;capital of Poland
prague;LOC;Prague;Prague;Q1085;Praha;pragois;ORG;;;capital of Czechia
budapest;LOC;Budapest;Budapest;Q1781;;;ORG;;;capital of Hungary
bucarest;LOC;Bucarest;Bucharest;Q19660;Bucharest;;ORG;;;capital of Romania
sofia;LOC;Sofia;Sofia;Q472;;;ORG;;;capital of Bulgaria
athenes;LOC;Athènes;Athens;Q1524;Athens;athénien;ORG;;;capital of Greece
lisbonne;LOC;Lisbonne;Lisbon;Q597;Lisbon|Lisboa;lisboète;ORG;;;capital of Portugal
dublin;LOC;Dublin;Dublin;Q1761;;;ORG;;;capital of Ireland
copenhague;LOC;Copenhague;Copenhagen;Q1748;Copenhagen;;ORG;;;capital of Denmark
stockholm;LOC;Stockholm;Stockholm;Q1754;;;ORG;;;capital of Sweden
oslo;LOC;Oslo;Oslo;Q585;;;ORG;;;capital of Norway
helsinki;LOC;Helsinki;Helsinki;Q1757;;;ORG;;;capital of Finland
reykjavik;LOC;Reykjavik;Reykjavík;Q1764;;;;;;capital of Iceland
tallinn;LOC;Tallinn;Tallinn;Q1770;;;;;;capital of Estonia
riga;LOC;Riga;Riga;Q1773;;;;;;capital of Latvia
vilnius;LOC;Vilnius;Vilnius;Q216;;;;;;capital of Lithuania
minsk;LOC;Minsk;Minsk;Q2280;;;ORG;;;capital of Belarus
chisinau;LOC;Chisinau;Chișinău;Q21197;Kichinev|Chișinău;;;;;capital of Moldova
belgrade;LOC;Belgrade;Belgrade;Q3711;Beograd;;ORG;;;capital of Serbia
zagreb;LOC;Zagreb;Zagreb;Q1435;;;;;;capital of Croatia
ljubljana;LOC;Ljubljana;Ljubljana;Q437;;;;;;capital of Slovenia
sarajevo;LOC;Sarajevo;Sarajevo;Q11194;;;;;;capital of Bosnia and Herzegovina
bratislava;LOC;Bratislava;Bratislava;Q1780;;;;;;capital of Slovakia
skopje;LOC;Skopje;Skopje;Q384;;;;;;capital of North Macedonia
tirana;LOC;Tirana;Tirana;Q19689;;;;;;capital of Albania
pristina;LOC;Pristina;Pristina;Q25270;Priština;;;;;capital of Kosovo
tbilissi;LOC;Tbilissi;Tbilisi;Q994;Tbilisi;;ORG;;;capital of Georgia
erevan;LOC;Erevan;Yerevan;Q1953;Yerevan|Everan;;ORG;;;capital of Armenia
bakou;LOC;Bakou;Baku;Q9248;Baku;;ORG;;;capital of Azerbaijan
astana;LOC;Astana;Astana;Q1520;Nour-Soultan;;;;;capital of Kazakhstan
tachkent;LOC;Tachkent;Tashkent;Q269;Tashkent;;;;;capital of Uzbekistan
ankara;LOC;Ankara;Ankara;Q3640;;;ORG;;;capital of Turkey
istanbul;LOC;Istanbul;Istanbul;Q406;Constantinople|Byzance;stambouliote;;;;largest city of Turkey
teheran;LOC;Téhéran;Tehran;Q3616;Tehran;;ORG;;;capital of Iran
bagdad;LOC;Bagdad;Baghdad;Q1530;Baghdad;;ORG;;;capital of Iraq
damas;LOC;Damas;Damascus;Q3766;Damascus;;ORG;;;capital of Syria
beyrouth;LOC;Beyrouth;Beirut;Q3820;Beirut;;ORG;;;capital of Lebanon
jerusalem;LOC;Jérusalem;Jerusalem;Q1218;Al-Qods;hiérosolymitain;ORG;;;city claimed as capital by Israel and Palestine
tel-aviv;LOC;Tel-Aviv;Tel Aviv;Q33935;Tel Aviv;;ORG;;;Israeli city
amman;LOC;Amman;Amman;Q3805;;;ORG;;;capital of Jordan
riyad;LOC;Riyad;Riyadh;Q3692;Riyadh|Ryad;;ORG;;;capital of Saudi Arabia
doha;LOC;Doha;Doha;Q3861;;;ORG;;;capital of Qatar
abou-dhabi;LOC;Abou Dhabi;Abu Dhabi;Q1519;Abu Dhabi|Abou Dabi;;ORG;;;capital of the UAE
dubai;LOC;Dubaï;Dubai;Q612;Dubai;;;;;city in the UAE
sanaa;LOC;Sanaa;Sanaa;Q2471;;;;;;capital of Yemen
le-caire;LOC;Le Caire;Cairo;Q85;Cairo;cairote;ORG;;;capital of Egypt
alger;LOC;Alger;Algiers;Q3561;Algiers;algérois;ORG;;;capital of Algeria
rabat;LOC;Rabat;Rabat;Q3551;;;ORG;;;capital of Morocco
casablanca;LOC;Casablanca;Casablanca;Q7903;;casablancais;;;;Moroccan city
tunis;LOC;Tunis;Tunis;Q3572;;tunisois;ORG;;;capital of Tunisia
tripoli;LOC;Tripoli;Tripoli;Q3579;;;ORG;;;capital of Libya
dakar;LOC;Dakar;Dakar;Q3718;;dakarois;ORG;;;capital of Senegal
palo-alto;LOC;Palo Alto;Palo Alto;Q47265;;;;;;US city (California, Silicon Valley)
bamako;LOC;Bamako;Bamako;Q3703;;;ORG;;;capital of Mali
niamey;LOC;Niamey;Niamey;Q3674;;;ORG;;;capital of Niger
ouagadougou;LOC;Ouagadougou;Ouagadougou;Q3777;Ouaga;;ORG;;;capital of Burkina Faso
abidjan;LOC;Abidjan;Abidjan;Q1515;;abidjanais;;;;largest city of Côte d'Ivoire
kinshasa;LOC;Kinshasa;Kinshasa;Q3838;;kinois;ORG;;;capital of the DR Congo
brazzaville;LOC;Brazzaville;Brazzaville;Q3844;;;ORG;;;capital of the Republic of the Congo
nairobi;LOC;Nairobi;Nairobi;Q3870;;;;;;capital of Kenya
addis-abeba;LOC;Addis-Abeba;Addis Ababa;Q3624;Addis Ababa|Addis Abeba;;ORG;;;capital of Ethiopia, seat of the African Union
khartoum;LOC;Khartoum;Khartoum;Q1963;;;ORG;;;capital of Sudan
pretoria;LOC;Pretoria;Pretoria;Q3926;;;ORG;;;administrative capital of South Africa
johannesburg;LOC;Johannesburg;Johannesburg;Q34647;Joburg;;;;;South African city
le-cap;LOC;Le Cap;Cape Town;Q5465;Cape Town;;;;;South African city
lagos;LOC;Lagos;Lagos;Q8673;;;;;;largest city of Nigeria
abuja;LOC;Abuja;Abuja;Q3787;;;ORG;;;capital of Nigeria
yaounde;LOC;Yaoundé;Yaoundé;Q3808;Yaounde;;ORG;;;capital of Cameroon
kigali;LOC;Kigali;Kigali;Q3859;;;ORG;;;capital of Rwanda
bangui;LOC;Bangui;Bangui;Q3832;;;ORG;;;capital of the Central African Republic
ndjamena;LOC;N'Djamena;N'Djamena;Q3659;Ndjamena;;ORG;;;capital of Chad
nouakchott;LOC;Nouakchott;Nouakchott;Q3688;;;ORG;;;capital of Mauritania
mogadiscio;LOC;Mogadiscio;Mogadishu;Q2449;Mogadishu;;ORG;;;capital of Somalia
port-au-prince;LOC;Port-au-Prince;Port-au-Prince;Q34261;;;ORG;;;capital of Haiti
pekin;LOC;Pékin;Beijing;Q956;Beijing|Pekin;pékinois;ORG;;;capital of China
shanghai;LOC;Shanghai;Shanghai;Q8686;Shanghaï;;;;;Chinese city
tokyo;LOC;Tokyo;Tokyo;Q1490;Tokio;;ORG;;;capital of Japan
seoul;LOC;Séoul;Seoul;Q8684;Seoul;;ORG;;;capital of South Korea
pyongyang;LOC;Pyongyang;Pyongyang;Q18808;;;ORG;;;capital of North Korea
new-delhi;LOC;New Delhi;New Delhi;Q987;New-Delhi|Delhi;;ORG;;;capital of India
bombay;LOC;Bombay;Mumbai;Q1156;Mumbai;;;;;Indian city
islamabad;LOC;Islamabad;Islamabad;Q1362;;;ORG;;;capital of Pakistan
kaboul;LOC;Kaboul;Kabul;Q5838;Kabul;;ORG;;;capital of Afghanistan
bangkok;LOC;Bangkok;Bangkok;Q1861;;;;;;capital of Thailand
hanoi;LOC;Hanoï;Hanoi;Q1858;Hanoi;;ORG;;;capital of Vietnam
manille;LOC;Manille;Manila;Q1461;Manila;;;;;capital of the Philippines
jakarta;LOC;Jakarta;Jakarta;Q3630;Djakarta;;;;;capital of Indonesia
kuala-lumpur;LOC;Kuala Lumpur;Kuala Lumpur;Q1865;;;;;;capital of Malaysia
taipei;LOC;Taipei;Taipei;Q1867;Taïpei;;ORG;;;capital of Taiwan
ottawa;LOC;Ottawa;Ottawa;Q1930;;;ORG;;;capital of Canada
montreal;LOC;Montréal;Montreal;Q340;Montreal;montréalais;;;;Canadian city
ville-de-quebec;LOC;ville de Québec;Quebec City;Q2145;Québec;;;0;ville;capital of the province of Quebec
toronto;LOC;Toronto;Toronto;Q172;;;;;;Canadian city
los-angeles;LOC;Los Angeles;Los Angeles;Q65;L.A.;;;;;US city
chicago;LOC;Chicago;Chicago;Q1297;;;;;;US city
san-francisco;LOC;San Francisco;San Francisco;Q62;;;;;;US city
mexico;LOC;Mexico;Mexico City;Q1489;Mexico City;;ORG;1;;capital of Mexico
la-havane;LOC;La Havane;Havana;Q1563;Havana;;ORG;;;capital of Cuba
caracas;LOC;Caracas;Caracas;Q1533;;;ORG;;;capital of Venezuela
bogota;LOC;Bogota;Bogotá;Q2841;Bogotá;;ORG;;;capital of Colombia
lima;LOC;Lima;Lima;Q2868;;;;;;capital of Peru
santiago;LOC;Santiago;Santiago;Q2887;Santiago du Chili;;;;;capital of Chile
buenos-aires;LOC;Buenos Aires;Buenos Aires;Q1486;;;ORG;;;capital of Argentina
brasilia;LOC;Brasilia;Brasília;Q2844;Brasília;;ORG;;;capital of Brazil
sao-paulo;LOC;São Paulo;São Paulo;Q174;Sao Paulo;;;;;Brazilian city
rio;LOC;Rio de Janeiro;Rio de Janeiro;Q8678;Rio;;;;;Brazilian city
canberra;LOC;Canberra;Canberra;Q3114;;;ORG;;;capital of Australia
sydney;LOC;Sydney;Sydney;Q3130;;;;;;Australian city
wellington;LOC;Wellington;Wellington;Q23661;;;;;;capital of New Zealand
luxembourg-ville;LOC;Luxembourg (ville);Luxembourg City;Q1842;;;;0;ville;capital of Luxembourg
# French cities
lyon;LOC;Lyon;Lyon;Q456;Lyons;lyonnais;;;;French city
marseille;LOC;Marseille;Marseille;Q23482;Marseilles;marseillais;;;;French city
toulouse;LOC;Toulouse;Toulouse;Q7880;;toulousain;;;;French city
bordeaux;LOC;Bordeaux;Bordeaux;Q1479;;bordelais;;;;French city
nice;LOC;Nice;Nice;Q33959;;niçois;;;;French city
nantes;LOC;Nantes;Nantes;Q12191;;nantais;;;;French city
strasbourg;LOC;Strasbourg;Strasbourg;Q6602;Strassburg;strasbourgeois;;;;French city, seat of the European Parliament
lille;LOC;Lille;Lille;Q648;;lillois;;;;French city
rennes;LOC;Rennes;Rennes;Q647;;rennais;;;;French city
montpellier;LOC;Montpellier;Montpellier;Q6441;;montpelliérain;;;;French city
grenoble;LOC;Grenoble;Grenoble;Q1289;;grenoblois;;;;French city
besancon;LOC;Besançon;Besançon;Q37776;Besancon;bisontin;;;;French city
dijon;LOC;Dijon;Dijon;Q7003;;dijonnais;;;;French city
reims;LOC;Reims;Reims;Q41876;;rémois;;;;French city
le-havre;LOC;Le Havre;Le Havre;Q42810;Havre;havrais;;;;French city
rouen;LOC;Rouen;Rouen;Q30974;;rouennais;;;;French city
toulon;LOC;Toulon;Toulon;Q44160;;toulonnais;;;;French city
saint-etienne;LOC;Saint-Étienne;Saint-Étienne;Q42716;Saint-Etienne|St-Étienne|St-Etienne;stéphanois;;;;French city
clermont-ferrand;LOC;Clermont-Ferrand;Clermont-Ferrand;Q42168;;clermontois;;;;French city
brest;LOC;Brest;Brest;Q12193;;brestois;;;;French city
metz;LOC;Metz;Metz;Q22690;;messin;;;;French city
nancy;LOC;Nancy;Nancy;Q40898;;nancéien;;;;French city
mulhouse;LOC;Mulhouse;Mulhouse;Q79815;;mulhousien;;;;French city
perpignan;LOC;Perpignan;Perpignan;Q6730;;perpignanais;;;;French city
ajaccio;LOC;Ajaccio;Ajaccio;Q40104;;ajaccien;;;;French city
calais;LOC;Calais;Calais;Q126317;;calaisien;;;;French city
versailles;LOC;Versailles;Versailles;Q621;;versaillais;;;;French city
avignon;LOC;Avignon;Avignon;Q6397;;avignonnais;;;;French city
cannes;LOC;Cannes;Cannes;Q39984;;cannois;;;;French city
annecy;LOC;Annecy;Annecy;Q50827;;annécien;;;;French city
# German, Italian, Spanish, UK cities
hambourg;LOC;Hambourg;Hamburg;Q1055;Hamburg;hambourgeois;;;;German city
munich;LOC;Munich;Munich;Q1726;München;munichois;;;;German city
francfort;LOC;Francfort;Frankfurt;Q1794;Frankfurt|Francfort-sur-le-Main;;;;;German city
cologne;LOC;Cologne;Cologne;Q365;Köln;;;;;German city
stuttgart;LOC;Stuttgart;Stuttgart;Q1022;;;;;;German city
fribourg-en-brisgau;LOC;Fribourg-en-Brisgau;Freiburg im Breisgau;;Freiburg;;;;;German city
bonn;LOC;Bonn;Bonn;Q586;;;ORG;;;German city, former capital of West Germany
milan;LOC;Milan;Milan;Q490;Milano;milanais;;;;Italian city
naples;LOC;Naples;Naples;Q2634;Napoli;napolitain;;;;Italian city
turin;LOC;Turin;Turin;Q495;Torino;turinois;;;;Italian city
florence;LOC;Florence;Florence;Q2044;Firenze;florentin;;;;Italian city
venise;LOC;Venise;Venice;Q641;Venice|Venezia;vénitien;;;;Italian city
barcelone;LOC;Barcelone;Barcelona;Q1492;Barcelona;barcelonais;;;;Spanish city
seville;LOC;Séville;Seville;Q8717;Sevilla;sévillan;;;;Spanish city
manchester;LOC;Manchester;Manchester;Q18125;;;;;;English city
liverpool;LOC;Liverpool;Liverpool;Q24826;;;;;;English city
edimbourg;LOC;Édimbourg;Edinburgh;Q23436;Edinburgh|Edimbourg;;;;;Scottish capital
# Swiss cities
berne;LOC;Berne;Bern;Q70;Bern;bernois;ORG;1;;Swiss federal city
geneve;LOC;Genève;Geneva;Q71;Geneva|Genf|Geneve;genevois;;1;;Swiss city
zurich;LOC;Zurich;Zürich;Q72;Zürich;zurichois;;1;;Swiss city
lausanne;LOC;Lausanne;Lausanne;Q807;;lausannois;;;;Swiss city
bale;LOC;Bâle;Basel;Q78;Basel|Bale;bâlois;;;;Swiss city
fribourg;LOC;Fribourg;Fribourg;;;fribourgeois;;1;;Swiss city
neuchatel;LOC;Neuchâtel;Neuchâtel;Q69345;Neuchatel;neuchâtelois;;1;;Swiss city
lucerne;LOC;Lucerne;Lucerne;Q4191;Luzern;lucernois;;1;;Swiss city
lugano;LOC;Lugano;Lugano;Q68958?;;luganais;;;;Swiss city
sion;LOC;Sion;Sion;Q68980?;;sédunois;;;;Swiss city
montreux;LOC;Montreux;Montreux;Q69354?;;montreusien;;;;Swiss city
davos;LOC;Davos;Davos;Q68961?;;;;;;Swiss town, seat of the World Economic Forum
# --- thirteenth pass of issue 13 (ids in confirmed.tsv) ---
noumea;LOC;Nouméa;Nouméa;Q9733;;nouméen|nouméenne;ORG;-1;@nouvelle-caledonie;French city, capital of New Caledonia
nc-province-nord;LOC;province Nord;North Province;Q1612920;Province du Nord|province Nord de Nouvelle-Calédonie;;ORG;-1;@nouvelle-caledonie;province of New Caledonia
nc-province-sud;LOC;province Sud;South Province;Q965632;Province Sud de Nouvelle-Calédonie;;ORG;-1;@nouvelle-caledonie;province of New Caledonia
"""

PEOPLE = """
# --- France: executive, government, parties (2017–2026) ---
emmanuel-macron;PER;Emmanuel Macron;Emmanuel Macron;Q3052772;Macron|président Macron|E. Macron;;;;;President of France since 2017
brigitte-macron;PER;Brigitte Macron;Brigitte Macron;;;;;;;wife of Emmanuel Macron
francois-hollande;PER;François Hollande;François Hollande;Q157;Hollande|Francois Hollande;;;;;President of France 2012–2017
nicolas-sarkozy;PER;Nicolas Sarkozy;Nicolas Sarkozy;Q329;Sarkozy|Sarko;;;;;President of France 2007–2012
jacques-chirac;PER;Jacques Chirac;Jacques Chirac;Q2105;Chirac;;;;;President of France 1995–2007
francois-mitterrand;PER;François Mitterrand;François Mitterrand;Q2038;Mitterrand|Francois Mitterrand;;;;;President of France 1981–1995
giscard;PER;Valéry Giscard d'Estaing;Valéry Giscard d'Estaing;Q2124;Giscard d'Estaing|Giscard|VGE;;;;;President of France 1974–1981
georges-pompidou;PER;Georges Pompidou;Georges Pompidou;Q2193?;Pompidou;;;;;President of France 1969–1974
charles-de-gaulle;PER;Charles de Gaulle;Charles de Gaulle;Q2042;de Gaulle|général de Gaulle|Gaulle;;;;;general, President of France 1959–1969
edouard-philippe;PER;Édouard Philippe;Édouard Philippe;;Edouard Philippe;;;;;Prime Minister of France 2017–2020, mayor of Le Havre
jean-castex;PER;Jean Castex;Jean Castex;;Castex;;;;;Prime Minister of France 2020–2022
elisabeth-borne;PER;Élisabeth Borne;Élisabeth Borne;;Elisabeth Borne|Borne;;;;;Prime Minister of France 2022–2024
gabriel-attal;PER;Gabriel Attal;Gabriel Attal;;Attal;;;;;Prime Minister of France 2024
michel-barnier;PER;Michel Barnier;Michel Barnier;Q310181?;Barnier;;;;;Prime Minister of France 2024, EU Brexit negotiator
francois-bayrou;PER;François Bayrou;François Bayrou;;Bayrou|Francois Bayrou;;;;;Prime Minister of France 2024–2025, MoDem leader
sebastien-lecornu;PER;Sébastien Lecornu;Sébastien Lecornu;;Lecornu|Sebastien Lecornu;;;;;Prime Minister of France from 2025
manuel-valls;PER;Manuel Valls;Manuel Valls;;Valls;;;;;Prime Minister of France 2014–2016
bruno-le-maire;PER;Bruno Le Maire;Bruno Le Maire;;Le Maire;;;;;French economy minister 2017–2024
gerald-darmanin;PER;Gérald Darmanin;Gérald Darmanin;;Darmanin|Gerald Darmanin;;;;;French interior then justice minister
bruno-retailleau;PER;Bruno Retailleau;Bruno Retailleau;;Retailleau;;;;;French interior minister, LR leader
jean-yves-le-drian;PER;Jean-Yves Le Drian;Jean-Yves Le Drian;;Le Drian;;;;;French foreign minister 2017–2022
jean-noel-barrot;PER;Jean-Noël Barrot;Jean-Noël Barrot;;;;;;;French foreign minister from 2024
catherine-colonna;PER;Catherine Colonna;Catherine Colonna;;Colonna;;;;;French foreign minister 2022–2024
stephane-sejourne;PER;Stéphane Séjourné;Stéphane Séjourné;;Séjourné;;;;;French foreign minister 2024, European commissioner
eric-dupond-moretti;PER;Éric Dupond-Moretti;Éric Dupond-Moretti;;Dupond-Moretti;;;;;French justice minister 2020–2024
olivier-veran;PER;Olivier Véran;Olivier Véran;;Véran;;;;;French health minister 2020–2022
rachida-dati;PER;Rachida Dati;Rachida Dati;;Dati;;;;;French culture minister, mayor of Paris 7th
marine-le-pen;PER;Marine Le Pen;Marine Le Pen;Q12927;Le Pen|Mme Le Pen;;;1;;Rassemblement national leader
jean-marie-le-pen;PER;Jean-Marie Le Pen;Jean-Marie Le Pen;Q130888?;;;;0;;Front national founder
jordan-bardella;PER;Jordan Bardella;Jordan Bardella;;Bardella;;;;;Rassemblement national president
jean-luc-melenchon;PER;Jean-Luc Mélenchon;Jean-Luc Mélenchon;Q110722?;Mélenchon|Melenchon;;;;;La France insoumise leader
eric-zemmour;PER;Éric Zemmour;Éric Zemmour;Q288477;Zemmour|Eric Zemmour;;;;;Reconquête leader
valerie-pecresse;PER;Valérie Pécresse;Valérie Pécresse;;Pécresse|Pecresse;;;;;president of Île-de-France region
anne-hidalgo;PER;Anne Hidalgo;Anne Hidalgo;Q2851133;Hidalgo;;;;;mayor of Paris
laurent-wauquiez;PER;Laurent Wauquiez;Laurent Wauquiez;;Wauquiez;;;;;LR politician
eric-ciotti;PER;Éric Ciotti;Éric Ciotti;;Ciotti|Eric Ciotti;;;;;UDR leader
raphael-glucksmann;PER;Raphaël Glucksmann;Raphaël Glucksmann;Q556149;Glucksmann;;;;;MEP, Place publique
olivier-faure;PER;Olivier Faure;Olivier Faure;;;;;;;Parti socialiste first secretary
fabien-roussel;PER;Fabien Roussel;Fabien Roussel;;Roussel;;;;;PCF national secretary
marine-tondelier;PER;Marine Tondelier;Marine Tondelier;Q29917987;Tondelier;;;;;Les Écologistes national secretary
segolene-royal;PER;Ségolène Royal;Ségolène Royal;;Royal;;;;;French politician
lionel-jospin;PER;Lionel Jospin;Lionel Jospin;;Jospin;;;;;Prime Minister of France 1997–2002
dominique-de-villepin;PER;Dominique de Villepin;Dominique de Villepin;;Villepin|de Villepin;;;;;Prime Minister of France 2005–2007
francois-fillon;PER;François Fillon;François Fillon;;Fillon;;;;;Prime Minister of France 2007–2012
# --- world leaders (2020–2026) ---
vladimir-poutine;PER;Vladimir Poutine;Vladimir Putin;Q7747;Poutine|Putin|Vladimir Putin|V. Poutine;;;;;President of Russia
volodymyr-zelensky;PER;Volodymyr Zelensky;Volodymyr Zelenskyy;Q3874799;Zelensky|Zelenskyy|Zelenski|Volodymyr Zelenskyy|Volodymyr Zelenski|Vladimir Zelensky;;;;;President of Ukraine since 2019
donald-trump;PER;Donald Trump;Donald Trump;Q22686;Trump|Donald J. Trump;;;;;President of the United States (2017–2021, from 2025)
joe-biden;PER;Joe Biden;Joe Biden;Q6279;Biden|Joseph Biden;;;;;President of the United States 2021–2025
barack-obama;PER;Barack Obama;Barack Obama;Q76;Obama;;;;;President of the United States 2009–2017
kamala-harris;PER;Kamala Harris;Kamala Harris;Q10853588;Harris;;;;;Vice President of the United States 2021–2025
jd-vance;PER;J. D. Vance;JD Vance;Q28935729;Vance|JD Vance|J.D. Vance;;;;;Vice President of the United States from 2025
marco-rubio;PER;Marco Rubio;Marco Rubio;Q324546;Rubio;;;;;US Secretary of State from 2025
antony-blinken;PER;Antony Blinken;Antony Blinken;;Blinken;;;;;US Secretary of State 2021–2025
mike-pence;PER;Mike Pence;Mike Pence;Q24313?;Pence;;;;;Vice President of the United States 2017–2021
nancy-pelosi;PER;Nancy Pelosi;Nancy Pelosi;Q170581;Pelosi;;;;;Speaker of the US House
hillary-clinton;PER;Hillary Clinton;Hillary Clinton;Q6294;Hillary Rodham Clinton;;;0;;US Secretary of State 2009–2013
bill-clinton;PER;Bill Clinton;Bill Clinton;Q1124;Clinton;;;1;;President of the United States 1993–2001
george-w-bush;PER;George W. Bush;George W. Bush;Q207;Bush|George Bush;;;1;;President of the United States 2001–2009
george-h-w-bush;PER;George H. W. Bush;George H. W. Bush;Q23505;;;;0;;President of the United States 1989–1993
elon-musk;PER;Elon Musk;Elon Musk;Q317521;Musk;;;;;businessman (Tesla, SpaceX, X)
xi-jinping;PER;Xi Jinping;Xi Jinping;Q15031;Xi;;;;;President of China
kim-jong-un;PER;Kim Jong-un;Kim Jong-un;Q56226;Kim Jong Un|Kim Jong-Un;;;;;Supreme Leader of North Korea
narendra-modi;PER;Narendra Modi;Narendra Modi;Q1058;Modi;;;;;Prime Minister of India
recep-tayyip-erdogan;PER;Recep Tayyip Erdoğan;Recep Tayyip Erdoğan;Q39259;Erdogan|Erdoğan|Recep Tayyip Erdogan;;;;;President of Turkey
benyamin-netanyahou;PER;Benyamin Netanyahou;Benjamin Netanyahu;Q43723;Netanyahou|Netanyahu|Benjamin Netanyahu|Benjamin Netanyahou|Bibi;;;;;Prime Minister of Israel
mahmoud-abbas;PER;Mahmoud Abbas;Mahmoud Abbas;;Abbas|Abou Mazen;;;;;President of the Palestinian Authority
ali-khamenei;PER;Ali Khamenei;Ali Khamenei;Q57336?;Khamenei|Khameneï|ayatollah Khamenei;;;;;Supreme Leader of Iran
ebrahim-raissi;PER;Ebrahim Raïssi;Ebrahim Raisi;;Raïssi|Raisi;;;;;President of Iran 2021–2024
massoud-pezeshkian;PER;Massoud Pezeshkian;Masoud Pezeshkian;;Pezeshkian;;;;;President of Iran from 2024
bachar-al-assad;PER;Bachar al-Assad;Bashar al-Assad;Q44329?;Bachar el-Assad|Assad|el-Assad|al-Assad|Bashar al-Assad;;;;;President of Syria 2000–2024
mohammed-ben-salmane;PER;Mohammed ben Salmane;Mohammed bin Salman;Q6892571;MBS|Mohammed bin Salman|ben Salmane;;;;;Crown Prince of Saudi Arabia
abdel-fattah-al-sissi;PER;Abdel Fattah al-Sissi;Abdel Fattah el-Sisi;;Sissi|al-Sissi|Abdel Fattah al-Sissi;;;;;President of Egypt
abdelmadjid-tebboune;PER;Abdelmadjid Tebboune;Abdelmadjid Tebboune;;Tebboune;;;;;President of Algeria
mohammed-vi;PER;Mohammed VI;Mohammed VI of Morocco;;roi Mohammed VI;;;;;King of Morocco
kais-saied;PER;Kaïs Saïed;Kais Saied;;Saïed|Kais Saied;;;;;President of Tunisia
olaf-scholz;PER;Olaf Scholz;Olaf Scholz;Q61053;Scholz;;;;;Chancellor of Germany 2021–2025
friedrich-merz;PER;Friedrich Merz;Friedrich Merz;Q566257;Merz;;;;;Chancellor of Germany from 2025
angela-merkel;PER;Angela Merkel;Angela Merkel;Q567;Merkel;;;;;Chancellor of Germany 2005–2021
boris-johnson;PER;Boris Johnson;Boris Johnson;Q180589;BoJo;;;;;Prime Minister of the UK 2019–2022
rishi-sunak;PER;Rishi Sunak;Rishi Sunak;;Sunak;;;;;Prime Minister of the UK 2022–2024
keir-starmer;PER;Keir Starmer;Keir Starmer;;Starmer;;;;;Prime Minister of the UK from 2024
liz-truss;PER;Liz Truss;Liz Truss;;Truss;;;;;Prime Minister of the UK 2022
theresa-may;PER;Theresa May;Theresa May;;;;;;;Prime Minister of the UK 2016–2019
giorgia-meloni;PER;Giorgia Meloni;Giorgia Meloni;;Meloni;;;;;Prime Minister of Italy
mario-draghi;PER;Mario Draghi;Mario Draghi;Q47563?;Draghi;;;;;Prime Minister of Italy 2021–2022, ECB president 2011–2019
pedro-sanchez;PER;Pedro Sánchez;Pedro Sánchez;;Pedro Sanchez;;;;;Prime Minister of Spain
justin-trudeau;PER;Justin Trudeau;Justin Trudeau;Q3099714;Trudeau;;;;;Prime Minister of Canada 2015–2025
mark-carney;PER;Mark Carney;Mark Carney;;Carney;;;;;Prime Minister of Canada from 2025
lula;PER;Luiz Inácio Lula da Silva;Luiz Inácio Lula da Silva;Q37181;Lula|Lula da Silva|Luiz Inacio Lula da Silva;;;;;President of Brazil
jair-bolsonaro;PER;Jair Bolsonaro;Jair Bolsonaro;;Bolsonaro;;;;;President of Brazil 2019–2022
javier-milei;PER;Javier Milei;Javier Milei;;Milei;;;;;President of Argentina
nicolas-maduro;PER;Nicolás Maduro;Nicolás Maduro;;Maduro|Nicolas Maduro;;;;;President of Venezuela
viktor-orban;PER;Viktor Orbán;Viktor Orbán;Q57641;Orbán|Orban|Viktor Orban;;;;;Prime Minister of Hungary
alexandre-loukachenko;PER;Alexandre Loukachenko;Alexander Lukashenko;;Loukachenko|Lukashenko|Alexandre Lukashenko;;;;;President of Belarus
sergueï-lavrov;PER;Sergueï Lavrov;Sergey Lavrov;;Lavrov|Serguei Lavrov|Sergei Lavrov;;;;;Russian foreign minister
dmitri-medvedev;PER;Dmitri Medvedev;Dmitry Medvedev;Q23997?;Medvedev|Dmitri Medvedev;;;;;President of Russia 2008–2012
alexei-navalny;PER;Alexeï Navalny;Alexei Navalny;;Navalny|Alexei Navalny;;;;;Russian opposition leader (died 2024)
evgueni-prigojine;PER;Evgueni Prigojine;Yevgeny Prigozhin;;Prigojine|Prigozhin;;;;;Wagner group founder (died 2023)
sergueï-choïgou;PER;Sergueï Choïgou;Sergei Shoigu;;Choïgou|Choigou|Shoigu;;;;;Russian defence minister 2012–2024
dmitri-peskov;PER;Dmitri Peskov;Dmitry Peskov;;Peskov;;;;;Kremlin spokesman
petro-porochenko;PER;Petro Porochenko;Petro Poroshenko;;Porochenko|Poroshenko;;;;;President of Ukraine 2014–2019
mikhail-gorbatchev;PER;Mikhaïl Gorbatchev;Mikhail Gorbachev;Q30487;Gorbatchev|Gorbachev;;;;;last leader of the Soviet Union
boris-eltsine;PER;Boris Eltsine;Boris Yeltsin;Q34453;Eltsine|Yeltsin;;;;;President of Russia 1991–1999
ursula-von-der-leyen;PER;Ursula von der Leyen;Ursula von der Leyen;Q60772;von der Leyen|Von der Leyen|VDL;;;;;President of the European Commission
antonio-guterres;PER;António Guterres;António Guterres;Q311440;Guterres|Antonio Guterres;;;;;UN Secretary-General
christine-lagarde;PER;Christine Lagarde;Christine Lagarde;;Lagarde;;;;;President of the European Central Bank
charles-michel;PER;Charles Michel;Charles Michel;;;;;;;President of the European Council 2019–2024
antonio-costa;PER;António Costa;António Costa;;Antonio Costa;;;;;President of the European Council from 2024
kaja-kallas;PER;Kaja Kallas;Kaja Kallas;;Kallas;;;;;EU foreign policy chief
josep-borrell;PER;Josep Borrell;Josep Borrell;;Borrell;;;;;EU foreign policy chief 2019–2024
jens-stoltenberg;PER;Jens Stoltenberg;Jens Stoltenberg;Q57287?;Stoltenberg;;;;;NATO Secretary General 2014–2024
mark-rutte;PER;Mark Rutte;Mark Rutte;Q57792;Rutte;;;;;NATO Secretary General, Dutch PM 2010–2024
rafael-grossi;PER;Rafael Grossi;Rafael Grossi;;Grossi;;;;;IAEA Director General
tedros;PER;Tedros Adhanom Ghebreyesus;Tedros Adhanom Ghebreyesus;;Tedros;;;;;WHO Director-General
pape-francois;PER;pape François;Pope Francis;Q450675;?François|Pope Francis|Jorge Mario Bergoglio|Bergoglio;;;0;pape|vatican|@vatican;Pope 2013–2025
leon-xiv;PER;pape Léon XIV;Pope Leo XIV;;Léon XIV|Leo XIV|Robert Prevost;;;;;Pope from 2025
benoit-xvi;PER;Benoît XVI;Pope Benedict XVI;Q2494;Benoit XVI|Joseph Ratzinger|Ratzinger;;;;;Pope 2005–2013
jean-paul-ii;PER;Jean-Paul II;Pope John Paul II;Q989;Jean Paul II|John Paul II;;;;;Pope 1978–2005
elizabeth-ii;PER;Elizabeth II;Elizabeth II;Q9682;reine Elizabeth|Élisabeth II|Elisabeth II;;;;;Queen of the UK 1952–2022
charles-iii;PER;Charles III;Charles III;Q43274;roi Charles|prince Charles|Charles III;;;;;King of the UK from 2022
mark-zuckerberg;PER;Mark Zuckerberg;Mark Zuckerberg;Q36215;Zuckerberg;;;;;Meta CEO
jeff-bezos;PER;Jeff Bezos;Jeff Bezos;Q312556;Bezos;;;;;Amazon founder
bill-gates;PER;Bill Gates;Bill Gates;Q5284;;;;;;Microsoft co-founder
bernard-arnault;PER;Bernard Arnault;Bernard Arnault;Q32055;Arnault;;;;;LVMH CEO
kylian-mbappe;PER;Kylian Mbappé;Kylian Mbappé;Q21621995;Mbappé|Kylian Mbappe;;;;;French footballer
cate-blanchett;PER;Cate Blanchett;Cate Blanchett;Q80966;Blanchett;;;;;Australian actress
robert-de-niro;PER;Robert De Niro;Robert De Niro;Q36949;De Niro;;;;;American actor
greta-thunberg;PER;Greta Thunberg;Greta Thunberg;Q56434717;Thunberg;;;;;climate activist
# sport, culture, business: ids of confirmed.tsv (two witnesses, 4 Dec 2026); a surname alone
# only where it names no one else in news ("Cook", "Swift", "Pitt", "Ronaldo" do)
zinedine-zidane;PER;Zinédine Zidane;Zinedine Zidane;Q1835;Zidane;;;-1;;French football coach, former player
lionel-messi;PER;Lionel Messi;Lionel Messi;Q615;Messi|Leo Messi;;;-1;;Argentine footballer
cristiano-ronaldo;PER;Cristiano Ronaldo;Cristiano Ronaldo;Q11571;;;;-1;;Portuguese footballer
rafael-nadal;PER;Rafael Nadal;Rafael Nadal;Q10132;Nadal;;;-1;;Spanish tennis player
novak-djokovic;PER;Novak Djokovic;Novak Djokovic;Q5812;Djokovic;;;-1;;Serbian tennis player
carlos-alcaraz;PER;Carlos Alcaraz;Carlos Alcaraz;Q85518537;Alcaraz;;;-1;;Spanish tennis player
taylor-swift;PER;Taylor Swift;Taylor Swift;Q26876;;;;-1;;American singer
beyonce;PER;Beyoncé;Beyoncé;Q36153;Beyonce;;;-1;;American singer
brigitte-bardot;PER;Brigitte Bardot;Brigitte Bardot;Q36268;Bardot;;;-1;;French actress
steven-spielberg;PER;Steven Spielberg;Steven Spielberg;Q8877;Spielberg;;;-1;;American film director
martin-scorsese;PER;Martin Scorsese;Martin Scorsese;Q41148;Scorsese;;;-1;;American film director
christopher-nolan;PER;Christopher Nolan;Christopher Nolan;Q25191;;;;-1;;British-American film director
leonardo-dicaprio;PER;Leonardo DiCaprio;Leonardo DiCaprio;Q38111;DiCaprio;;;-1;;American actor
tom-cruise;PER;Tom Cruise;Tom Cruise;Q37079;;;;-1;;American actor
brad-pitt;PER;Brad Pitt;Brad Pitt;Q35332;;;;-1;;American actor
salman-rushdie;PER;Salman Rushdie;Salman Rushdie;Q44306;Rushdie;;;-1;;British-American writer
edward-snowden;PER;Edward Snowden;Edward Snowden;Q13424289;Snowden;;;-1;;American whistleblower
warren-buffett;PER;Warren Buffett;Warren Buffett;Q47213;Buffett;;;-1;;American investor
tim-cook;PER;Tim Cook;Tim Cook;Q265852;;;;-1;;Apple chief executive
satya-nadella;PER;Satya Nadella;Satya Nadella;Q7426870;Nadella;;;-1;;Microsoft chief executive
sundar-pichai;PER;Sundar Pichai;Sundar Pichai;Q3503829;Pichai;;;-1;;Google chief executive
sam-altman;PER;Sam Altman;Sam Altman;Q7407093;Altman;;;-1;;OpenAI chief executive
jensen-huang;PER;Jensen Huang;Jensen Huang;Q305177;;;;-1;;Nvidia chief executive
roberta-metsola;PER;Roberta Metsola;Roberta Metsola;;Metsola;;;-1;;President of the European Parliament from 2022
maros-sefcovic;PER;Maroš Šefčovič;Maroš Šefčovič;;Maros Sefcovic|Šefčovič|Sefcovic;;;-1;;European commissioner for trade from 2024
ibrahim-traore;PER;Ibrahim Traoré;Ibrahim Traoré;;capitaine Ibrahim Traoré;;;-1;;head of the Burkina Faso junta from 2022
abdourahamane-tiani;PER;Abdourahamane Tiani;Abdourahamane Tiani;;Tiani|général Tiani|Abdourahmane Tiani;;;-1;;head of the Niger junta from 2023
ousmane-sonko;PER;Ousmane Sonko;Ousmane Sonko;;Sonko;;;-1;;Prime Minister of Senegal from 2024
antoine-dupont;PER;Antoine Dupont;Antoine Dupont;Q20666534;;;;-1;;French rugby union player, captain of the XV de France
fabien-galthie;PER;Fabien Galthié;Fabien Galthié;;Galthié;;;-1;;head coach of the French rugby union team
patrick-pouyanne;PER;Patrick Pouyanné;Patrick Pouyanné;;Pouyanné;;;-1;;TotalEnergies chief executive
manon-aubry;PER;Manon Aubry;Manon Aubry;;;;;-1;;MEP, La France insoumise
francois-xavier-bellamy;PER;François-Xavier Bellamy;François-Xavier Bellamy;;;;;-1;;MEP, Les Républicains
valerie-hayer;PER;Valérie Hayer;Valérie Hayer;;;;;-1;;MEP, Renew Europe group president 2024–2025
emmanuel-gregoire;PER;Emmanuel Grégoire;Emmanuel Grégoire;;;;;-1;;Paris socialist deputy, candidate for mayor of Paris (2026)
benoit-payan;PER;Benoît Payan;Benoît Payan;;Payan;;;-1;;mayor of Marseille
gregory-doucet;PER;Grégory Doucet;Grégory Doucet;;;;;-1;;mayor of Lyon
eric-piolle;PER;Éric Piolle;Éric Piolle;;Piolle;;;-1;;mayor of Grenoble
laurent-nunez;PER;Laurent Nuñez;Laurent Nuñez;;Laurent Nunez;;;-1;;French interior minister from 2025, former Paris police prefect
philippe-baptiste;PER;Philippe Baptiste;Philippe Baptiste;;;;;-1;;French minister of higher education and research from 2024
eric-lombard;PER;Éric Lombard;Éric Lombard;;;;;-1;;French economy minister 2024–2025
lucie-castets;PER;Lucie Castets;Lucie Castets;;Castets;;;-1;;New Popular Front's candidate for prime minister (2024)
david-lisnard;PER;David Lisnard;David Lisnard;;Lisnard;;;-1;;mayor of Cannes
cyril-ramaphosa;PER;Cyril Ramaphosa;Cyril Ramaphosa;;Ramaphosa;;;;;President of South Africa
paul-kagame;PER;Paul Kagame;Paul Kagame;;Kagame;;;;;President of Rwanda
felix-tshisekedi;PER;Félix Tshisekedi;Félix Tshisekedi;;Tshisekedi|Felix Tshisekedi;;;;;President of the DR Congo
alassane-ouattara;PER;Alassane Ouattara;Alassane Ouattara;;Ouattara;;;;;President of Côte d'Ivoire
assimi-goita;PER;Assimi Goïta;Assimi Goïta;;Goïta|Goita;;;;;Malian junta leader
macky-sall;PER;Macky Sall;Macky Sall;;;;;;;President of Senegal 2012–2024
bassirou-diomaye-faye;PER;Bassirou Diomaye Faye;Bassirou Diomaye Faye;;Diomaye Faye;;;;;President of Senegal from 2024
paul-biya;PER;Paul Biya;Paul Biya;;Biya;;;;;President of Cameroon
yahya-sinwar;PER;Yahya Sinouar;Yahya Sinwar;;Sinouar|Sinwar|Yahya Sinwar;;;;;Hamas leader (died 2024)
hassan-nasrallah;PER;Hassan Nasrallah;Hassan Nasrallah;;Nasrallah;;;;;Hezbollah leader (died 2024)
# --- historical figures (frequent in news and in the historic press) ---
napoleon;PER;Napoléon Ier;Napoleon;Q517;Napoléon|Napoleon|Napoléon Bonaparte|Bonaparte|l'Empereur;;;1;;Emperor of the French 1804–1815
napoleon-iii;PER;Napoléon III;Napoleon III;Q7721;Louis-Napoléon Bonaparte|Louis-Napoléon;;;;;Emperor of the French 1852–1870
louis-xiv;PER;Louis XIV;Louis XIV;Q7742;Roi-Soleil;;;;;King of France 1643–1715
louis-xvi;PER;Louis XVI;Louis XVI;Q7732;;;;;;King of France 1774–1792
marie-antoinette;PER;Marie-Antoinette;Marie Antoinette;Q47365;;;;;;Queen of France
robespierre;PER;Maximilien de Robespierre;Maximilien Robespierre;Q44197;Robespierre;;;;;French revolutionary
jeanne-d-arc;PER;Jeanne d'Arc;Joan of Arc;Q7226;;;;;;French heroine
victor-hugo;PER;Victor Hugo;Victor Hugo;Q535;;;;;;French writer
voltaire;PER;Voltaire;Voltaire;Q9068;;;;;;French writer
moliere;PER;Molière;Molière;Q687;Jean-Baptiste Poquelin;;;;;French playwright
marcel-proust;PER;Marcel Proust;Marcel Proust;Q7199;Proust;;;;;French writer
albert-camus;PER;Albert Camus;Albert Camus;Q34670;Camus;;;;;French writer
jean-paul-sartre;PER;Jean-Paul Sartre;Jean-Paul Sartre;Q9364;Sartre;;;;;French philosopher
rousseau;PER;Jean-Jacques Rousseau;Jean-Jacques Rousseau;Q6527;Rousseau|J.-J. Rousseau;;;;;Genevan philosopher
emile-zola;PER;Émile Zola;Émile Zola;Q504;Zola|Emile Zola;;;;;French writer
jean-calvin;PER;Jean Calvin;John Calvin;Q37577;Calvin;;;;;Protestant reformer in Geneva
henry-dunant;PER;Henry Dunant;Henry Dunant;Q49730?;Dunant|Henri Dunant;;;;;Red Cross founder
philippe-petain;PER;Philippe Pétain;Philippe Pétain;Q69134?;Pétain|maréchal Pétain|Petain;;;;;Marshal of France, head of the Vichy regime
georges-clemenceau;PER;Georges Clemenceau;Georges Clemenceau;Q182788?;Clemenceau;;;;;Prime Minister of France 1906–1909 and 1917–1920
jean-jaures;PER;Jean Jaurès;Jean Jaurès;Q187855?;Jaurès|Jaures;;;;;French socialist leader
winston-churchill;PER;Winston Churchill;Winston Churchill;Q8016;Churchill;;;;;Prime Minister of the UK 1940–1945, 1951–1955
adolf-hitler;PER;Adolf Hitler;Adolf Hitler;Q352;Hitler;;;;;dictator of Nazi Germany
joseph-staline;PER;Joseph Staline;Joseph Stalin;Q855;Staline|Stalin;;;;;Soviet leader
lenine;PER;Lénine;Vladimir Lenin;Q1394;Lenine|Lenin|Vladimir Lénine;;;;;Soviet leader
benito-mussolini;PER;Benito Mussolini;Benito Mussolini;Q23559;Mussolini;;;;;Italian dictator
franklin-roosevelt;PER;Franklin D. Roosevelt;Franklin D. Roosevelt;Q8007;Roosevelt|Franklin Roosevelt|F. D. Roosevelt;;;1;;President of the United States 1933–1945
theodore-roosevelt;PER;Theodore Roosevelt;Theodore Roosevelt;Q33866?;Teddy Roosevelt;;;0;;President of the United States 1901–1909
abraham-lincoln;PER;Abraham Lincoln;Abraham Lincoln;Q91;Lincoln;;;;;President of the United States 1861–1865
george-washington;PER;George Washington;George Washington;Q23;Washington;;;;;first President of the United States
john-f-kennedy;PER;John F. Kennedy;John F. Kennedy;Q9696;Kennedy|JFK|John Kennedy;;;;;President of the United States 1961–1963
ronald-reagan;PER;Ronald Reagan;Ronald Reagan;Q9960;Reagan;;;;;President of the United States 1981–1989
richard-nixon;PER;Richard Nixon;Richard Nixon;Q9588;Nixon;;;;;President of the United States 1969–1974
jimmy-carter;PER;Jimmy Carter;Jimmy Carter;Q23685;Carter;;;;;President of the United States 1977–1981
mao-zedong;PER;Mao Zedong;Mao Zedong;Q5816;Mao|Mao Tsé-toung|Mao Tse-tung;;;;;Chinese communist leader
gandhi;PER;Mahatma Gandhi;Mahatma Gandhi;Q1001;Gandhi|Mohandas Gandhi;;;;;Indian independence leader
nelson-mandela;PER;Nelson Mandela;Nelson Mandela;Q8023;Mandela;;;;;President of South Africa 1994–1999
fidel-castro;PER;Fidel Castro;Fidel Castro;Q11256;Castro;;;;;Cuban leader
che-guevara;PER;Che Guevara;Che Guevara;Q5809;Ernesto Guevara|Guevara;;;;;revolutionary
margaret-thatcher;PER;Margaret Thatcher;Margaret Thatcher;Q7416;Thatcher;;;;;Prime Minister of the UK 1979–1990
otto-von-bismarck;PER;Otto von Bismarck;Otto von Bismarck;Q8442;Bismarck;;;;;Chancellor of Germany 1871–1890
guillaume-ii;PER;Guillaume II;Wilhelm II;Q2677;Wilhelm II|Kaiser;;;;;German Emperor 1888–1918
reine-victoria;PER;reine Victoria;Queen Victoria;Q9439;?Victoria;;;;reine|royaume-uni|angleterre|@royaume-uni;Queen of the UK 1837–1901
albert-einstein;PER;Albert Einstein;Albert Einstein;Q937;Einstein;;;;;physicist
karl-marx;PER;Karl Marx;Karl Marx;Q9061;Marx;;;;;philosopher
louis-pasteur;PER;Louis Pasteur;Louis Pasteur;Q529;Pasteur;;;;;French scientist
marie-curie;PER;Marie Curie;Marie Curie;Q7186;;;;;;physicist and chemist
le-corbusier;PER;Le Corbusier;Le Corbusier;Q4724;;;;;;Swiss-French architect
jesus;PER;Jésus;Jesus;Q302;Jésus-Christ|Christ|Jesus;;;;;central figure of Christianity
donald-tusk;PER;Donald Tusk;Donald Tusk;Q946;Tusk;;;;;Polish Prime Minister, President of the European Council (2014–2019)
"""

ORGS = """
# --- international organisations ---
onu;ORG;Organisation des Nations unies;United Nations;Q1065;ONU|Nations unies|Nations Unies|UN|United Nations|O.N.U.;onusien;LOC;;;intergovernmental organisation
conseil-de-securite;ORG;Conseil de sécurité des Nations unies;United Nations Security Council;Q37470;Conseil de sécurité|Conseil de sécurité de l'ONU|UNSC;;;;;UN organ
assemblee-generale-onu;ORG;Assemblée générale des Nations unies;United Nations General Assembly;Q47423;Assemblée générale de l'ONU;;;;;UN organ
oms;ORG;Organisation mondiale de la santé;World Health Organization;Q7817;OMS|WHO;;;;;UN agency
unesco;ORG;Unesco;UNESCO;Q7809;UNESCO|Organisation des Nations unies pour l'éducation, la science et la culture;;;;;UN agency
unicef;ORG;Unicef;UNICEF;Q740308;UNICEF|Fonds des Nations unies pour l'enfance;;;;;UN agency
hcr;ORG;Haut-Commissariat des Nations unies pour les réfugiés;Office of the United Nations High Commissioner for Refugees;Q131566?;HCR|UNHCR;;;;;UN agency
unrwa;ORG;UNRWA;United Nations Relief and Works Agency for Palestine Refugees in the Near East;;UNRWA|Office de secours et de travaux des Nations unies;;;;;UN agency for Palestine refugees
pam;ORG;Programme alimentaire mondial;World Food Programme;;PAM|WFP;;;;;UN agency
aiea;ORG;Agence internationale de l'énergie atomique;International Atomic Energy Agency;Q826700;AIEA|IAEA;;;;;UN-related nuclear agency
fmi;ORG;Fonds monétaire international;International Monetary Fund;Q7804;FMI|IMF;;;;;international financial institution
banque-mondiale;ORG;Banque mondiale;World Bank;Q7164;World Bank;;;;;international financial institution
omc;ORG;Organisation mondiale du commerce;World Trade Organization;Q7825;OMC|WTO;;;;;international organisation
oit;ORG;Organisation internationale du travail;International Labour Organization;Q54129?;OIT|ILO|Bureau international du travail|BIT;;;;;UN agency
giec;ORG;Groupe d'experts intergouvernemental sur l'évolution du climat;IPCC;;GIEC|IPCC;;;;;UN climate panel
cpi;ORG;Cour pénale internationale;International Criminal Court;Q47488;CPI|ICC;;;;;international court in The Hague
cij;ORG;Cour internationale de justice;International Court of Justice;Q7801;CIJ|ICJ;;;;;UN principal judicial organ
otan;ORG;Organisation du traité de l'Atlantique nord;NATO;Q7184;OTAN|NATO|Alliance atlantique|O.T.A.N.;;;;;military alliance
ue;ORG;Union européenne;European Union;Q458;UE|Union Européenne|Europe des 27;;LOC;;;political and economic union
commission-europeenne;ORG;Commission européenne;European Commission;Q8880;Commission|Bruxelles|Commission de Bruxelles;;;;;EU executive
parlement-europeen;ORG;Parlement européen;European Parliament;Q8889;Parlement de Strasbourg|European Parliament;;;;;EU legislature
conseil-europeen;ORG;Conseil européen;European Council;Q8886?;;;;;;EU heads of state or government
conseil-ue;ORG;Conseil de l'Union européenne;Council of the European Union;Q8896?;Conseil de l'UE|Conseil des ministres de l'UE;;;;;EU legislature (member states)
bce;ORG;Banque centrale européenne;European Central Bank;Q8901;BCE|ECB;;;;;central bank of the euro area
cjue;ORG;Cour de justice de l'Union européenne;Court of Justice of the European Union;;CJUE|Cour de justice européenne;;;;;EU court
conseil-de-l-europe;ORG;Conseil de l'Europe;Council of Europe;Q8908;Council of Europe;;;;;European human-rights organisation
cedh;ORG;Cour européenne des droits de l'homme;European Court of Human Rights;Q122880?;CEDH|ECHR;;;;;court of the Council of Europe
frontex;ORG;Frontex;Frontex;;;;;;;EU border agency
ocde;ORG;Organisation de coopération et de développement économiques;OECD;Q41550;OCDE|OECD;;;;;international organisation
opep;ORG;Organisation des pays exportateurs de pétrole;OPEC;Q7795;OPEP|OPEC|OPEP+;;;;;oil exporters' organisation
g7;ORG;G7;G7;;Groupe des sept;;;;;forum of major economies
g20;ORG;G20;G20;Q19771;Groupe des vingt;;;;;forum of major economies
brics;ORG;BRICS;BRICS;;;;;;;group of emerging economies
union-africaine;ORG;Union africaine;African Union;Q7159;UA|African Union;;;;;continental union
cedeao;ORG;Communauté économique des États de l'Afrique de l'Ouest;ECOWAS;;CEDEAO|ECOWAS;;;;;West African community
ligue-arabe;ORG;Ligue arabe;Arab League;Q7172;Ligue des États arabes;;;;;regional organisation
asean;ORG;ASEAN;ASEAN;Q7768;Association des nations de l'Asie du Sud-Est|ANASE;;;;;regional organisation
osce;ORG;Organisation pour la sécurité et la coopération en Europe;OSCE;;OSCE;;;;;regional security organisation
interpol;ORG;Interpol;Interpol;;;;;;;international police organisation
cicr;ORG;Comité international de la Croix-Rouge;International Committee of the Red Cross;;CICR|ICRC|Croix-Rouge;;;;;humanitarian organisation in Geneva
msf;ORG;Médecins sans frontières;Médecins Sans Frontières;;MSF|Medecins sans frontieres;;;;;humanitarian NGO
amnesty;ORG;Amnesty International;Amnesty International;;Amnesty;;;;;human-rights NGO
human-rights-watch;ORG;Human Rights Watch;Human Rights Watch;;HRW;;;;;human-rights NGO
greenpeace;ORG;Greenpeace;Greenpeace;;Greenpeace International;;;;;environmental NGO
cio;ORG;Comité international olympique;International Olympic Committee;Q40970;CIO|IOC;;;;;Olympic movement, seated in Lausanne
fifa;ORG;FIFA;FIFA;Q253414;Fédération internationale de football association;;;;;football federation, seated in Zurich
uefa;ORG;UEFA;UEFA;Q35572;Union des associations européennes de football;;;;;European football federation
ligue-1;ORG;Ligue 1;Ligue 1;Q13394;Ligue 1 McDonald's|championnat de France de football;;;-1;;French football first division
premier-league;ORG;Premier League;Premier League;Q9448;championnat d'Angleterre de football;;;-1;;English football first division
liga;ORG;Liga;La Liga;Q324867;LaLiga|Liga espagnole|championnat d'Espagne de football;;;-1;;Spanish football first division
bundesliga;ORG;Bundesliga;Bundesliga;Q82595;championnat d'Allemagne de football;;;-1;;German football first division
serie-a;ORG;Serie A;Serie A;Q15804;championnat d'Italie de football;;;-1;;Italian football first division
societe-des-nations;ORG;Société des Nations;League of Nations;Q38130;SDN|S.D.N.|League of Nations;;;;;intergovernmental organisation 1920–1946
# --- armed groups ---
hamas;ORG;Hamas;Hamas;;Mouvement de la résistance islamique;;;;;Palestinian Islamist movement
hezbollah;ORG;Hezbollah;Hezbollah;;Hizbollah|Hezbollah libanais;;;;;Lebanese Shia movement
etat-islamique;ORG;État islamique;Islamic State;;EI|Daech|Daesh|ISIS|Etat islamique|organisation État islamique;;;;;jihadist group
al-qaida;ORG;Al-Qaïda;al-Qaeda;;Al-Qaida|Al Qaida|al-Qaeda;;;;;jihadist network
talibans;ORG;talibans;Taliban;;Taliban|Talibans;;;;;Afghan Islamist movement
wagner;ORG;groupe Wagner;Wagner Group;;Wagner|Africa Corps;;;;;Russian mercenary group
houthis;ORG;Houthis;Houthis;;Houthistes|rebelles houthis;;;;;Yemeni rebel movement
# --- governments and their metonyms ---
kremlin;ORG;Kremlin;Kremlin;;présidence russe;;LOC;;;Russian presidency (metonym)
maison-blanche;ORG;Maison-Blanche;White House;Q35525;Maison Blanche|White House;;LOC;;;US presidency (metonym)
pentagone;ORG;Pentagone;Pentagon;;Pentagon|département de la Défense|Département de la Défense;;LOC;;;US Department of Defense (metonym)
departement-d-etat;ORG;Département d'État;United States Department of State;;Département d'Etat|State Department;;;;;US foreign ministry
cia;ORG;CIA;Central Intelligence Agency;Q37230?;Central Intelligence Agency;;;;;US intelligence agency
fbi;ORG;FBI;Federal Bureau of Investigation;Q8333;;;;;;US federal police
congres-americain;ORG;Congrès américain;United States Congress;Q11268;Congrès|Congress|Congrès des États-Unis;;;;;US legislature
senat-americain;ORG;Sénat américain;United States Senate;Q66096;Senate|Sénat des États-Unis;;;;;upper house of the US Congress
chambre-des-representants;ORG;Chambre des représentants;United States House of Representatives;Q11701;House of Representatives;;;;;lower house of the US Congress
cour-supreme-usa;ORG;Cour suprême des États-Unis;Supreme Court of the United States;Q11201;Cour suprême américaine;;;;;US supreme court
reserve-federale;ORG;Réserve fédérale;Federal Reserve;Q53536;Fed|Federal Reserve;;;;;US central bank
downing-street;ORG;Downing Street;Downing Street;;10 Downing Street;;LOC;;;UK Prime Minister's office (metonym)
foreign-office;ORG;Foreign Office;Foreign Office;;;;;;;UK foreign ministry
bundestag;ORG;Bundestag;Bundestag;Q154797;;;;;;German federal parliament
chancellerie-allemande;ORG;Chancellerie fédérale;German Chancellery;;Chancellerie;;;;;German head-of-government office
bundeswehr;ORG;Bundeswehr;Bundeswehr;;armée allemande;;;;;German armed forces
armee-russe;ORG;armée russe;Russian Armed Forces;;forces russes|forces armées russes;;;;;Russian military
armee-ukrainienne;ORG;armée ukrainienne;Armed Forces of Ukraine;;forces ukrainiennes|forces armées ukrainiennes;;;;;Ukrainian military
tsahal;ORG;Tsahal;Israel Defense Forces;;armée israélienne|IDF;;LOC;;;Israeli military
armee-americaine;ORG;armée américaine;United States Armed Forces;;forces américaines|US Army;;;;;US military
fsb;ORG;FSB;Federal Security Service;;Service fédéral de sécurité;;;;;Russian security service
gazprom;ORG;Gazprom;Gazprom;Q102673;;;;;;Russian energy company
rada;ORG;Rada;Verkhovna Rada;;Verkhovna Rada|Parlement ukrainien;;;;;Ukrainian parliament
douma;ORG;Douma;State Duma;;Douma d'État;;;;;lower house of the Russian parliament
knesset;ORG;Knesset;Knesset;;;;LOC;;;Israeli parliament
autorite-palestinienne;ORG;Autorité palestinienne;Palestinian National Authority;;Autorité nationale palestinienne;;;;;Palestinian government
conseil-federal;ORG;Conseil fédéral;Federal Council;Q214155?;;;;;;Swiss federal government
parti-communiste-chinois;ORG;Parti communiste chinois;Chinese Communist Party;Q17427;PCC;;;;;ruling party of China
# --- France: institutions, metonyms ---
elysee;ORG;Élysée;Élysée Palace;;palais de l'Élysée|Elysée|Elysee|présidence de la République;;LOC;;;French presidency (metonym)
matignon;ORG;Matignon;Hôtel Matignon;;hôtel Matignon;;LOC;;;French Prime Minister's office (metonym)
quai-d-orsay;ORG;Quai d'Orsay;Quai d'Orsay;;;;LOC;;;French foreign ministry (metonym)
ministere-affaires-etrangeres;ORG;ministère des Affaires étrangères;Ministry for Europe and Foreign Affairs;;ministère de l'Europe et des Affaires étrangères|Affaires étrangères;;;;;French foreign ministry
place-beauvau;ORG;place Beauvau;Ministry of the Interior;;Beauvau|ministère de l'Intérieur;;LOC;;;French interior ministry (metonym)
bercy;ORG;Bercy;French Ministry of the Economy;;ministère de l'Économie|ministère de l'Economie;;LOC;;;French economy ministry (metonym)
hotel-de-brienne;ORG;ministère des Armées;French Ministry of the Armed Forces;;ministère de la Défense|Hôtel de Brienne;;;;;French defence ministry
chancellerie-france;ORG;ministère de la Justice;Ministry of Justice of France;;place Vendôme;;;;;French justice ministry
ministere-sante;ORG;ministère de la Santé;French Ministry of Health;;ministère de la Santé et de l'Accès aux soins|ministère des Solidarités et de la Santé;;;-1;;French health ministry
ministere-travail;ORG;ministère du Travail;French Ministry of Labour;;ministère du Travail et de l'Emploi;;;-1;;French labour ministry
ministere-agriculture;ORG;ministère de l'Agriculture;French Ministry of Agriculture;;ministère de l'Agriculture et de la Souveraineté alimentaire;;;-1;;French agriculture ministry
ministere-culture;ORG;ministère de la Culture;French Ministry of Culture;;rue de Valois;;;-1;;French culture ministry
ministere-transition-ecologique;ORG;ministère de la Transition écologique;French Ministry of Ecological Transition;;;;;-1;;French environment ministry
gouvernement-francais;ORG;gouvernement français;Government of France;;;;;;;French government
assemblee-nationale;ORG;Assemblée nationale;National Assembly;Q193582;Palais-Bourbon|Assemblée;;LOC;;;lower house of the French Parliament
senat;ORG;Sénat;French Senate;;Senat|palais du Luxembourg;;;;;upper house of the French Parliament
conseil-constitutionnel;ORG;Conseil constitutionnel;Constitutional Council;;;;;;;French constitutional court
conseil-d-etat;ORG;Conseil d'État;Council of State;;Conseil d'Etat;;;;;French supreme administrative court
cour-de-cassation;ORG;Cour de cassation;Court of Cassation;;;;;;;French supreme court
cour-des-comptes;ORG;Cour des comptes;Court of Audit;;;;;;;French audit court
banque-de-france;ORG;Banque de France;Bank of France;Q806950;;;;;;French central bank
csm;ORG;Conseil supérieur de la magistrature;High Council of the Judiciary;;CSM;;;;;French judicial council
cour-de-justice-de-la-republique;ORG;Cour de justice de la République;Court of Justice of the Republic;;CJR;;;;;French court trying ministers
cese;ORG;Conseil économique, social et environnemental;Economic, Social and Environmental Council;;CESE|Conseil economique social et environnemental;;;;;French consultative assembly
defenseur-des-droits;ORG;Défenseur des droits;Defender of Rights;;Defenseur des droits;;;;;French ombudsman
tribunal-judiciaire-de-paris;ORG;tribunal judiciaire de Paris;Paris Judicial Court;;tribunal de Paris;;;;;court of first instance in Paris
cour-d-appel-de-paris;ORG;cour d'appel de Paris;Paris Court of Appeal;;;;;;;French appeal court
pnf;ORG;parquet national financier;National Financial Prosecutor's Office;;PNF;;;;;French financial prosecutor
pnat;ORG;parquet national antiterroriste;National Anti-Terrorist Prosecutor's Office;;PNAT;;;;;French anti-terrorism prosecutor
cnil;ORG;Commission nationale de l'informatique et des libertés;CNIL;;CNIL|Cnil;;;;;French data-protection authority
arcom;ORG;Arcom;Arcom;;ARCOM|Autorité de régulation de la communication audiovisuelle et numérique;;;;;French audiovisual and digital regulator
autorite-de-la-concurrence;ORG;Autorité de la concurrence;French Competition Authority;;Autorite de la concurrence;;;;;French competition regulator
amf;ORG;Autorité des marchés financiers;Autorité des marchés financiers;;AMF|Autorite des marches financiers;;;;;French financial-markets regulator
acpr;ORG;Autorité de contrôle prudentiel et de résolution;Prudential Supervision and Resolution Authority;;ACPR;;;;;French banking and insurance supervisor
hatvp;ORG;Haute Autorité pour la transparence de la vie publique;High Authority for Transparency in Public Life;;HATVP;;;;;French public-ethics authority
has;ORG;Haute Autorité de santé;French National Authority for Health;;Haute Autorite de sante;;;;;French health technology assessment body
sante-publique-france;ORG;Santé publique France;Santé publique France;;Sante publique France;;;;;French public-health agency
ansm;ORG;Agence nationale de sécurité du médicament et des produits de santé;ANSM;;ANSM;;;;;French medicines regulator
anssi;ORG;Agence nationale de la sécurité des systèmes d'information;ANSSI;;ANSSI;;;;;French cybersecurity agency
asnr;ORG;Autorité de sûreté nucléaire et de radioprotection;Nuclear Safety and Radiation Protection Authority;;ASNR|Autorité de sûreté nucléaire|ASN;;;;;French nuclear regulator
ofpra;ORG;Office français de protection des réfugiés et apatrides;OFPRA;;OFPRA|Ofpra;;;;;French asylum office
cnes;ORG;Centre national d'études spatiales;CNES;;CNES|Cnes;;;;;French space agency
cea;ORG;Commissariat à l'énergie atomique et aux énergies alternatives;CEA;;CEA;;;;;French atomic and alternative energies commission
inserm;ORG;Institut national de la santé et de la recherche médicale;Inserm;;Inserm|INSERM;;;;;French medical research institute
institut-pasteur;ORG;Institut Pasteur;Pasteur Institute;;;;;;;French research foundation
bpifrance;ORG;Bpifrance;Bpifrance;;BPI France|Banque publique d'investissement;;;;;French public investment bank
caisse-des-depots;ORG;Caisse des dépôts;Caisse des dépôts et consignations;;Caisse des dépôts et consignations|Caisse des depots|CDC;;;;;French public financial institution
armee-francaise;ORG;armée française;French Armed Forces;;forces armées françaises|armées françaises;;;;;French military
gendarmerie;ORG;Gendarmerie nationale;National Gendarmerie;;gendarmerie;;;;;French gendarmerie
police-nationale;ORG;Police nationale;National Police of France;;;;;;;French police
dgsi;ORG;DGSI;General Directorate for Internal Security;;Direction générale de la sécurité intérieure;;;;;French domestic intelligence
dgse;ORG;DGSE;Directorate-General for External Security;;Direction générale de la sécurité extérieure;;;;;French foreign intelligence
insee;ORG;Insee;INSEE;Q156616;INSEE;;;;;French statistics office
cnrs;ORG;Centre national de la recherche scientifique;French National Centre for Scientific Research;Q280413;CNRS;;;;;French public research organisation
meteo-france;ORG;Météo-France;Météo-France;;Meteo-France|Météo France;;;;;French national weather service
mairie-de-paris;ORG;mairie de Paris;municipality of Paris;;Hôtel de Ville|Ville de Paris|municipalité de Paris;;;;;Paris city government
# --- French parties and unions ---
renaissance;ORG;Renaissance;Renaissance;Q23731823;La République en marche|LREM|LaREM|En marche|Ensemble|Ensemble pour la République;;;;;French party (Macron)
rassemblement-national;ORG;Rassemblement national;National Rally;Q205150;RN|Front national|FN;;;;;French far-right party
la-france-insoumise;ORG;La France insoumise;La France Insoumise;;LFI|France insoumise|Insoumis;;;;;French left party
les-republicains;ORG;Les Républicains;The Republicans;;LR|UMP;;;;;French right party
parti-socialiste;ORG;Parti socialiste;Socialist Party;Q170972;PS;;;;;French centre-left party
les-ecologistes;ORG;Les Écologistes;The Ecologists;;EELV|Europe Écologie Les Verts|Les Verts|Ecologistes;;;;;French green party
pcf;ORG;Parti communiste français;French Communist Party;Q192821;PCF;;;;;French communist party
modem;ORG;Mouvement démocrate;Democratic Movement;;MoDem;;;;;French centrist party
reconquete;ORG;Reconquête;Reconquête;;Reconquete;;;;;French far-right party
nouveau-front-populaire;ORG;Nouveau Front populaire;New Popular Front;;NFP;;;;;French left alliance (2024)
cgt;ORG;CGT;General Confederation of Labour;;Confédération générale du travail;;;;;French trade union
cfdt;ORG;CFDT;French Democratic Confederation of Labour;;Confédération française démocratique du travail;;;;;French trade union
medef;ORG;Medef;MEDEF;;MEDEF;;;;;French employers' federation
# --- foreign parties ---
parti-republicain;ORG;Parti républicain;Republican Party;Q29468;GOP|Republican Party;;;;;US party
parti-democrate;ORG;Parti démocrate;Democratic Party;Q29552;Démocrates|Democratic Party;;;;;US party
cdu;ORG;CDU;Christian Democratic Union;Q49762;Union chrétienne-démocrate;;;;;German party
spd;ORG;SPD;Social Democratic Party of Germany;Q49768;Parti social-démocrate;;;;;German party
afd;ORG;AfD;Alternative for Germany;;Alternative pour l'Allemagne;;;;;German far-right party
parti-conservateur;ORG;Parti conservateur;Conservative Party;Q9626;Conservateurs|Tories|tories;;;;;UK party
parti-travailliste;ORG;Parti travailliste;Labour Party;Q9630;Labour|travaillistes;;;;;UK party
russie-unie;ORG;Russie unie;United Russia;;;;;;;Russian ruling party
udc;ORG;Union démocratique du centre;Swiss People's Party;;UDC|SVP;;;;;Swiss party
# --- companies ---
apple;ORG;Apple;Apple Inc.;Q312;;;;;;US technology company
google;ORG;Google;Google;Q95;Alphabet;;;;;US technology company
microsoft;ORG;Microsoft;Microsoft;Q2283;;;;;;US technology company
amazon;ORG;Amazon;Amazon;Q3884;;;;;;US e-commerce company
meta;ORG;Meta;Meta Platforms;Q380;Facebook;;;;;US social-media company
tesla;ORG;Tesla;Tesla, Inc.;Q478214;;;;;;US car maker
spacex;ORG;SpaceX;SpaceX;Q193701?;;;;;;US space company
x-twitter;ORG;X;X (Twitter);Q918;Twitter;;;;;social network
openai;ORG;OpenAI;OpenAI;Q21708200;;;;;;US AI company
nvidia;ORG;Nvidia;Nvidia;Q182477;NVIDIA;;;;;US chip maker
tiktok;ORG;TikTok;TikTok;;;;;;;Chinese social network
huawei;ORG;Huawei;Huawei;Q160120;;;;;;Chinese technology company
samsung;ORG;Samsung;Samsung;;Samsung Electronics;;;;;Korean electronics company
boeing;ORG;Boeing;Boeing;Q66;;;;;;US aircraft maker
airbus;ORG;Airbus;Airbus;Q67;;;;;;European aircraft maker
volkswagen;ORG;Volkswagen;Volkswagen;Q246;VW;;;;;German car maker
totalenergies;ORG;TotalEnergies;TotalEnergies;Q154037;Total;;;;;French energy company
lvmh;ORG;LVMH;LVMH;Q504998;Moët Hennessy Louis Vuitton;;;;;French luxury group
renault;ORG;Renault;Renault;Q6686;;;;;;French car maker
stellantis;ORG;Stellantis;Stellantis;;PSA|Peugeot;;;;;car maker
edf;ORG;EDF;Électricité de France;;Électricité de France|Electricité de France;;;;;French electricity company
engie;ORG;Engie;Engie;;GDF Suez;;;;;French energy company
sncf;ORG;SNCF;SNCF;;Société nationale des chemins de fer français;;;;;French railway company
ratp;ORG;RATP;RATP;;;;;;;Paris public transport operator
air-france;ORG;Air France;Air France;;Air France-KLM;;;;;French airline
orange;ORG;Orange;Orange;;Orange S.A.|France Télécom;;;;;French telecom operator
bnp-paribas;ORG;BNP Paribas;BNP Paribas;Q499707;BNP;;;;;French bank
societe-generale;ORG;Société générale;Société Générale;Q270363;Societe generale;;;;;French bank
sanofi;ORG;Sanofi;Sanofi;Q158205;;;;;;French pharmaceutical company
danone;ORG;Danone;Danone;;;;;;;French food company
dassault-aviation;ORG;Dassault Aviation;Dassault Aviation;;Dassault;;;;;French aircraft maker
thales;ORG;Thales;Thales Group;;Thales;;;;;French defence company
nestle;ORG;Nestlé;Nestlé;Q160746;Nestle;;;;;Swiss food company
novartis;ORG;Novartis;Novartis;;;;;;;Swiss pharmaceutical company
ubs;ORG;UBS;UBS;;;;;;;Swiss bank
credit-suisse;ORG;Credit Suisse;Credit Suisse;;Crédit suisse;;;;;Swiss bank (taken over by UBS in 2023)
pfizer;ORG;Pfizer;Pfizer;Q206921;;;;;;US pharmaceutical company
mistral-ai;ORG;Mistral AI;Mistral AI;;Mistral;;;;;French AI company
doctolib;ORG;Doctolib;Doctolib;;;;;;;French health-tech company
blablacar;ORG;BlaBlaCar;BlaBlaCar;;Blablacar;;;;;French ride-sharing company
criteo;ORG;Criteo;Criteo;;;;;;;French advertising-technology company
ubisoft;ORG;Ubisoft;Ubisoft;;;;;;;French video-game publisher
capgemini;ORG;Capgemini;Capgemini;;;;;;;French IT services company
atos;ORG;Atos;Atos;;;;;;;French IT services company
dassault-systemes;ORG;Dassault Systèmes;Dassault Systèmes;;Dassault Systemes;;;;;French software company
stmicroelectronics;ORG;STMicroelectronics;STMicroelectronics;;STMicro;;;;;Franco-Italian chip maker
iliad;ORG;Iliad;Iliad;;groupe Iliad;;;;;French telecom group (Free)
safran;ORG;Safran;Safran;;;;;;;French aerospace company
naval-group;ORG;Naval Group;Naval Group;;;;;;;French naval defence company
arianegroup;ORG;ArianeGroup;ArianeGroup;;;;;;;European space launcher company
arianespace;ORG;Arianespace;Arianespace;;;;;;;European launch service provider
orano;ORG;Orano;Orano;;Areva;;;;;French nuclear fuel company
kering;ORG;Kering;Kering;;;;;;;French luxury group
vivendi;ORG;Vivendi;Vivendi;;;;;;;French media group
publicis;ORG;Publicis;Publicis Groupe;;Publicis Groupe;;;;;French advertising group
michelin;ORG;Michelin;Michelin;;groupe Michelin;;;;;French tyre maker
saint-gobain;ORG;Saint-Gobain;Saint-Gobain;;;;;;;French building-materials company
vinci;ORG;Vinci;Vinci;;VINCI|groupe Vinci;;;;;French construction and concessions group
eiffage;ORG;Eiffage;Eiffage;;;;;;;French construction group
pernod-ricard;ORG;Pernod Ricard;Pernod Ricard;;;;;;;French drinks group
accor;ORG;Accor;Accor;;;;;;;French hotel group
cma-cgm;ORG;CMA CGM;CMA CGM;;;;;;;French shipping company
# --- news organisations ---
afp;ORG;Agence France-Presse;Agence France-Presse;Q40464;AFP|Agence France Presse;;;;;French news agency
psg;ORG;Paris Saint-Germain;Paris Saint-Germain;Q483020;PSG|Paris SG|Paris Saint-Germain FC|Paris-Saint-Germain;;;;;French football club
reuters;ORG;Reuters;Reuters;Q130879;agence Reuters;;;;;news agency
ap;ORG;Associated Press;Associated Press;Q40469;AP|agence AP;;;;;US news agency
ats;ORG;Agence télégraphique suisse;Swiss News Agency;;ATS|Keystone-ATS;;;;;Swiss news agency
tass;ORG;TASS;TASS;;agence Tass|Tass;;;;;Russian news agency
ria-novosti;ORG;RIA Novosti;RIA Novosti;;RIA;;;;;Russian news agency
xinhua;ORG;Xinhua;Xinhua News Agency;;Chine nouvelle|agence Chine nouvelle;;;;;Chinese news agency
le-monde;ORG;Le Monde;Le Monde;Q12461;;;;;;French newspaper
le-figaro;ORG;Le Figaro;Le Figaro;Q216047;Figaro;;;;;French newspaper
liberation;ORG;Libération;Libération;Q13717;Libé|Liberation;;;;;French newspaper
le-parisien;ORG;Le Parisien;Le Parisien;;Parisien;;;;;French newspaper
les-echos;ORG;Les Échos;Les Échos;;Les Echos;;;;;French economic newspaper
ouest-france;ORG;Ouest-France;Ouest-France;;;;;;;French regional newspaper
france-televisions;ORG;France Télévisions;France Télévisions;;France Televisions;;;;;French public broadcaster
radio-france;ORG;Radio France;Radio France;;;;;;;French public radio
# channels and stations are rows of their own (the group and its channel are two items)
france-2;ORG;France 2;France 2;;;;;;;French public TV channel (France Télévisions)
france-3;ORG;France 3;France 3;;;;;;;French public TV channel (France Télévisions)
france-5;ORG;France 5;France 5;;;;;;;French public TV channel (France Télévisions)
france-inter;ORG;France Inter;France Inter;;;;;;;French public radio station (Radio France)
franceinfo;ORG;franceinfo;Franceinfo;;France Info|France info;;;;;French public news radio and channel (Radio France, France Télévisions)
france-culture;ORG;France Culture;France Culture;;;;;;;French public radio station (Radio France)
france-medias-monde;ORG;France Médias Monde;France Médias Monde;;France Medias Monde;;;;;French public international broadcaster
rfi;ORG;Radio France internationale;Radio France Internationale;;RFI;;;;;French international radio
france-24;ORG;France 24;France 24;;;;;;;French international news channel
tv5monde;ORG;TV5Monde;TV5Monde;;TV5 Monde|TV5;;;;;francophone international TV channel
arte;ORG;Arte;Arte;;ARTE;;;;;Franco-German TV channel
canal-plus;ORG;Canal+;Canal+;;Canal Plus|groupe Canal+;;;;;French pay-TV group and channel
m6;ORG;M6;M6;;groupe M6|Métropole Télévision;;;;;French TV channel and group
lci;ORG;LCI;LCI;;La Chaîne Info;;;;;French news channel (TF1 group)
cnews;ORG;CNews;CNews;;;;;;;French news channel (Canal+ group)
rtl;ORG;RTL;RTL;;;;;;;French radio station
europe-1;ORG;Europe 1;Europe 1;;;;;;;French radio station
rmc;ORG;RMC;RMC;;Radio Monte-Carlo;;;;;French radio station
mediapart;ORG;Mediapart;Mediapart;;;;;;;French online newspaper
le-point;ORG;Le Point;Le Point;;;;;;;French news magazine
l-express;ORG;L'Express;L'Express;;;;;;;French news magazine
l-obs;ORG;L'Obs;L'Obs;;Le Nouvel Observateur|Nouvel Obs;;;;;French news magazine
la-croix;ORG;La Croix;La Croix;;;;;;;French daily newspaper
l-humanite;ORG;L'Humanité;L'Humanité;;L'Humanite;;;;;French daily newspaper
jdd;ORG;Le Journal du dimanche;Le Journal du Dimanche;;JDD;;;;;French weekly newspaper
canard-enchaine;ORG;Le Canard enchaîné;Le Canard enchaîné;;Canard enchaîné|Canard enchaine;;;;;French satirical weekly
l-equipe;ORG;L'Équipe;L'Équipe;;L'Equipe;;;;;French sports daily
20-minutes;ORG;20 Minutes;20 Minutes;;;;;;;French free daily newspaper
sud-ouest;ORG;Sud Ouest;Sud Ouest;;Sud-Ouest;;;;;French regional newspaper
la-voix-du-nord;ORG;La Voix du Nord;La Voix du Nord;;;;;;;French regional newspaper
la-depeche;ORG;La Dépêche du Midi;La Dépêche du Midi;;La Dépêche|La Depeche du Midi;;;;;French regional newspaper
le-dauphine-libere;ORG;Le Dauphiné libéré;Le Dauphiné Libéré;;Dauphiné libéré|Le Dauphiné;;;;;French regional newspaper
tf1;ORG;TF1;TF1;;;;;;;French TV channel
bfmtv;ORG;BFMTV;BFM TV;;BFM TV|BFM;;;;;French news channel
bbc;ORG;BBC;BBC;Q9531;British Broadcasting Corporation;;;;;UK public broadcaster
cnn;ORG;CNN;CNN;Q48340;;;;;;US news channel
new-york-times;ORG;New York Times;The New York Times;Q9684;The New York Times|NYT;;;;;US newspaper
washington-post;ORG;Washington Post;The Washington Post;Q166032;The Washington Post;;;;;US newspaper
wall-street-journal;ORG;Wall Street Journal;The Wall Street Journal;;The Wall Street Journal|WSJ;;;;;US newspaper
der-spiegel;ORG;Der Spiegel;Der Spiegel;;Spiegel;;;;;German news magazine
al-jazeera;ORG;Al Jazeera;Al Jazeera;;Al-Jazira|Al Jazira|Al-Jazeera;;;;;Qatari news channel
le-temps;ORG;Le Temps;Le Temps;;;;;;;Swiss newspaper
rts;ORG;RTS;Radio Télévision Suisse;;Radio Télévision Suisse;;;;;Swiss public broadcaster
# --- rugby clubs and federations (no source gives their ids yet: hand rows without QID;
# city names are left out as aliases: "Toulon" is the city) ---
stade-toulousain;ORG;Stade toulousain;Stade Toulousain;;Stade Toulousain;;;;;French rugby union club
ubb;ORG;Union Bordeaux Bègles;Union Bordeaux Bègles;;UBB|Union Bordeaux-Bègles|Bordeaux-Bègles;;;;;French rugby union club
stade-rochelais;ORG;Stade rochelais;Stade Rochelais;;Stade Rochelais;;;;;French rugby union club
rc-toulon;ORG;RC Toulon;RC Toulon;;RCT|Rugby club toulonnais;;;;;French rugby union club
racing-92;ORG;Racing 92;Racing 92;;;;;;;French rugby union club
stade-francais;ORG;Stade français Paris;Stade Français Paris;;Stade français|Stade Français;;;;;French rugby union club
asm-clermont;ORG;ASM Clermont Auvergne;ASM Clermont Auvergne;;ASM Clermont|ASM;;;;;French rugby union club
castres-olympique;ORG;Castres olympique;Castres Olympique;;Castres Olympique;;;;;French rugby union club
section-paloise;ORG;Section paloise;Section Paloise;;Section Paloise;;;;;French rugby union club
aviron-bayonnais;ORG;Aviron bayonnais;Aviron Bayonnais;;Aviron Bayonnais;;;;;French rugby union club
montpellier-herault-rugby;ORG;Montpellier Hérault rugby;Montpellier Hérault Rugby;;MHR|Montpellier Hérault Rugby;;;;;French rugby union club
lou-rugby;ORG;Lyon olympique universitaire;Lyon OU;;LOU|Lyon OU|LOU Rugby;;;;;French rugby union club
usap;ORG;USA Perpignan;USA Perpignan;;USAP;;;;;French rugby union club
us-montauban;ORG;US Montauban;US Montauban;;;;;;;French rugby union club
rc-vannes;ORG;RC Vannes;RC Vannes;;;;;;;French rugby union club
oyonnax-rugby;ORG;Oyonnax rugby;Oyonnax Rugby;;;;;;;French rugby union club
ffr;ORG;Fédération française de rugby;French Rugby Federation;;FFR;;;;;French rugby federation
lnr;ORG;Ligue nationale de rugby;Ligue Nationale de Rugby;;LNR;;;;;French professional rugby league
fff;ORG;Fédération française de football;French Football Federation;;FFF;;;;;French football federation
lfp;ORG;Ligue de football professionnel;Ligue de Football Professionnel;;LFP;;;;;French professional football league
# --- sixth pass of issue 13: polls, rating agencies, regulators, unions, African and EU bodies, culture ---
horizons;ORG;Horizons;Horizons;Q108846587;parti Horizons;;;-1;;French centre-right party (Édouard Philippe)
ifop;ORG;Ifop;Ifop;;IFOP|Institut français d'opinion publique;;;-1;;French polling institute
elabe;ORG;Elabe;Elabe;;;;;-1;;French polling institute
odoxa;ORG;Odoxa;Odoxa;;;;;-1;;French polling institute
opinionway;ORG;OpinionWay;OpinionWay;;;;;-1;;French polling institute
moodys;ORG;Moody's;Moody's;;Moody's Investors Service|Moody’s|agence Moody's;;;-1;;credit rating agency
fitch;ORG;Fitch Ratings;Fitch Ratings;;Fitch|agence Fitch;;;-1;;credit rating agency
sp-global;ORG;S&P Global;S&P Global;;S&P Global Ratings|Standard & Poor's|Standard and Poor's;;;-1;;credit rating agency
ofce;ORG;Observatoire français des conjonctures économiques;OFCE;;OFCE;;;-1;;French economic research centre (Sciences Po)
hcfp;ORG;Haut Conseil des finances publiques;High Council of Public Finance;;HCFP;;;-1;;French fiscal council
cre;ORG;Commission de régulation de l'énergie;Energy Regulatory Commission;;CRE;;;-1;;French energy regulator
afa;ORG;Agence française anticorruption;French Anti-Corruption Agency;;;;;-1;;French anti-corruption agency
tracfin;ORG;Tracfin;Tracfin;;;;;-1;;French financial intelligence unit
parquet-europeen;ORG;Parquet européen;European Public Prosecutor's Office;;EPPO;;;-1;;EU public prosecutor's office
inria;ORG;Inria;Inria;;INRIA|Institut national de recherche en informatique et en automatique;;;-1;;French computer-science research institute
fnsea;ORG;Fédération nationale des syndicats d'exploitants agricoles;FNSEA;;FNSEA;;;-1;;French farmers' union
jeunes-agriculteurs;ORG;Jeunes agriculteurs;Jeunes Agriculteurs;;;;;-1;;French young farmers' union
confederation-paysanne;ORG;Confédération paysanne;Confédération paysanne;;;;;-1;;French farmers' union
coordination-rurale;ORG;Coordination rurale;Coordination rurale;;;;;-1;;French farmers' union
securite-civile;ORG;Sécurité civile;French Civil Defence;;;;;-1;;French civil protection service
samu;ORG;Samu;SAMU;;SAMU;;;-1;;French emergency medical service
mercosur;ORG;Mercosur;Mercosur;;Mercosul|Marché commun du Sud;;;-1;;South American trade bloc
finul;ORG;Force intérimaire des Nations unies au Liban;UNIFIL;;Finul|FINUL|UNIFIL;;;-1;;UN peacekeeping force in Lebanon
jnim;ORG;Groupe de soutien à l'islam et aux musulmans;JNIM;;JNIM|GSIM;;;-1;;jihadist alliance in the Sahel (al-Qaida)
m23;ORG;M23;March 23 Movement;;Mouvement du 23 mars;;;-1;;Congolese rebel movement
alliance-etats-sahel;ORG;Alliance des États du Sahel;Alliance of Sahel States;;Confédération des États du Sahel;;;-1;;confederation of Mali, Burkina Faso and Niger
bafd;ORG;Banque africaine de développement;African Development Bank;;BAfD;;;-1;;African multilateral development bank
bceao;ORG;Banque centrale des États de l'Afrique de l'Ouest;Central Bank of West African States;;BCEAO;;;-1;;central bank of the West African CFA franc zone
uemoa;ORG;Union économique et monétaire ouest-africaine;West African Economic and Monetary Union;;UEMOA;;;-1;;West African monetary union
groupe-ppe;ORG;Parti populaire européen;European People's Party;;groupe PPE;;;-1;;European centre-right party and Parliament group
groupe-s-d;ORG;Socialistes et démocrates;Socialists and Democrats;;S&D|groupe S&D|Alliance progressiste des socialistes et démocrates;;;-1;;European Parliament group
renew-europe;ORG;Renew Europe;Renew Europe;;groupe Renew;;;-1;;European Parliament group
patriotes-pour-l-europe;ORG;Patriotes pour l'Europe;Patriots for Europe;;;;;-1;;European Parliament group
xv-de-france;ORG;XV de France;France national rugby union team;;équipe de France de rugby;;;-1;;French national rugby union team
euroclear;ORG;Euroclear;Euroclear;;;;;-1;;Belgian securities depository
asml;ORG;ASML;ASML;;ASML Holding;;;-1;;Dutch chip-equipment maker
sud-radio;ORG;Sud Radio;Sud Radio;;;;;-1;;French radio station
louvre;ORG;musée du Louvre;Louvre Museum;Q19675;Louvre;;LOC;-1;;museum in Paris
centre-pompidou;ORG;Centre Pompidou;Centre Pompidou;Q178065;centre Georges-Pompidou|Beaubourg;;LOC;-1;;museum and arts centre in Paris
disney;ORG;Disney;The Walt Disney Company;Q7414;Walt Disney Company|groupe Disney;;;-1;;US entertainment group
allianz;ORG;Allianz;Allianz;Q487292;Allianz SE;;;-1;;German insurance group
natixis;ORG;Natixis;Natixis;Q571156;;;;-1;;French investment bank (BPCE)
fdj;ORG;Française des jeux;FDJ United;;FDJ|La Française des jeux|FDJ United;;;-1;;French lottery and gaming operator
amundi;ORG;Amundi;Amundi;;;;;-1;;French asset manager (Crédit agricole)
bei;ORG;Banque européenne d'investissement;European Investment Bank;Q192247;BEI;;;-1;;EU bank
chambre-des-communes;ORG;Chambre des communes;House of Commons;Q11005;Communes;;;-1;;lower house of the UK Parliament
glencore;ORG;Glencore;Glencore;Q169339;;;;-1;;Anglo-Swiss mining and trading group
bourse-de-paris;ORG;Bourse de Paris;Euronext Paris;Q2385849;Euronext Paris;;;-1;;Paris stock exchange
"""

# Organisations published only with the QID that a source gives to one of their names:
# data/kb-sources/nsi.tsv (name-suggestion-index, English Wikidata labels) or a line of
# data/kb-sources/confirmed.tsv. No id is written here. Same format as ORGS; priority -1
# (matched exactly only, a hand-written row of the same name wins).
SOURCED_ORGS = """
# --- French state, agencies, public services ---
ministere-education;ORG;ministère de l'Éducation nationale;French Ministry of education;;ministère de l'Education nationale|Éducation nationale|Education nationale;;;-1;;French education ministry
ministere-enseignement-superieur;ORG;ministère de l'Enseignement supérieur et de la Recherche;Ministry of Higher Education and Research;;ministère de l'Enseignement supérieur;;;-1;;French higher-education ministry
dgfip;ORG;Direction générale des finances publiques;Direction générale des Finances publiques;;DGFiP|DGFIP|fisc;;;-1;;French tax and public-finance administration
caf;ORG;Caisse d'allocations familiales;Caisse d'allocations familiales;;CAF|caisses d'allocations familiales;;;-1;;French family-benefits funds
cpam;ORG;Caisse primaire d'assurance maladie;Caisse primaire d'assurance maladie;;CPAM;;;-1;;French health-insurance funds
france-travail;ORG;France Travail;France Travail;;Pôle emploi|Pole emploi;;;-1;;French public employment service
efs;ORG;Établissement français du sang;French Blood Establishment;;EFS|Etablissement français du sang;;;-1;;French blood service
vnf;ORG;Voies navigables de France;Voies navigables de France;;VNF;;;-1;;French waterways authority
snsm;ORG;Société nationale de sauvetage en mer;Société Nationale de Sauvetage en Mer;;SNSM;;;-1;;French sea-rescue organisation
bspp;ORG;Brigade de sapeurs-pompiers de Paris;Paris Fire Brigade;;BSPP|pompiers de Paris;;;-1;;Paris fire brigade
bmpm;ORG;Bataillon de marins-pompiers de Marseille;Marseille Naval Fire Battalion;;BMPM|marins-pompiers de Marseille;;;-1;;Marseille fire brigade
ap-hp;ORG;Assistance publique – Hôpitaux de Paris;Assistance Publique – Hôpitaux de Paris;;AP-HP|APHP|Assistance publique-Hôpitaux de Paris;;;-1;;Paris hospitals
dap;ORG;Direction de l'administration pénitentiaire;General Directorate of Penitentiary Administration;;administration pénitentiaire;;;-1;;French prison administration
anfr;ORG;Agence nationale des fréquences;The National Frequency Agency;;ANFR;;;-1;;French radio-spectrum agency
# --- local government ---
mairie-de-lyon;ORG;mairie de Lyon;municipality of Lyon;;municipalité de Lyon;;;-1;;Lyon city government
mairie-de-marseille;ORG;mairie de Marseille;municipality of Marseille;;municipalité de Marseille;;;-1;;Marseille city government
mairie-de-toulouse;ORG;mairie de Toulouse;municipality of Toulouse;;municipalité de Toulouse;;;-1;;Toulouse city government
mairie-de-bordeaux;ORG;mairie de Bordeaux;municipality of Bordeaux;;municipalité de Bordeaux;;;-1;;Bordeaux city government
mairie-de-lille;ORG;mairie de Lille;municipality of Lille;;municipalité de Lille;;;-1;;Lille city government
mairie-de-nantes;ORG;mairie de Nantes;municipality of Nantes;;municipalité de Nantes;;;-1;;Nantes city government
mairie-de-nice;ORG;mairie de Nice;municipality of Nice;;municipalité de Nice;;;-1;;Nice city government
mairie-de-rennes;ORG;mairie de Rennes;municipality of Rennes;;municipalité de Rennes;;;-1;;Rennes city government
mairie-de-montpellier;ORG;mairie de Montpellier;municipality of Montpellier;;municipalité de Montpellier;;;-1;;Montpellier city government
mairie-de-grenoble;ORG;mairie de Grenoble;municipality of Grenoble;;municipalité de Grenoble;;;-1;;Grenoble city government
metropole-aix-marseille;ORG;Métropole d'Aix-Marseille-Provence;Métropole Aix-Marseille-Provence;;Métropole Aix-Marseille-Provence|Aix-Marseille-Provence;;;-1;;Marseille metropolitan authority
bordeaux-metropole;ORG;Bordeaux Métropole;Bordeaux Métropole;;;;;-1;;Bordeaux metropolitan authority
toulouse-metropole;ORG;Toulouse Métropole;Toulouse Métropole;;;;;-1;;Toulouse metropolitan authority
nantes-metropole;ORG;Nantes Métropole;Urban Community of Nantes Métropole;;Nantes Métropole;;;-1;;Nantes metropolitan authority
rennes-metropole;ORG;Rennes Métropole;Rennes Métropole;;;;;-1;;Rennes metropolitan authority
eurometropole-strasbourg;ORG;Eurométropole de Strasbourg;Eurometropolis of Strasbourg;;;;;-1;;Strasbourg metropolitan authority
# --- unions and associations ---
force-ouvriere;ORG;Force ouvrière;Force Ouvrière;;FO|Force Ouvriere;;;-1;;French trade union
cftc;ORG;CFTC;French Confederation of Christian Workers;;Confédération française des travailleurs chrétiens;;;-1;;French trade union
cfe-cgc;ORG;CFE-CGC;French Confederation of Management – General Confederation of Executives;;Confédération française de l'encadrement-Confédération générale des cadres;;;-1;;French trade union
solidaires;ORG;Union syndicale Solidaires;Union syndicale Solidaires;;Solidaires|SUD;;;-1;;French trade union
croix-rouge-francaise;ORG;Croix-Rouge française;French Red Cross;;Croix-Rouge francaise;;;-1;;French Red Cross society
mouvement-croix-rouge;ORG;Mouvement international de la Croix-Rouge et du Croissant-Rouge;International Red Cross and Red Crescent Movement;;Croix-Rouge et Croissant-Rouge;;;-1;;Red Cross movement
secours-catholique;ORG;Secours catholique;Secours catholique;;Secours Catholique;;;-1;;French Catholic charity
emmaus;ORG;Emmaüs;Emmaus;;Emmaus;;;-1;;charity movement
emmaus-france;ORG;Emmaüs France;Emmaus france;;Emmaus France;;;-1;;French charity
action-contre-la-faim;ORG;Action contre la faim;Action Against Hunger France;;ACF|Action Against Hunger;;;-1;;humanitarian NGO
armee-du-salut;ORG;Armée du salut;The Salvation Army;;Salvation Army;;;-1;;charity
oxfam;ORG;Oxfam;Oxfam;;;;;-1;;humanitarian NGO
# --- international organisations ---
oim;ORG;Organisation internationale pour les migrations;International Organization for Migration;;OIM|IOM;;;-1;;intergovernmental organisation
cern;ORG;CERN;CERN;;Organisation européenne pour la recherche nucléaire;;;-1;;particle-physics laboratory in Geneva
# --- companies ---
air-liquide;ORG;Air liquide;Air Liquide;;Air Liquide;;;-1;;French industrial-gas company
bollore;ORG;Bolloré;Bolloré;;groupe Bolloré|Bollore;;;-1;;French holding company
jcdecaux;ORG;JCDecaux;JCDecaux;;;;;-1;;French outdoor-advertising company
unibail;ORG;Unibail-Rodamco-Westfield;Unibail-Rodamco-Westfield;;Unibail;;;-1;;French real-estate company
suez;ORG;Suez;SUEZ;;;;;-1;;French water and waste company
veolia;ORG;Veolia;Veolia;;;;;-1;;French water and waste company
schneider-electric;ORG;Schneider Electric;Schneider Electric;;Schneider;;;-1;;French electrical-equipment company
alstom;ORG;Alstom;Alstom;;;;;-1;;French rolling-stock maker
rexel;ORG;Rexel;Rexel;;;;;-1;;French electrical distributor
axa;ORG;Axa;Axa;;AXA;;;-1;;French insurer
credit-agricole;ORG;Crédit agricole;Credit Agricole Group;;Crédit Agricole|Credit agricole|groupe Crédit agricole;;;-1;;French bank
credit-mutuel;ORG;Crédit mutuel;Crédit Mutuel;;Credit mutuel;;;-1;;French bank
banque-populaire;ORG;Banque populaire;Groupe Banque Populaire;;Banque Populaire;;;-1;;French bank
banque-postale;ORG;La Banque postale;La Banque Postale;;Banque postale;;;-1;;French bank
groupama;ORG;Groupama;Groupama;;;;;-1;;French insurer
maif;ORG;Maif;MAIF;;MAIF;;;-1;;French insurer
free;ORG;Free;Free;;;;;-1;;French telecom operator
sfr;ORG;SFR;SFR;;;;;-1;;French telecom operator
bouygues;ORG;Bouygues;Bouygues;;groupe Bouygues;;;-1;;French conglomerate
bouygues-telecom;ORG;Bouygues Telecom;Bouygues Telecom;;;;;-1;;French telecom operator
la-poste;ORG;La Poste;La Poste;;groupe La Poste;;;-1;;French postal company
enedis;ORG;Enedis;Enedis;;ERDF;;;-1;;French electricity distribution network
rte;ORG;RTE;RTE;;Réseau de transport d'électricité;;;-1;;French electricity transmission operator
grdf;ORG;GRDF;Gaz Réseau Distribution France;;GrDF;;;-1;;French gas distribution network
sncf-reseau;ORG;SNCF Réseau;SNCF Réseau;;;;;-1;;French railway infrastructure manager
sncf-voyageurs;ORG;SNCF Voyageurs;SNCF Voyageurs;;;;;-1;;French passenger-train operator
keolis;ORG;Keolis;Keolis;;;;;-1;;French transport operator
leclerc;ORG;E.Leclerc;E.Leclerc;;Leclerc|centres E.Leclerc;;;-1;;French retailer
intermarche;ORG;Intermarché;Intermarché;;Intermarche|Mousquetaires;;;-1;;French retailer
auchan;ORG;Auchan;Auchan;;;;;-1;;French retailer
lidl;ORG;Lidl;Lidl;;;;;-1;;German discount retailer
leroy-merlin;ORG;Leroy Merlin;Leroy Merlin;;;;;-1;;French home-improvement retailer
ikea;ORG;Ikea;IKEA;;;;;-1;;Swedish furniture retailer
mcdonalds;ORG;McDonald's;McDonald's;;McDonald’s;;;-1;;US fast-food chain
starbucks;ORG;Starbucks;Starbucks;;;;;-1;;US coffee chain
coca-cola;ORG;Coca-Cola;The Coca-Cola Company;;Coca-Cola Company;;;-1;;US beverage company
intel;ORG;Intel;Intel;;;;;-1;;US chip maker
toyota;ORG;Toyota;Toyota;;;;;-1;;Japanese car maker
groupe-volkswagen;ORG;groupe Volkswagen;Volkswagen Group;;;;;-1;;German car group
bmw;ORG;BMW;BMW;;;;;-1;;German car maker
mercedes-benz;ORG;Mercedes-Benz;Mercedes-Benz;;Mercedes;;;-1;;German car maker
ford;ORG;Ford;Ford Motor Company;;;;;-1;;US car maker
fiat;ORG;Fiat;Fiat;;;;;-1;;Italian car maker
ferrari;ORG;Ferrari;Ferrari;;;;;-1;;Italian car maker
siemens;ORG;Siemens;Siemens;;;;;-1;;German conglomerate
basf;ORG;BASF;BASF;;;;;-1;;German chemical company
deutsche-bank;ORG;Deutsche Bank;Deutsche Bank;;;;;-1;;German bank
deutsche-telekom;ORG;Deutsche Telekom;Deutsche Telekom;;;;;-1;;German telecom operator
deutsche-bahn;ORG;Deutsche Bahn;Deutsche Bahn;;DB;;;-1;;German railway company
shell;ORG;Shell;Shell;;;;;-1;;British oil company
bp;ORG;BP;BP;;British Petroleum;;;-1;;British oil company
chevron;ORG;Chevron;Chevron Corporation;;;;;-1;;US oil company
rosneft;ORG;Rosneft;Rosneft;;;;;-1;;Russian oil company
aramco;ORG;Saudi Aramco;Saudi Aramco;;Aramco;;;-1;;Saudi oil company
eni;ORG;Eni;Eni;;ENI;;;-1;;Italian energy company
enel;ORG;Enel;Enel;;;;;-1;;Italian energy company
iberdrola;ORG;Iberdrola;Iberdrola;;;;;-1;;Spanish energy company
hsbc;ORG;HSBC;HSBC;;;;;-1;;British bank
barclays;ORG;Barclays;Barclays;;;;;-1;;British bank
morgan-stanley;ORG;Morgan Stanley;Morgan Stanley;;;;;-1;;US bank
vodafone;ORG;Vodafone;Vodafone;;;;;-1;;British telecom operator
telefonica;ORG;Telefónica;Telefónica;;Telefonica;;;-1;;Spanish telecom operator
walmart;ORG;Walmart;Walmart;;;;;-1;;US retailer
roche;ORG;Roche;Hoffmann-La Roche;;;;;-1;;Swiss pharmaceutical company
hermes;ORG;Hermès;Hermès;;Hermes;;;-1;;French luxury company
nissan;ORG;Nissan;Nissan;;;;;-1;;Japanese car maker
ugc;ORG;UGC;UGC;;;;;-1;;French cinema operator
fnac;ORG;Fnac;Fnac;;FNAC;;;-1;;French retailer
sephora;ORG;Sephora;Sephora;;;;;-1;;French cosmetics retailer
yves-rocher;ORG;Yves Rocher;Yves Rocher;;;;;-1;;French cosmetics company
eurostar;ORG;Eurostar;Eurostar;;;;;-1;;cross-Channel train operator
santander;ORG;Santander;Santander;;groupe Santander;;;-1;;Spanish banking group
unicredit;ORG;UniCredit;UniCredit;;Unicredit;;;-1;;Italian bank
zurich-assurances;ORG;Zurich Assurances;Zurich Insurance Group;;Zurich Insurance;;;-1;;Swiss insurer
swisscom;ORG;Swisscom;Swisscom;;;;;-1;;Swiss telecom operator
cff;ORG;CFF;Swiss Federal Railways;;Chemins de fer fédéraux suisses|Chemins de fer fédéraux|SBB;;;-1;;Swiss federal railways
migros;ORG;Migros;Migros;;;;;-1;;Swiss retail cooperative
postfinance;ORG;PostFinance;PostFinance;;;;;-1;;Swiss postal bank
repsol;ORG;Repsol;Repsol;;;;;-1;;Spanish energy company
petrobras;ORG;Petrobras;Petrobras;;;;;-1;;Brazilian oil company
pemex;ORG;Pemex;Pemex;;;;;-1;;Mexican oil company
sinopec;ORG;Sinopec;Sinopec;;;;;-1;;Chinese oil company
lukoil;ORG;Lukoil;Lukoil;;Loukoil;;;-1;;Russian oil company
sberbank;ORG;Sberbank;Sberbank;;;;;-1;;Russian bank
vtb;ORG;VTB;VTB Bank;;Banque VTB;;;-1;;Russian bank
rzd;ORG;Chemins de fer russes;Russian Railways;;RZD;;;-1;;Russian railways
ukrposhta;ORG;Ukrposhta;Ukrposhta;;;;;-1;;Ukrainian postal service
royal-mail;ORG;Royal Mail;Royal Mail;;;;;-1;;British postal service
network-rail;ORG;Network Rail;Network Rail;;;;;-1;;British rail infrastructure
dhl;ORG;DHL;DHL;;;;;-1;;German logistics company
fedex;ORG;FedEx;FedEx;;;;;-1;;US delivery company
usps;ORG;US Postal Service;United States Postal Service;;USPS;;;-1;;US postal service
amtrak;ORG;Amtrak;Amtrak;;;;;-1;;US passenger railway
postes-canada;ORG;Postes Canada;Canada Post;;;;;-1;;Canadian postal service
hydro-quebec;ORG;Hydro-Québec;Hydro-Québec;;Hydro-Quebec;;;-1;;Quebec electricity utility
stm-montreal;ORG;Société de transport de Montréal;Société de transport de Montréal;;;;;-1;;Montreal public transport
bpost;ORG;bpost;bpost;;;;;-1;;Belgian postal service
de-lijn;ORG;De Lijn;De Lijn;;;;;-1;;Flemish public transport
proximus;ORG;Proximus;Proximus;;;;;-1;;Belgian telecom operator
belfius;ORG;Belfius;Belfius;;;;;-1;;Belgian bank
bnp-paribas-fortis;ORG;BNP Paribas Fortis;BNP Paribas Fortis;;;;;-1;;Belgian bank
ns;ORG;Nederlandse Spoorwegen;Nederlandse Spoorwegen;;;;;-1;;Dutch railways
trenitalia;ORG;Trenitalia;Trenitalia;;;;;-1;;Italian railway company
ferrovie-dello-stato;ORG;Ferrovie dello Stato;Ferrovie dello Stato Italiane;;Ferrovie dello Stato Italiane;;;-1;;Italian state railways
poste-italiane;ORG;Poste Italiane;Poste Italiane;;;;;-1;;Italian postal company
correos;ORG;Correos;Correos;;;;;-1;;Spanish postal company
asf;ORG;Autoroutes du Sud de la France;Autoroutes du Sud de la France;;ASF;;;-1;;French motorway operator
# --- from confirmed.tsv: international bodies, media, companies ---
loreal;ORG;L'Oréal;L'Oréal;;L'Oreal|groupe L'Oréal;;;-1;;French cosmetics company
the-guardian;ORG;The Guardian;The Guardian;;Guardian;;;-1;;British newspaper
# --- football clubs (confirmed.tsv) ---
om;ORG;Olympique de Marseille;Olympique de Marseille;;OM|Olympique Marseille;;;-1;;French football club
ol;ORG;Olympique lyonnais;Olympique lyonnais;;OL|Olympique Lyonnais;;;-1;;French football club
as-monaco;ORG;AS Monaco;AS Monaco;;AS Monaco FC|ASM;;;-1;;football club of Monaco
losc;ORG;Lille OSC;Lille OSC;;LOSC|Losc|LOSC Lille;;;-1;;French football club
fc-nantes;ORG;FC Nantes;FC Nantes;;;;;-1;;French football club
stade-rennais;ORG;Stade rennais;Stade rennais;;Stade Rennais FC|Stade rennais FC;;;-1;;French football club
ogc-nice;ORG;OGC Nice;OGC Nice;;OGCN;;;-1;;French football club
manchester-united;ORG;Manchester United;Manchester United;;Manchester United FC|Man United;;;-1;;English football club
manchester-city;ORG;Manchester City;Manchester City;;Manchester City FC|Man City;;;-1;;English football club
liverpool-fc;ORG;Liverpool FC;Liverpool FC;;;;;-1;;English football club
arsenal;ORG;Arsenal;Arsenal;;Arsenal FC;;;-1;;English football club
chelsea;ORG;Chelsea;Chelsea;;Chelsea FC;;;-1;;English football club
tottenham;ORG;Tottenham Hotspur;Tottenham Hotspur;;Tottenham;;;-1;;English football club
bayern;ORG;Bayern Munich;Bayern Munich;;Bayern Munich|Bayern de Munich|FC Bayern Munich|Bayern;;;-1;;German football club
dortmund;ORG;Borussia Dortmund;Borussia Dortmund;;BVB;;;-1;;German football club
hamburger-sv;ORG;Hambourg SV;Hamburger SV;;HSV;;;-1;;German football club
juventus;ORG;Juventus;Juventus;;Juventus Turin|Juventus FC|Juve;;;-1;;Italian football club
ac-milan;ORG;AC Milan;AC Milan;;Milan AC;;;-1;;Italian football club
inter-milan;ORG;Inter Milan;Inter Milan;;Internazionale|Inter de Milan;;;-1;;Italian football club
napoli;ORG;SSC Naples;SSC Napoli;;Napoli;;;-1;;Italian football club
as-roma;ORG;AS Rome;AS Roma;;AS Roma;;;-1;;Italian football club
real-madrid;ORG;Real Madrid;Real Madrid;;;;;-1;;Spanish football club
fc-barcelone;ORG;FC Barcelone;FC Barcelona;;Barça|FC Barcelona|Barcelone FC;;;-1;;Spanish football club
ajax;ORG;Ajax Amsterdam;Ajax;;Ajax;;;-1;;Dutch football club
benfica;ORG;Benfica Lisbonne;Benfica;;Benfica;;;-1;;Portuguese football club
fc-porto;ORG;FC Porto;FC Porto;;;;;-1;;Portuguese football club
as-saint-etienne;ORG;AS Saint-Étienne;AS Saint-Étienne;;ASSE|AS Saint-Etienne;;;-1;;French football club
girondins-de-bordeaux;ORG;Girondins de Bordeaux;FC Girondins de Bordeaux;;FC Girondins de Bordeaux;;;-1;;French football club
atletico-madrid;ORG;Atlético Madrid;Atlético Madrid;;Atlético de Madrid|Atletico Madrid|Atlético;;;-1;;Spanish football club
fc-seville;ORG;FC Séville;Sevilla FC;;Séville FC|Sevilla FC;;;-1;;Spanish football club
valence-cf;ORG;Valence CF;Valencia CF;;Valencia CF|FC Valence;;;-1;;Spanish football club
lazio-rome;ORG;Lazio Rome;SS Lazio;;Lazio|SS Lazio;;;-1;;Italian football club
galatasaray;ORG;Galatasaray;Galatasaray;;Galatasaray SK;;;-1;;Turkish football club
bayer-leverkusen;ORG;Bayer Leverkusen;Bayer 04 Leverkusen;;Bayer 04 Leverkusen;;;-1;;German football club
rc-lens;ORG;RC Lens;RC Lens;;Racing Club de Lens;;;-1;;French football club
athletic-bilbao;ORG;Athletic Bilbao;Athletic Bilbao;;Athletic Club;;;-1;;Spanish football club
villarreal-cf;ORG;Villarreal CF;Villarreal CF;;;;;-1;;Spanish football club
rb-leipzig;ORG;RB Leipzig;RB Leipzig;;;;;-1;;German football club
schalke-04;ORG;Schalke 04;FC Schalke 04;;FC Schalke 04|Schalke;;;-1;;German football club
newcastle-united;ORG;Newcastle United;Newcastle United;;Newcastle United FC;;;-1;;English football club
aston-villa;ORG;Aston Villa;Aston Villa;;Aston Villa FC;;;-1;;English football club
fenerbahce;ORG;Fenerbahçe;Fenerbahçe;;Fenerbahce;;;-1;;Turkish football club
sporting-cp;ORG;Sporting Portugal;Sporting CP;;Sporting CP|Sporting Lisbonne|Sporting Clube de Portugal;;;-1;;Portuguese football club
psv-eindhoven;ORG;PSV Eindhoven;PSV Eindhoven;;PSV;;;-1;;Dutch football club
feyenoord;ORG;Feyenoord Rotterdam;Feyenoord;;Feyenoord;;;-1;;Dutch football club
celtic-glasgow;ORG;Celtic Glasgow;Celtic FC;;Celtic FC|Celtic;;;-1;;Scottish football club
club-bruges;ORG;Club Bruges;Club Brugge;;Club Brugge|FC Bruges;;;-1;;Belgian football club
al-nassr;ORG;Al-Nassr;Al-Nassr;;Al Nassr|Al-Nassr FC;;;-1;;Saudi football club
everton;ORG;Everton;Everton FC;;Everton FC;;;-1;;English football club
west-ham;ORG;West Ham United;West Ham United;;West Ham;;;-1;;English football club
eintracht-francfort;ORG;Eintracht Francfort;Eintracht Frankfurt;;Eintracht Frankfurt;;;-1;;German football club
fiorentina;ORG;Fiorentina;ACF Fiorentina;;ACF Fiorentina;;;-1;;Italian football club
# --- football clubs of the 2025–26 top flights, ids in confirmed.tsv (two files, 4 Dec 2026) ---
toulouse-fc;ORG;Toulouse FC;Toulouse FC;;TFC;;;-1;;French football club
rc-strasbourg;ORG;RC Strasbourg;RC Strasbourg Alsace;;Racing Club de Strasbourg|RC Strasbourg Alsace|RCSA|Racing Club de Strasbourg Alsace;;;-1;;French football club
aj-auxerre;ORG;AJ Auxerre;AJ Auxerre;;AJA|Association de la jeunesse auxerroise;;;-1;;French football club
fc-lorient;ORG;FC Lorient;FC Lorient;;;;;-1;;French football club
paris-fc;ORG;Paris FC;Paris FC;;;;;-1;;French football club
angers-sco;ORG;Angers SCO;Angers SCO;;SCO Angers|SCO;;;-1;;French football club
fc-metz;ORG;FC Metz;FC Metz;;;;;-1;;French football club
le-havre-ac;ORG;Le Havre AC;Le Havre AC;;HAC|Havre AC|Havre Athletic Club;;;-1;;French football club
stade-brestois;ORG;Stade brestois 29;Stade Brestois 29;;Stade brestois;;;-1;;French football club
fulham;ORG;Fulham;Fulham FC;;Fulham FC;;;-1;;English football club
sunderland;ORG;Sunderland;Sunderland AFC;;Sunderland AFC;;;-1;;English football club
brighton;ORG;Brighton & Hove Albion;Brighton & Hove Albion;;Brighton and Hove Albion;;;-1;;English football club
burnley;ORG;Burnley;Burnley FC;;Burnley FC;;;-1;;English football club
crystal-palace;ORG;Crystal Palace;Crystal Palace FC;;Crystal Palace FC;;;-1;;English football club
nottingham-forest;ORG;Nottingham Forest;Nottingham Forest FC;;Nottingham Forest FC;;;-1;;English football club
wolverhampton;ORG;Wolverhampton Wanderers;Wolverhampton Wanderers FC;;Wolves;;;-1;;English football club
bournemouth;ORG;AFC Bournemouth;AFC Bournemouth;;;;;-1;;English football club
brentford;ORG;Brentford;Brentford FC;;Brentford FC;;;-1;;English football club
leeds-united;ORG;Leeds United;Leeds United FC;;Leeds United FC;;;-1;;English football club
real-betis;ORG;Real Betis;Real Betis Balompié;;Betis Séville|Betis;;;-1;;Spanish football club
espanyol;ORG;Espanyol Barcelone;RCD Espanyol de Barcelona;;Espanyol|RCD Espanyol;;;-1;;Spanish football club
celta-vigo;ORG;Celta Vigo;RC Celta de Vigo;;Celta|Celta de Vigo;;;-1;;Spanish football club
getafe;ORG;Getafe CF;Getafe CF;;;;;-1;;Spanish football club
osasuna;ORG;Osasuna;CA Osasuna;;CA Osasuna|Atlético Osasuna;;;-1;;Spanish football club
real-sociedad;ORG;Real Sociedad;Real Sociedad;;;;;-1;;Spanish football club
rcd-majorque;ORG;RCD Majorque;RCD Mallorca;;Real Majorque;;;-1;;Spanish football club
girona;ORG;Gérone FC;Girona FC;;Girona FC|FC Gérone;;;-1;;Spanish football club
rayo-vallecano;ORG;Rayo Vallecano;Rayo Vallecano;;Rayo;;;-1;;Spanish football club
levante;ORG;Levante UD;Levante UD;;;;;-1;;Spanish football club
werder-breme;ORG;Werder Brême;Werder Bremen;;Werder Bremen|SV Werder Brême;;;-1;;German football club
vfb-stuttgart;ORG;VfB Stuttgart;VfB Stuttgart;;;;;-1;;German football club
vfl-wolfsbourg;ORG;VfL Wolfsbourg;VfL Wolfsburg;;VfL Wolfsburg;;;-1;;German football club
monchengladbach;ORG;Borussia Mönchengladbach;Borussia Mönchengladbach;;Gladbach;;;-1;;German football club
fc-cologne;ORG;FC Cologne;1. FC Köln;;1. FC Köln|FC Köln;;;-1;;German football club
mayence;ORG;FSV Mayence 05;1. FSV Mainz 05;;Mainz 05|FSV Mainz 05;;;-1;;German football club
sc-fribourg;ORG;SC Fribourg;SC Freiburg;;SC Freiburg;;;-1;;German football club
union-berlin;ORG;Union Berlin;1. FC Union Berlin;;FC Union Berlin;;;-1;;German football club
hoffenheim;ORG;Hoffenheim;TSG 1899 Hoffenheim;;TSG Hoffenheim|TSG 1899 Hoffenheim;;;-1;;German football club
sankt-pauli;ORG;FC Sankt Pauli;FC St. Pauli;;FC St. Pauli;;;-1;;German football club
# --- thirteenth pass of issue 13: companies and bodies confirmed by two public files (confirmed.tsv) ---
exxonmobil;ORG;ExxonMobil;ExxonMobil;;Exxon Mobil|Exxon;;;-1;;US oil group
citigroup;ORG;Citigroup;Citigroup;;Citi;;;-1;;US bank
visa;ORG;Visa;Visa Inc.;;Visa Inc.;;;-1;;US payments company
mastercard;ORG;Mastercard;Mastercard;;;;;-1;;US payments company
paypal;ORG;PayPal;PayPal;;;;;-1;;US payments company
berkshire-hathaway;ORG;Berkshire Hathaway;Berkshire Hathaway;;;;;-1;;US conglomerate
bayer;ORG;Bayer AG;Bayer;;groupe Bayer|?Bayer;;;-1;pharmaceutique|laboratoire|glyphosate|Monsanto|agrochimie|chimiste|médicament|médicaments;German pharmaceutical and agrochemical group ("le Bayer" of football reports is Leverkusen: the bare name needs its trade words)
novo-nordisk;ORG;Novo Nordisk;Novo Nordisk;;;;;-1;;Danish pharmaceutical company
johnson-johnson;ORG;Johnson & Johnson;Johnson & Johnson;;J&J;;;-1;;US health-care company
warner-bros;ORG;Warner Bros.;Warner Bros.;;Warner Bros|Warner Bros. Pictures;;;-1;;US film studio
paramount-pictures;ORG;Paramount Pictures;Paramount Pictures;;;;;-1;;US film studio
nba;ORG;NBA;National Basketball Association;;National Basketball Association;;;-1;;North American basketball league
academie-francaise;ORG;Académie française;Académie française;;;;;-1;;French academy
decathlon;ORG;Decathlon;Decathlon;;;;;-1;;French sporting-goods retailer
merck-co;ORG;Merck & Co.;Merck & Co.;;Merck & Co;;;-1;;US pharmaceutical company (not Merck KGaA: no bare "Merck")
netflix;ORG;Netflix;Netflix;;Netflix Inc;;;-1;;US streaming company
nasa;ORG;NASA;National Aeronautics and Space Administration;;Nasa|National Aeronautics and Space Administration;;;-1;;US space agency
honda;ORG;Honda;Honda Motor Co.;;Honda Motor|Honda Motor Co.;;;-1;;Japanese vehicle manufacturer
louis-vuitton;ORG;Louis Vuitton;Louis Vuitton;;maison Louis Vuitton;;;-1;;French fashion house (LVMH)
nyse;ORG;Bourse de New York;New York Stock Exchange;;New York Stock Exchange|NYSE;;;-1;;US stock exchange
nasdaq;ORG;Nasdaq;Nasdaq;;NASDAQ|Nasdaq Stock Market|Bourse du Nasdaq;;;-1;;US stock exchange
harvard;ORG;université Harvard;Harvard University;;Harvard University|université de Harvard|Harvard;;;-1;;US university
mit;ORG;Massachusetts Institute of Technology;Massachusetts Institute of Technology;;MIT|Institut de technologie du Massachusetts;;;-1;;US university
stanford;ORG;université Stanford;Stanford University;;Stanford University|université de Stanford|Stanford;;;-1;;US university
oxford-university;ORG;université d'Oxford;University of Oxford;;University of Oxford|université Oxford;;;-1;;British university
cambridge-university;ORG;université de Cambridge;University of Cambridge;;University of Cambridge|université Cambridge;;;-1;;British university
anthropic;ORG;Anthropic;Anthropic;;Anthropic PBC;;;-1;;US AI company
spotify;ORG;Spotify;Spotify;;;;;-1;;Swedish music streaming company
sony;ORG;Sony;Sony Group Corporation;;Sony Group|Sony Corporation|groupe Sony;;;-1;;Japanese group
nintendo;ORG;Nintendo;Nintendo;;Nintendo Co., Ltd.;;;-1;;Japanese video-game company
hyundai;ORG;Hyundai;Hyundai Motor Company;;Hyundai Motor Company|Hyundai Motor;;;-1;;South Korean car maker
carrefour;ORG;Carrefour;Carrefour;;groupe Carrefour;;;-1;;French retail group
chanel;ORG;Chanel;Chanel;;maison Chanel;;;-1;;French fashion house
dior;ORG;Dior;Christian Dior;;maison Dior|Christian Dior Couture;;;-1;;French fashion house
goldman-sachs;ORG;Goldman Sachs;The Goldman Sachs Group;;The Goldman Sachs Group;;;-1;;US investment bank
jpmorgan-chase;ORG;JPMorgan Chase;JPMorgan Chase;;JPMorgan|JP Morgan|JPMorgan Chase & Co.|JP Morgan Chase;;;-1;;US bank
blackrock;ORG;BlackRock;BlackRock;;BlackRock Inc;;;-1;;US asset manager
astrazeneca;ORG;AstraZeneca;AstraZeneca;;;;;-1;;pharmaceutical company
unilever;ORG;Unilever;Unilever;;;;;-1;;British consumer-goods company
pepsico;ORG;PepsiCo;PepsiCo;;PepsiCo, Inc.;;;-1;;US food and drinks company
alibaba;ORG;Alibaba;Alibaba Group;;Alibaba Group|groupe Alibaba;;;-1;;Chinese company
tencent;ORG;Tencent;Tencent;;;;;-1;;Chinese company
byd;ORG;BYD;BYD Auto;;BYD Auto;;;-1;;Chinese car maker
bytedance;ORG;ByteDance;ByteDance;;;;;-1;;Chinese company (owner of TikTok)
instagram;ORG;Instagram;Instagram;;;;;-1;;social network
whatsapp;ORG;WhatsApp;WhatsApp;;;;;-1;;messaging service
youtube;ORG;YouTube;YouTube;;;;;-1;;video platform
airbnb;ORG;Airbnb;Airbnb;;;;;-1;;US accommodation platform
volvo-cars;ORG;Volvo Cars;Volvo Cars;;;;;-1;;Swedish car maker (not AB Volvo: no bare "Volvo")
porsche;ORG;Porsche;Porsche;;Porsche AG;;;-1;;German car maker
tsmc;ORG;TSMC;Taiwan Semiconductor Manufacturing Company;;Taiwan Semiconductor Manufacturing Company;;;-1;;Taiwanese chip maker
amd;ORG;AMD;Advanced Micro Devices;;Advanced Micro Devices;;;-1;;US chip company
ibm;ORG;IBM;International Business Machines;;International Business Machines;;;-1;;US computer company
oracle;ORG;Oracle;Oracle Corporation;;Oracle Corporation;;;-1;;US software company
qualcomm;ORG;Qualcomm;Qualcomm;;;;;-1;;US chip company
adidas;ORG;Adidas;Adidas AG;;Adidas AG;;;-1;;German sportswear company
nike;ORG;Nike;Nike Inc.;;Nike Inc.;;;-1;;US sportswear company
citroen;ORG;Citroën;Citroën;;Citroen;;;-1;;French car maker (Stellantis)
general-motors;ORG;General Motors;General Motors;;GM;;;-1;;US car maker
audi;ORG;Audi;Audi AG;;Audi AG;;;-1;;German car maker
bosch;ORG;Bosch;Robert Bosch GmbH;;Robert Bosch GmbH|groupe Bosch;;;-1;;German industrial group
sap;ORG;SAP;SAP SE;;SAP SE;;;-1;;German software company
moderna;ORG;Moderna;Moderna, Inc.;;;;;-1;;US biotech company
"""


def strip_accents(text):
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


ARTICLES = ("le ", "la ", "les ", "l'", "the ")


def alias_key(text):
    """Approximation of the Rust normalization (src/link/normalize.rs), used only to find
    collisions between generated aliases; the Rust loader is the authority."""
    t = strip_accents(text.lstrip("?")).lower().replace("’", "'").replace("‘", "'")
    t = re.sub(r"[.]", "", t)
    t = re.sub(r"[-‐–—_/,;:()\"«»]", " ", t)
    t = re.sub(r"\s+", " ", t).strip()
    for art in ARTICLES:
        if t.startswith(art) and len(t) > len(art):
            t = t[len(art):].lstrip()
            break
    return t


def feminine_and_plurals(masc):
    """nord-coréen -> nord-coréen, nord-coréenne, nord-coréens, nord-coréennes."""
    if masc.endswith(("en", "on")):
        fem = masc + "ne"
    elif masc.endswith("e"):
        fem = masc
    elif masc.endswith("c") and masc.endswith("grec"):
        fem = masc + "que"
    elif masc.endswith("turc"):
        fem = "turque"
    else:
        fem = masc + "e"

    def plural(w):
        return w if w.endswith(("s", "x")) else w + "s"

    forms = [masc, fem, plural(masc), plural(fem)]
    return list(dict.fromkeys(forms))


def qid_or_empty(raw, where):
    raw = raw.strip()
    if raw.endswith("?"):
        return ""  # unverified guess: never published
    if raw and not re.fullmatch(r"Q[1-9][0-9]*", raw):
        sys.exit(f"{where}: bad QID {raw!r}")
    return raw


def french_iso_names(fr, country):
    """ISO short name and official name in French, cleaned of the ISO ", République de" style."""
    out = []
    for attr in ("name", "official_name", "common_name"):
        english = getattr(country, attr, None)
        if not english:
            continue
        french = fr.gettext(english)
        if not french or french == english and attr != "name" or "Project-Id-Version" in french:
            continue
        for candidate in (french, english):
            cut = re.split(r"[(,]", candidate)[0].strip()
            if cut:
                out.append(cut)
    return out


def country_rows(src):
    fr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
    priorities = {"GE": "1"}  # Géorgie the country beats the US state
    rows = []
    seen = set()
    for line in COUNTRIES.strip().splitlines():
        code, name, qid, extra, demonym, capital = (line.split(";") + [""] * 6)[:6]
        country = pycountry.countries.get(alpha_2=code)
        name_en = (getattr(country, "common_name", None) or country.name) if country else ""
        iso = french_iso_names(fr, country) if country else []
        aliases = [a for a in extra.split("|") if a] + iso + [code] * 0
        desc = "country" if code not in TERRITORIES else "territory"
        if capital:
            desc += f"; capital: {capital}"
        claim = qid_or_empty(qid, f"country {code}")
        sourced = src.country_qid(code)
        if claim and sourced and claim != sourced:
            print(f"country {code}: claimed {claim}, sources say {sourced} (sources win)")
        source_names = src.country_french_names(code)
        aliases += source_names
        rows.append({
            "id": slug(name), "type": "LOC", "name": name, "name_en": name_en,
            "wikidata": sourced, "aliases": aliases,
            "iso_aliases": set(iso) | set(source_names), "demonyms": feminine_and_plurals(demonym) if demonym else [],
            "metonym": "ORG", "priority": priorities.get(code, ""), "context": "",
            "description": f"{desc} (ISO 3166-1 {code})",
        })
        seen.add(code)
    # Remaining ISO entries (small territories): French ISO name, no QID.
    for country in pycountry.countries:
        if country.alpha_2 in seen or country.alpha_2 in ("AQ", "SX"):  # AQ: hand-written row; SX: name clash with MF
            continue
        iso = french_iso_names(fr, country)
        if not iso:
            continue
        rows.append({
            "id": slug(iso[0]) + "-" + country.alpha_2.lower(), "type": "LOC", "name": iso[0],
            "name_en": country.name, "wikidata": src.country_qid(country.alpha_2),
            "aliases": iso[1:], "iso_aliases": set(iso),
            "demonyms": [], "metonym": "", "priority": "", "context": "",
            "description": f"territory (ISO 3166-1 {country.alpha_2})",
        })
    return rows


TERRITORIES = {"HK", "MO", "GL", "PR", "NC", "PF", "RE", "MQ", "GP", "GF", "YT", "EH"}


def slug(text):
    return re.sub(r"[^a-z0-9]+", "-", strip_accents(text).lower()).strip("-")


def manual_rows(block, origin):
    rows = []
    for n, line in enumerate(block.strip().splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        fields = line.split(";")
        if len(fields) != 11:
            sys.exit(f"{origin} line {n}: {len(fields)} fields, expected 11: {line}")
        rid, typ, name, name_en, qid, aliases, demonyms, meto, prio, ctx, desc = fields
        rows.append({
            "id": rid, "type": typ, "name": name, "name_en": name_en,
            "wikidata": "", "claim": qid_or_empty(qid.rstrip("?"), f"{origin} {rid}"),
            "aliases": [a for a in aliases.split("|") if a], "iso_aliases": set(),
            "demonyms": [f for d in demonyms.split("|") if d for f in feminine_and_plurals(d)],
            "metonym": meto, "priority": prio, "context": ctx, "description": desc, "hand": True,
        })
    return rows


def sourced_only(rows):
    """SOURCED_ORGS rows are published only with the QID a source gives them (adopt_source_qids)."""
    for r in rows:
        if r["claim"]:
            sys.exit(f"SOURCED_ORGS {r['id']}: no QID claims here, the source gives the id")
        r["sourced_only"] = True
    return rows


def drop_colliding_iso_aliases(rows):
    """An ISO-derived alias that another row of the same type also claims is dropped from
    the ISO side (hand-written aliases win; two ISO names colliding are both dropped)."""
    owners = {}
    for i, row in enumerate(rows):
        for a in [row["name"], row["name_en"]] + row["aliases"]:
            owners.setdefault((row["type"], alias_key(a)), set()).add(i)
    for row in rows:
        kept = []
        for a in row["aliases"]:
            if a in row["iso_aliases"] and len(owners[(row["type"], alias_key(a))]) > 1:
                print(f"dropping ISO alias {a!r} of {row['id']} (claimed by another row)")
                continue
            kept.append(a)
        row["aliases"] = kept


def dedupe(values, also_skip=()):
    seen = {alias_key(v) for v in also_skip}
    out = []
    for v in values:
        k = alias_key(v)
        if k and k not in seen:
            seen.add(k)
            out.append(v)
    return out


def read_source(name):
    path = SOURCES / name
    if not path.exists():
        sys.exit(f"missing {path.relative_to(ROOT)}: run scripts/extract_kb_sources.py (see its docstring)")
    lines = [line.rstrip("\n") for line in path.open(encoding="utf-8") if not line.startswith("#") and line.strip()]
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"))) for line in lines[1:]]


def qid_number(qid):
    return int(qid[1:])


# A city id of the Countries States Cities database is trusted only below this number:
# the database's wrong city ids are mostly recent items (districts, municipalities, list
# articles) with large numbers, while the items of established cities are old and small.
CITY_QID_MAX = 1_000_000
# Foreign cities below this population (and not capitals) are linked only when their
# context (their country, linked in the same document) is present.
CITY_FREE_POPULATION = 1_000_000
# Cities below this population are not included.
CITY_MIN_POPULATION = 100_000
# Divisions of countries outside STATE_COUNTRIES: measured on HIPE-2020 dev they add
# in-table mentions written in old French forms that no context rule recovers (in-table
# accuracy 0.920 -> 0.893), so they stay out of the built-in table.
INCLUDE_MINOR_DIVISIONS = False
# The database's French city names are partly machine translations of the name's words
# ("Plage" for Praia, "Soleil", "Garçon", "Je ne sais pas"): a French name unlike both the
# English and the native name is used only for cities this large (Pékin, Canton), where
# the exonym is established.
TRANSLATION_TRUSTED_POPULATION = 5_000_000
# Divisions of these countries are included (French ones always).
STATE_COUNTRIES = {"BE", "CA", "CH", "US"}
# French names of divisions whose source name is English or German (names, not ids).
STATE_FRENCH = {
    "CH-AG": "Argovie", "CH-AR": "Appenzell Rhodes-Extérieures", "CH-AI": "Appenzell Rhodes-Intérieures",
    "CH-BL": "Bâle-Campagne", "CH-BS": "Bâle-Ville", "CH-BE": "canton de Berne", "CH-FR": "canton de Fribourg",
    "CH-GE": "canton de Genève", "CH-GL": "Glaris", "CH-GR": "Grisons", "CH-JU": "canton du Jura",
    "CH-LU": "canton de Lucerne", "CH-NE": "canton de Neuchâtel", "CH-NW": "Nidwald", "CH-OW": "Obwald",
    "CH-SH": "Schaffhouse", "CH-SZ": "Schwytz", "CH-SO": "Soleure", "CH-SG": "Saint-Gall", "CH-TG": "Thurgovie",
    "CH-TI": "Tessin", "CH-UR": "Uri", "CH-VS": "Valais", "CH-VD": "Vaud", "CH-ZG": "Zoug", "CH-ZH": "canton de Zurich",
    "BE-VAN": "province d'Anvers", "BE-BRU": "Région de Bruxelles-Capitale", "BE-VOV": "Flandre-Orientale",
    "BE-VLG": "Flandre", "BE-VBR": "Brabant flamand", "BE-WHT": "Hainaut", "BE-WLG": "province de Liège",
    "BE-VLI": "Limbourg", "BE-WLX": "province de Luxembourg", "BE-WNA": "province de Namur", "BE-WAL": "Wallonie",
    "BE-WBR": "Brabant wallon", "BE-VWV": "Flandre-Occidentale",
    "CA-BC": "Colombie-Britannique", "CA-NB": "Nouveau-Brunswick", "CA-NL": "Terre-Neuve-et-Labrador",
    "CA-NT": "Territoires du Nord-Ouest", "CA-NS": "Nouvelle-Écosse", "CA-PE": "Île-du-Prince-Édouard",
    "CA-QC": "Québec",
    "US-AS": "Samoa américaines", "US-CA": "Californie", "US-DC": "district de Columbia", "US-FL": "Floride",
    "US-GA": "Géorgie", "US-HI": "Hawaï", "US-LA": "Louisiane", "US-NM": "Nouveau-Mexique",
    "US-NY": "État de New York", "US-NC": "Caroline du Nord", "US-ND": "Dakota du Nord",
    "US-MP": "Îles Mariannes du Nord", "US-PA": "Pennsylvanie", "US-SC": "Caroline du Sud",
    "US-SD": "Dakota du Sud", "US-UM": "Îles mineures éloignées des États-Unis", "US-VI": "Îles Vierges des États-Unis",
    "US-VA": "Virginie", "US-WA": "État de Washington", "US-WV": "Virginie-Occidentale",
}
# Extra French forms (aliases) of some divisions.
STATE_FRENCH_ALIASES = {
    "BE-VLG": ["Flandres"], "BE-WAL": ["Région wallonne"], "US-DC": ["Washington D.C."],
    "US-PA": ["Pennsylvania"], "CA-QC": ["province de Québec"],
}
# Rows whose source-confirmed id is withheld on purpose: the bare name means another entity
# as often in the press frner reads.
WITHHELD = {
    "napoleon": "bare 'Napoléon' in the historic press is as often Napoleon III "
                "(HIPE-2020 dev: 2 wrong links with Q517)",
    "prusse": "the HIPE gold links 'Prusse' to the Kingdom of Prussia or to Prussia by period "
              "(Q918723 outside the dev set, Q38872 in an 1818 dev document)",
    "amerique": "bare 'Amérique' is the Americas, North America or the United States by "
                "context (HIPE-2020 dev gold: Q49 twice, Q828 once; Q828 confirmed by two files)",
}
# Source ids contradicted by another public source: not published.
DISPUTED = {
    "Q12724": "Ticino canton: the HIPE-2020 gold annotation links Tessin to Q31008",
}
# The first word of a hand-written place's description names its country.
NATIONALITY_ISO = {"French": "FR", "German": "DE", "Italian": "IT", "Spanish": "ES", "English": "GB",
                   "Scottish": "GB", "Swiss": "CH", "Brazilian": "BR", "Australian": "AU", "US": "US",
                   "American": "US", "Canadian": "CA", "Ukrainian": "UA", "Russian": "RU", "Dutch": "NL",
                   "Israeli": "IL", "Moroccan": "MA", "Chinese": "CN", "Indian": "IN", "Belgian": "BE"}
# Description words of hand-written rows that may receive a division's or a city's id.
DIVISION_WORDS = ("region", "department", "canton", "province", "state", "territory", "collectivity")
CITY_WORDS = ("city", "capital", "town")


class Sources:
    """The Wikidata-derived facts of data/kb-sources/, indexed for the build."""

    def __init__(self):
        self.countries = {r["iso2"]: r for r in read_source("countries.tsv")}
        self.states = read_source("states.tsv")
        self.cities = read_source("cities.tsv")
        self.confirmed = read_source("confirmed.tsv")
        self.people = read_source("people.tsv")
        self.organisations = read_source("organisations.tsv")
        # French communes of 20,000 inhabitants and more (scripts/extract_communes.py): the
        # QID column holds only ids that two sources agree on.
        self.communes = read_source("communes.tsv")
        # Cities of a Wikidata query export (scripts/extract_wikidata_cities.py): a label is
        # used only where it names one item of the export.
        self.export_cities = read_source("wikidata-cities.tsv")
        export_qids = {}
        for r in self.export_cities:
            export_qids.setdefault(alias_key(r["label"]), set()).add(r["qid"])
        self.export_city_by_key = {k: next(iter(q)) for k, q in export_qids.items() if len(q) == 1}
        self.export_cities_by_key = {}
        for r in self.export_cities:
            self.export_cities_by_key.setdefault(alias_key(r["label"]), []).append(r)
        # Labels that differ only by accents or case ("Los Angeles", "Los Ángeles") are told
        # apart by the exact label.
        exact = {}
        for r in self.export_cities:
            exact.setdefault(r["label"], set()).add(r["qid"])
        self.export_city_by_label = {k: next(iter(q)) for k, q in exact.items() if len(q) == 1}
        # HIPE gold links outside the dev set (scripts/extract_hipe_links.py): (type, name key)
        # -> {QID: mentions}. Only a name every mention of which links to one id is used.
        self.hipe = {}
        for r in read_source("hipe-links.tsv"):
            per = self.hipe.setdefault((r["type"], alias_key(r["surface"])), {})
            per[r["qid"]] = per.get(r["qid"], 0) + int(r["mentions"])
        self.hipe_unanimous = {k: (next(iter(q)), n) for k, q in self.hipe.items()
                               if len(q) == 1 for n in q.values()}
        state_qids = {r["qid"] for r in self.states}
        # QID -> normalized names the sources pair it with.
        self.names = {}
        for r in self.countries.values():
            for q in (r["qid_csc"], r["qid_ne"]):
                if q:
                    self._pair(q, r["name_en"], r["name_fr_csc"], r["name_fr_ne"], r["native"])
        for r in self.states:
            self._pair(r["qid"], r["name"], r["native"])
        for r in self.cities:
            if qid_number(r["qid"]) < CITY_QID_MAX:
                self._pair(r["qid"], r["name"], r["name_fr"], r["native"])
        self.hand_names = {}
        for r in self.people:
            self._pair(r["qid"], r["name"])
        for r in self.organisations:
            self._pair(r["qid"], r["name"])
        for r in self.communes:
            if r["qid"]:
                self._pair(r["qid"], r["name"])
        for r in self.export_cities:
            if self.export_city_by_key.get(alias_key(r["label"])) == r["qid"]:
                self._pair(r["qid"], r["label"])
        for (_, key), (qid, _) in self.hipe_unanimous.items():
            self.names.setdefault(qid, set()).add(key)
        # Organisations of the name-suggestion-index: English Wikidata label per QID.
        self.nsi = read_source("nsi.tsv")
        self.nsi_by_key = {}
        for r in self.nsi:
            self._pair(r["qid"], r["label"])
            self.nsi_by_key.setdefault(alias_key(r["label"]), []).append(r)
        for r in self.confirmed:
            self._pair(r["qid"], *r["names"].split("|"))
            for n in r["names"].split("|"):
                self.nsi_by_key.setdefault(alias_key(n), []).append(
                    {"qid": r["qid"], "label": n, "description": "confirmed.tsv", "confirmed": True})
            self.hand_names.setdefault(r["qid"], set()).update(alias_key(n) for n in r["names"].split("|"))
        # French records of the Research Organization Registry (scripts/extract_ror.py):
        # normalized name -> {QID: ROR ids}; records giving several ids are not used.
        self.ror = read_source("ror.tsv")
        self.ror_by_key = {}
        for r in self.ror:
            if "|" in r["qid"]:
                continue
            self._pair(r["qid"], *r["names"].split("|"))
            for n in r["names"].split("|"):
                self.ror_by_key.setdefault(alias_key(n), {}).setdefault(r["qid"], []).append(r["ror"])
        self.state_qids = state_qids
        counts = {}
        for r in self.states:
            counts[r["qid"]] = counts.get(r["qid"], 0) + 1
        # A QID the division table gives to two divisions is wrong for at least one of them.
        self.shared_state_qids = {q for q, n in counts.items() if n > 1}

    def _pair(self, qid, *names):
        keys = self.names.setdefault(qid, set())
        keys.update(alias_key(n) for n in names if n)

    def country_qid(self, iso2):
        r = self.countries.get(iso2)
        if not r:
            return ""
        a, b = r["qid_csc"], r["qid_ne"]
        if a and a == b:
            return a
        if a and not b and a in self.state_qids:
            return a  # a French overseas region, say: also a division of its sovereign state
        if b and not a:
            return b
        if a or b:
            print(f"country {iso2}: sources disagree ({a} / {b}): no QID")
        return ""

    def country_french_names(self, iso2):
        r = self.countries.get(iso2)
        if not r:
            return []
        return [n for n in (r["name_fr_ne"], r["name_fr_csc"]) if n]

    def confirms(self, qid, names):
        """Whether a source pairs `qid` with one of `names` (descriptors such as "canton de"
        dropped on both sides)."""
        keys = self.names.get(qid)
        if not keys:
            return False
        core = {core_key(k) for k in keys}
        return any(alias_key(n) in keys or core_key(alias_key(n)) in core for n in names if n)


DESCRIPTORS = re.compile(r"^(canton|departement|region|province|etat|state|ville|city|lac|lake|republique et canton)"
                         r"( of| de la| de l| du| des| de| d)? ")


def core_key(key):
    return DESCRIPTORS.sub("", key)


def confirm_claims(rows, src):
    """Publishes a hand-written QID claim only when a source pairs it with the row's name."""
    dropped = []
    for r in rows:
        if r.get("sourced") or not r["claim"]:
            continue
        names = [r["name"], r["name_en"]] + r["aliases"]
        if src.confirms(r["claim"], names):
            r["wikidata"] = r["claim"]
        else:
            dropped.append(f"{r['id']} {r['claim']}")
    if dropped:
        print(f"{len(dropped)} hand-written QID claims not confirmed by a source (published without QID): "
              + ", ".join(dropped))


def similar(a, b):
    """Whether two names are spelling variants of each other rather than a translation."""
    if not a or not b:
        return False
    return difflib.SequenceMatcher(None, alias_key(a), alias_key(b)).ratio() >= 0.6


def latin(text):
    return all(unicodedata.name(c, "").startswith(("LATIN", "SPACE", "HYPHEN", "APOSTROPHE", "DIGIT"))
               or c in "'’-. ()" for c in text)


def describes(row, kinds):
    """Whether a row's description has one of the words `kinds` ("capital of the United
    States" is a city, not a state: whole words only)."""
    return any(re.search(rf"\b{k}\b", row["description"].lower()) for k in kinds)


def export_city_rows(rows, src):
    """A hand-written city row that no source gave an id receives the item of the Wikidata
    query export whose label is its English (or French) name, when that label names one item
    of the export and no other row has it ("Rome", "Madrid", "Munich": the Countries States
    Cities snapshot lacks the cities of twelve countries)."""
    used = {r["wikidata"] for r in rows if r["wikidata"]}
    adopted = []
    for r in rows:
        if r["type"] != "LOC" or r["wikidata"] or not describes(r, CITY_WORDS):
            continue
        qids = {src.export_city_by_key.get(alias_key(n)) or src.export_city_by_label.get(n)
                for n in (r["name_en"], r["name"]) if n}
        qids.discard(None)
        if len(qids) != 1:
            continue
        qid = qids.pop()
        if qid in used or qid in DISPUTED:
            continue
        r["wikidata"] = qid
        used.add(qid)
        adopted.append(f"{r['id']}={qid}")
    if adopted:
        print(f"wikidata-cities.tsv: {len(adopted)} hand-written city rows took the export's QID: {', '.join(adopted)}")


def rows_by_country(rows):
    """ISO 3166-1 alpha-2 code -> the row of that country (its description names the code)."""
    by_code = {}
    for r in rows:
        m = re.search(r"\(ISO 3166-1 ([A-Z]{2})\)", r["description"])
        if m:
            by_code[m.group(1)] = r
    return by_code


# A city of the export this large whose label WikiNEuRal fr train never uses otherwise (no
# person, organisation or lowercase word "Düsseldorf", "Houston") links without context.
EXPORT_FREE_POPULATION = 500_000
# French names of large cities the Wikidata export names in English (names, not ids).
EXPORT_CITY_FRENCH = {
    "Philadelphia": "Philadelphie", "Kolkata": "Calcutta", "Chennai": "Madras",
    "Varanasi": "Bénarès", "City of Cape Town": "Le Cap", "Yekaterinburg": "Iekaterinbourg",
    "Novosibirsk": "Novossibirsk", "Ufa": "Oufa", "Krasnoyarsk": "Krasnoïarsk",
    "Voronezh": "Voronej", "Chelyabinsk": "Tcheliabinsk", "Nizhny Novgorod": "Nijni Novgorod",
    "Rostov-on-Don": "Rostov-sur-le-Don", "New Orleans": "La Nouvelle-Orléans",
    "Ürümqi": "Ouroumtsi", "Saint Petersburg": "Saint-Pétersbourg", "Dresden": "Dresde",
    "Duisburg": "Duisbourg",
}


def export_country_rows(rows, src):
    """Rows for the cities of the Wikidata export (100,000 inhabitants and more) whose item the
    Countries States Cities sdist gives to one city of that name, with its country: the cities of
    the twelve countries the snapshot lacks (Houston, Melbourne, Novosibirsk, Tianjin). As for the
    snapshot's cities: a name another place row uses stays with it; below CITY_FREE_POPULATION (or
    TRANSLATION_TRUSTED_POPULATION for a one-word name, often a common word or a surname:
    "Mobile", "Van", "Phoenix"), unless it is above EXPORT_FREE_POPULATION with no other use in
    WikiNEuRal, the name links only where its country or state is linked in the same document."""
    taken = {r["wikidata"] for r in rows if r["wikidata"]}
    by_qid = {r["wikidata"]: r for r in rows if r["wikidata"]}
    place_keys = set()
    for r in rows:
        if r["type"] == "LOC":
            place_keys |= {alias_key(n.lstrip("?")) for n in [r["name"], r["name_en"]] + r["aliases"] if n}
    country_row = rows_by_country(rows)
    division_qid = {st["code"]: st["qid"] for st in src.states}
    ids = {r["id"] for r in rows}
    out = []
    for c in src.export_cities:
        qid, label, country = c["qid"], c["label"], c.get("country", "")
        population = int(c["population"] or 0)
        if not country or qid in taken or qid in DISPUTED or population < CITY_MIN_POPULATION:
            continue
        if src.export_city_by_key.get(alias_key(label)) != qid:
            continue  # the export gives the label to several items ("Hyderabad", "Yulin")
        owner = country_row.get(country)
        english = re.sub(r"^City of ", "", label)
        french = EXPORT_CITY_FRENCH.get(label, english)
        names = dedupe([french, english, label])
        if any(alias_key(n) in place_keys for n in names):
            continue  # a place row of that name (another item, or none) keeps it
        if owner and any(alias_key(n) in {alias_key(owner["name"]), alias_key(owner["name_en"])} for n in names):
            continue
        one_word = len(alias_key(french).split()) == 1
        free = (population >= (TRANSLATION_TRUSTED_POPULATION if one_word else CITY_FREE_POPULATION)
                or (population >= EXPORT_FREE_POPULATION and c.get("other") == "0"))
        mark = "" if free else "?"
        state = by_qid.get(division_qid.get(c.get("division", ""), ""))
        context = [f"@{x['id']}" for x in (owner, state) if x]
        rid = slug(f"{country.lower()}-{english}")
        if rid in ids:
            rid = f"{rid}-{qid.lower()}"
        ids.add(rid)
        taken.add(qid)
        place_keys |= {alias_key(n) for n in names}
        out.append({
            "id": rid, "type": "LOC", "name": mark + french, "name_en": "", "wikidata": qid, "claim": "",
            "aliases": [mark + n for n in names[1:]], "iso_aliases": set(), "demonyms": [],
            "metonym": "", "priority": "-1", "context": "|".join(context),
            "description": f"city of {owner['name'] if owner else country} (population {population})",
        })
    print(f"wikidata-cities.tsv: {len(out)} city rows for items the CSC sdist places in a country "
          f"({sum(1 for r in out if not r['name'].startswith('?'))} linked without context)")
    return out


def generated_rows(rows, src):
    """Rows from the sources for divisions and cities the hand-written rows lack. A hand row
    with the same name and no confirmed QID receives the source's QID instead."""
    by_qid = {r["wikidata"]: r for r in rows if r["wikidata"]}
    by_key = {}
    for r in rows:
        if r["type"] == "LOC":
            for n in [r["name"], r["name_en"]] + r["aliases"]:
                by_key.setdefault(alias_key(n), []).append(r)
    country_row = rows_by_country(rows)
    out = []
    ids = {r["id"] for r in rows}
    country_names = sorted(((r["name_en"], iso) for iso, r in src.countries.items() if r["name_en"]),
                           key=lambda x: -len(x[0]))

    def row_country(r):
        """The country a hand-written place's description names: its first word ("French
        city", "US city") or "of/in [the] <country>" ("capital of Italy"); None if neither."""
        first = r["description"].split(" ", 1)[0]
        if first in NATIONALITY_ISO:
            return NATIONALITY_ISO[first]
        for name, iso in country_names:
            if re.search(rf"\b(of|in) (the )?{re.escape(name)}\b", r["description"]):
                return iso
        return None

    def adopt(qid, names, kinds, country):
        """A hand row named like the source entity and described as the same kind of place
        (`kinds`: words of its description) in the same country: give it the QID if it has
        none (the French "Brest" row once took the id of Brest in Belarus)."""
        for n in names:
            if len(alias_key(n)) < 3:
                continue  # "Lá" (native name of Ondjiva, Angola) is not "L.A."
            for r in by_key.get(alias_key(n), []):
                if not describes(r, kinds):
                    continue
                if (row_country(r) or country) != country:
                    continue
                if not r["wikidata"] and (not r["claim"] or r["claim"] == qid or not by_qid.get(r["claim"])):
                    r["wikidata"] = qid
                    by_qid[qid] = r
                    return True
                if r["wikidata"] == qid:
                    return True
        return False

    def new_id(base):
        rid = base
        n = 2
        while rid in ids:
            rid = f"{base}-{n}"
            n += 1
        ids.add(rid)
        return rid

    # French regions, departments and overseas collectivities.
    for st in src.states:
        country = st["country"]
        # Divisions of other countries are linked only in context (their country linked in
        # the same document): their names are English or native, often shared with towns.
        minor = country != "FR" and country not in STATE_COUNTRIES
        if minor and not INCLUDE_MINOR_DIVISIONS:
            continue
        qid = st["qid"]
        if qid in by_qid or qid in DISPUTED:
            continue
        french_name = STATE_FRENCH.get(st["code"], st["name"])
        if qid in src.shared_state_qids and not (
                {alias_key(french_name), alias_key(st["name"])} & src.hand_names.get(qid, set())):
            print(f"division {st['code']} {st['name']}: {qid} shared with another division and not confirmed: no QID")
            qid = ""
        names = dedupe([french_name, st["name"]] + STATE_FRENCH_ALIASES.get(st["code"], [])
                       + ([st["native"]] if country == "FR" and st["native"] else []))
        if adopt(qid, names, DIVISION_WORDS, country):
            continue
        owner = country_row.get(country)
        kind = st["type"] or "division"
        french = country == "FR"
        ctx = "" if french else (f"@{owner['id']}" if owner else "")
        desc = (f"French {kind} ({st['code']})" if french
                else f"{kind} of {owner['name'] if owner else country} ({st['code']})")
        row = {
            "id": new_id(slug(("fr-" if french else country.lower() + "-") + french_name)),
            "type": "LOC", "name": french_name, "name_en": "", "wikidata": qid, "claim": "",
            "aliases": [n for n in names[1:] if alias_key(n) not in by_key], "iso_aliases": set(),
            "demonyms": [], "metonym": "",
            "priority": "" if french else "-1", "context": ctx, "description": desc,
        }
        if any(alias_key(n) in by_key for n in names[:1]):
            if not french:
                continue  # "Luxembourg" the Belgian province: the existing row keeps the name
            # "Rhône", "Vienne", "Jura": the river, the capital or the hand-written region
            # keeps the bare name; the department needs the word in the document.
            row["name"] = "?" + row["name"]
            row["priority"] = "-1"
            row["context"] = ""  # no context: the bare name never links, the forms below do
        if french and "department" in kind:
            bare = st["name"]
            row["aliases"] = [f"département {p}{bare}" for p in ("de ", "du ", "de la ", "des ", "de l'")]
        if minor:
            row["name"] = "?" + row["name"].lstrip("?")
            row["aliases"] = ["?" + a.lstrip("?") for a in row["aliases"]]
        out.append(row)
        if qid:
            by_qid[qid] = row
    # Cities (capitals and large cities) of the countries the city table covers.
    capitals = {r["iso2"]: alias_key(r["capital_en"]) for r in src.countries.values() if r["capital_en"]}
    for c in src.cities:
        qid = c["qid"]
        population = int(c["population"] or 0)
        capital = c["type"] == "capital" and capitals.get(c["country"]) == alias_key(c["name"])
        if qid in by_qid or qid in DISPUTED or qid_number(qid) >= CITY_QID_MAX:
            continue
        if population < CITY_MIN_POPULATION and not capital:
            continue
        owner = country_row.get(c["country"])
        french = c["name"]
        if c["name_fr"] and (population >= TRANSLATION_TRUSTED_POPULATION
                             or similar(c["name_fr"], c["name"]) or similar(c["name_fr"], c["native"])):
            french = c["name_fr"]
        names = [french, c["name"]] + ([c["native"]] if c["native"] and latin(c["native"]) else [])
        if owner and any(alias_key(n) in {alias_key(owner["name"]), alias_key(owner["name_en"])} for n in names):
            continue  # "Djibouti", "Koweït": the country keeps the name
        if adopt(qid, names, CITY_WORDS, c["country"]):
            continue
        if any(r["wikidata"] != qid for n in names for r in by_key.get(alias_key(n), [])
               if "ISO 3166-1" not in r["description"]):
            continue  # a hand-written place of that name with another (or no) id: keep it alone
        # One-word names are often also common words or districts ("Centre", "Réduit" are
        # Montevideo neighbourhoods with the city's population): below the trusted size
        # they need their country in the document.
        one_word = len(alias_key(french).split()) == 1
        free = capital or population >= (TRANSLATION_TRUSTED_POPULATION if one_word else CITY_FREE_POPULATION)
        mark = "" if free else "?"
        aliases = [mark + n for n in dedupe(names[1:], also_skip=[french])]
        row = {
            "id": new_id(slug(f"{c['country'].lower()}-{c['name']}")), "type": "LOC",
            "name": mark + french, "name_en": "", "wikidata": qid, "claim": "",
            "aliases": aliases, "iso_aliases": set(), "demonyms": [],
            "metonym": "ORG" if capital else "", "priority": "-1",
            "context": f"@{owner['id']}" if owner else "",
            "description": f"{'capital' if capital else 'city'} of {owner['name'] if owner else c['country']}"
                           f" (population {population})",
        }
        out.append(row)
        by_qid[qid] = row
    return out


# A commune name met this often as a lowercase word in WikiNEuRal ("sens", "tours", "croix")
# or inside a person's name ("Laval", "Antony") links only with its département or région
# in the document; so does a name another row already uses unconditionally ("Orange" the
# operator, "Vienne" the capital of Austria) or that two communes share ("Saint-Denis").
COMMUNE_WORD_USES = 2
COMMUNE_PERSON_USES = 2
# Above this size a commune's name links freely even if it is a word or in person names
# ("Tours", "Nancy"): the city is what a capitalised place mention means.
COMMUNE_FREE_POPULATION = 100_000


def unconditional_keys(row):
    names = [row["name"], row["name_en"]] + row["aliases"]
    return {alias_key(n) for n in names if n and not n.startswith("?")}


def commune_rows(rows, src):
    """Rows for the French communes of communes.tsv (INSEE population of 20,000 and more).
    A hand-written French city row of the same name takes the commune's QID; the others get
    a generated row (priority -1: matched exactly only), context-only when the name is
    ambiguous (see COMMUNE_WORD_USES), with the département and région as context."""
    taken = {r["wikidata"]: r["id"] for r in rows if r["wikidata"]}
    owners = {}
    for r in rows:
        for k in unconditional_keys(r):
            owners.setdefault(k, []).append(r)
    ids = {r["id"] for r in rows}
    out, adopted, conditional = [], [], []
    for c in src.communes:
        k = alias_key(c["name"])
        qid = c["qid"]
        hand = [r for r in owners.get(k, []) if r["type"] == "LOC"
                and (r["description"].startswith("French city") or (qid and r["wikidata"] == qid))]
        if hand:
            r = hand[0]
            if qid and r["wikidata"] != qid:
                if r["wikidata"]:
                    print(f"commune {c['name']}: hand row {r['id']} has {r['wikidata']}, communes.tsv {qid}: "
                          "the commune's id wins")
                    taken.pop(r["wikidata"], None)
                if taken.get(qid, r["id"]) != r["id"]:
                    print(f"commune {c['name']}: {qid} already on {taken[qid]}: no QID")
                    continue
                r["wikidata"] = qid
                taken[qid] = r["id"]
                adopted.append(r["id"])
            continue
        if qid and qid in taken:
            print(f"commune {c['name']}: {qid} already on {taken[qid]}: no QID")
            qid = ""
        pop = int(c["population"])
        reasons = []
        if c["homonyms"] != "1":
            reasons.append("two communes")
        spelled = c["name"].lower().replace("-", " ")
        if any(e["qid"] != c["qid"] and e["label"].lower().replace("-", " ") == spelled
               and int(e["population"]) > pop for e in src.export_cities_by_key.get(k, [])):
            # "Saint-Paul" (La Réunion) is written like Saint Paul, Minnesota, "Bruges"
            # (Gironde) like Bruges in Belgium ("Mâcon" is not "Macon", Georgia).
            reasons.append("a larger foreign city")
        if int(c["lower_uses"]) >= COMMUNE_WORD_USES and pop < COMMUNE_FREE_POPULATION:
            reasons.append("common word")
        if int(c["person_uses"]) >= COMMUNE_PERSON_USES and pop < COMMUNE_FREE_POPULATION:
            reasons.append("in person names")
        if owners.get(k):
            reasons.append(f"name of {owners[k][0]['id']}")
        # The commune's own name is no evidence for it ("Saint-Martin" is also its collectivity).
        context = [w for w in dedupe([c["dep_name"], c["region"]]) if alias_key(w) != k]
        if reasons and not context:
            print(f"commune {c['name']}: name of {owners[k][0]['id'] if owners.get(k) else 'another commune'} "
                  "and no context: left out")
            continue
        mark = "?" if reasons else ""
        names = [c["name"]]
        short = re.sub(r"^Saint-", "St-", re.sub(r"^Sainte-", "Ste-", c["name"]))
        if short != c["name"]:
            names.append(short)
        base = slug(c["name"])
        rid = f"{base}-{c['dep'].lower()}" if (c["homonyms"] != "1" or base in ids) else base
        ids.add(rid)
        if reasons:
            conditional.append(f"{c['name']} ({', '.join(reasons)})")
        row = {
            "id": rid, "type": "LOC", "name": mark + c["name"], "name_en": "", "wikidata": qid, "claim": "",
            "aliases": [mark + n for n in names[1:]], "iso_aliases": set(), "demonyms": [], "metonym": "",
            "priority": "-1", "context": "|".join(context),
            "description": f"French commune, {c['dep_name']} ({c['dep']}), population {pop} (INSEE)",
        }
        out.append(row)
        if qid:
            taken[qid] = rid
        if not reasons:
            owners.setdefault(k, []).append(row)
    print(f"communes.tsv: {len(adopted)} hand-written city rows took the commune's QID ({', '.join(adopted)}); "
          f"{len(out)} commune rows ({sum(1 for r in out if r['wikidata'])} with QID), {len(conditional)} "
          f"linked only in context: {'; '.join(conditional)}")
    return out


# Order in which a person's positions are preferred for the row's description.
def person_source_rank(source):
    """Heads of state and government first, then government and international offices,
    then parliaments."""
    if source.startswith("world-leaders-2021"):
        return 0
    if source.endswith("html/legislators.csv"):
        return 2
    return 1


def person_description(entry, span):
    role = entry["role"]
    scope = entry.get("scope", "")
    if scope and scope not in ("France",) and scope.lower() not in role.lower():
        role = f"{role}, {scope}"
    return f"{role} ({span})".replace(" (from )", "")


def person_rows(rows, src):
    """Rows for the officeholders of people.tsv (EveryPolitician / Wikidata). A name that
    two QIDs share in the source is left out (a homonym with no context stays NIL). A
    hand-written person row named like an officeholder receives the QID when it has none
    (its claim, typed earlier, is replaced when the source names someone else), and no
    second row is made. Only the full label is an alias: surnames alone link through
    coreference with an earlier full mention in the document."""
    by_name = {}
    for r in src.people:
        by_name.setdefault(alias_key(r["name"]), set()).add(r["qid"])
    by_qid = {}
    for r in src.people:
        by_qid.setdefault(r["qid"], []).append(r)
    taken = {r["wikidata"] for r in rows if r["wikidata"]}
    hand = {}
    for r in rows:
        if r["type"] != "PER":
            continue
        for n in [r["name"], r["name_en"]] + r["aliases"]:
            key = alias_key(n)
            if len(key.split()) >= 2:  # full names only: "Borne" or "Harris" alone prove nothing
                hand.setdefault(key, []).append(r)
    adopted = []
    for key, qids in sorted(by_name.items()):
        if len(qids) != 1:
            continue
        qid = next(iter(qids))
        for r in hand.get(key, []):
            if r["wikidata"] or qid in taken:
                continue
            if r["claim"] and r["claim"] != qid:
                print(f"{r['id']}: claim {r['claim']} replaced by the source's {qid} ({key})")
            r["wikidata"] = qid
            taken.add(qid)
            adopted.append(r["id"])
    print(f"{len(adopted)} hand-written person rows took their QID from people.tsv")
    out = []
    ids = {r["id"] for r in rows}
    names = {alias_key(n) for r in rows if r["type"] == "PER" for n in [r["name"], r["name_en"]] + r["aliases"]}
    skipped = 0
    for qid, entries in by_qid.items():
        if qid in taken:
            continue
        label = entries[0]["name"]
        key = alias_key(label)
        if len(by_name[key]) != 1 or key in names or len(key.split()) < 2:
            skipped += 1
            continue
        best = min(entries, key=lambda e: (person_source_rank(e["source"]), -int((e["start"] or "0")[:4] or 0)))
        span = f"{best['start'][:4]}–{best['end'][:4]}" if best["end"] else f"from {best['start'][:4]}"
        rid = slug(label) or qid.lower()
        if rid in ids:
            rid = f"{rid}-{qid.lower()}"
        ids.add(rid)
        names.add(key)
        taken.add(qid)
        out.append({
            "id": rid, "type": "PER", "name": label, "name_en": "", "wikidata": qid, "claim": "",
            "aliases": [], "iso_aliases": set(), "demonyms": [], "metonym": "", "priority": "-1",
            "context": "", "description": person_description(best, span),
        })
    print(f"{len(out)} person rows from people.tsv ({skipped} names left out: shared, taken or one word)")
    return out


def organisation_rows(rows, src):
    """Rows for the parties of organisations.tsv. A hand-written organisation row named like
    one (full name, two words or more) receives its QID when it has none; the others get a
    generated row named by the source's longest name, its other names of two words or more
    as aliases (a one-word group key such as "Socialiste" is also an adjective)."""
    by_qid = {}
    for r in src.organisations:
        by_qid.setdefault(r["qid"], []).append(r)
    taken = {r["wikidata"] for r in rows if r["wikidata"]}
    hand = {}
    for r in rows:
        if r["type"] == "ORG":
            for n in [r["name"], r["name_en"]] + r["aliases"]:
                if len(n.split()) >= 2:
                    hand.setdefault(alias_key(n), []).append(r)
    owners = {}
    for qid, entries in by_qid.items():
        for e in entries:
            owners.setdefault(alias_key(e["name"]), set()).add(qid)
    out = []
    ids = {r["id"] for r in rows}
    adopted = []
    for qid, entries in sorted(by_qid.items(), key=lambda x: int(x[0][1:])):
        keys = [alias_key(e["name"]) for e in entries if len(e["name"].split()) >= 2
                and len(owners[alias_key(e["name"])]) == 1]
        if qid in taken or not keys:
            continue
        matched = [r for k in keys for r in hand.get(k, []) if not r["wikidata"]]
        if matched:
            matched[0]["wikidata"] = qid
            taken.add(qid)
            adopted.append(matched[0]["id"])
            continue
        if any(k in hand for k in keys):
            continue  # a hand row with another id owns the name
        names = sorted({e["name"] for e in entries if alias_key(e["name"]) in keys and len(e["name"].split()) >= 2}, key=lambda n: (-len(n), n))
        rid = slug(names[0])
        if rid in ids:
            rid = f"{rid}-{qid.lower()}"
        ids.add(rid)
        taken.add(qid)
        out.append({
            "id": rid, "type": "ORG", "name": names[0], "name_en": "", "wikidata": qid, "claim": "",
            "aliases": names[1:], "iso_aliases": set(), "demonyms": [], "metonym": "", "priority": "-1",
            "context": "", "description": entries[0]["kind"],
        })
    print(f"organisations.tsv: {len(adopted)} hand-written rows took their QID ({', '.join(adopted)}), "
          f"{len(out)} new rows")
    return out


# An NSI item described as a brand or by a Wikipedia overview is a product line or a
# disambiguation ("Carrefour": the hypermarket brand, not the group): not the organisation
# that news mention, unless a hint below names the item.
NSI_REJECT = re.compile(r"\bbrand\b|Wikipedia overview", re.I)
# Rows whose name the NSI gives to several organisations: a word of the right item's
# description (a hint about the name, never an id).
NSI_HINTS = {
    "orange": "telecommunications",
    "gendarmerie": "French",
    "place-beauvau": "French",
    "shell": "oil and gas",
    "hermes": "luxury",
    "jcdecaux": "French",
    "coca-cola": "corporation",
    "g20": "forum",  # the NSI's "G20" is a French convenience-store chain
    "migros": "conglomerate",
    "dhl": "German",
    "vtb": "Russian",
    # Media named like shops: "RTL" is a Maldivian bus network, "Express" an American
    # retailer, "Obs" a Norwegian hypermarket in the NSI.
    "rtl": "radio",
    "l-express": "magazine",
    "l-obs": "magazine",
}


def adopt_source_qids(rows, src):
    """An organisation row without QID takes the QID of the name-suggestion-index item
    whose English Wikidata label (or of the confirmed.tsv line one of whose names) is the
    row's name, English name or an alias of two words or more, when exactly one such id is
    left (NSI items after NSI_REJECT or the row's NSI_HINTS word) and no other row has it.
    Rows of SOURCED_ORGS are kept only when they get a QID."""
    taken = {r["wikidata"] for r in rows if r["wikidata"]}
    adopted, ambiguous, replaced = [], [], []
    for r in rows:
        if r["type"] != "ORG" or r["wikidata"]:
            continue
        names = [r["name"].lstrip("?"), r["name_en"]] + [a.lstrip("?") for a in r["aliases"] if len(a.split()) >= 2]
        found = {}
        for n in names:
            for e in src.nsi_by_key.get(alias_key(n), []):
                found[e["qid"]] = e
        hint = NSI_HINTS.get(r["id"])
        found = {q: e for q, e in found.items() if q not in taken
                 and (e.get("confirmed") or (hint.lower() in e["description"].lower() if hint
                                             else not NSI_REJECT.search(e["description"])))}
        if any(e.get("confirmed") for e in found.values()):
            # A hand-checked id (confirmed.tsv) wins over a label match ("The Guardian" is
            # also the label of two pharmacy chains in the NSI).
            found = {q: e for q, e in found.items() if e.get("confirmed")}
        if len(found) > 1:
            ambiguous.append(f"{r['id']} ({', '.join(sorted(found))})")
            continue
        if not found:
            continue
        (qid, e), = found.items()
        r["wikidata"] = qid
        taken.add(qid)
        adopted.append(f"{r['id']}={qid} ({e['label']}: {e['description']})")
        if r["claim"] and r["claim"] != qid:
            replaced.append(f"{r['id']} {r['claim']} -> {qid}")
    dropped = [r["id"] for r in rows if r.get("sourced_only") and not r["wikidata"]]
    rows[:] = [r for r in rows if not (r.get("sourced_only") and not r["wikidata"])]
    print(f"sources: {len(adopted)} organisation rows took their QID: " + "; ".join(adopted))
    if replaced:
        print(f"sources: unconfirmed claims replaced by the source's id: {', '.join(replaced)}")
    if ambiguous:
        print(f"sources: names the source gives to several organisations (no QID): {', '.join(ambiguous)}")
    if dropped:
        print(f"sources: SOURCED_ORGS rows without a source QID left out: {', '.join(dropped)}")


def ror_names(r):
    """The names of an organisation row matched against ROR labels: name, English name
    (also without a leading "French ", the extract holding French records only) and the
    aliases of two words or more."""
    names = [r["name"].lstrip("?"), r["name_en"]] + [a.lstrip("?") for a in r["aliases"] if len(a.split()) >= 2]
    if r["name_en"].startswith("French "):
        names.append(r["name_en"][len("French "):])
    return [n for n in names if n]


def adopt_ror_qids(rows, src):
    """An organisation row still without QID takes the Wikidata id of the French ROR
    record one of whose names (display name, label, alias; not acronyms) is the row's name,
    English name or an alias of two words or more, when its names lead to exactly one id,
    no other row has it, and neither the name-suggestion-index nor confirmed.tsv gives one
    of these names another id. Rows that have a QID are only checked: a ROR record naming
    them with another id is printed."""
    taken = {r["wikidata"]: r["id"] for r in rows if r["wikidata"]}
    adopted, skipped, agree, disagree = [], [], [], []
    for r in rows:
        if r["type"] != "ORG":
            continue
        found, others = {}, set()
        for n in ror_names(r):
            key = alias_key(n)
            for q, rors in src.ror_by_key.get(key, {}).items():
                found.setdefault(q, set()).update(rors)
            others |= {e["qid"] for e in src.nsi_by_key.get(key, [])}
        if not found:
            continue
        if r["wikidata"]:
            (agree if r["wikidata"] in found else disagree).append(
                f"{r['id']}={r['wikidata']} (ROR {', '.join(sorted(f'{q}:{min(v)}' for q, v in found.items()))})")
            continue
        if len(found) > 1:
            skipped.append(f"{r['id']}: several ids {', '.join(sorted(found))}")
            continue
        (qid, rors), = found.items()
        if others - {qid}:
            skipped.append(f"{r['id']}: ROR {qid}, another source {', '.join(sorted(others - {qid}))}")
            continue
        if qid in taken:
            skipped.append(f"{r['id']}: ROR {qid} already on {taken[qid]}")
            continue
        r["wikidata"] = qid
        taken[qid] = r["id"]
        adopted.append(f"{r['id']}={qid} (ror.org/{min(rors)})")
    print(f"ror.tsv: {len(adopted)} organisation rows took the ROR record's QID: {'; '.join(adopted)}")
    print(f"ror.tsv: {len(agree)} rows whose QID a ROR record confirms: {'; '.join(agree)}")
    if disagree:
        print(f"ror.tsv: rows whose QID a ROR record of the same name contradicts (kept): {'; '.join(disagree)}")
    if skipped:
        print(f"ror.tsv: left without QID: {'; '.join(skipped)}")


# A ROR name that is a research unit's code ("UMR 5168", "EA1165", "U1016"): records carrying
# one are laboratories, which news do not name; their institutes and agencies do not carry one.
ROR_UNIT_CODE = re.compile(r"^(UMRS?|UPR|UAR|UMS|USR|FRE|FR|EA|URU?|US|UE|UMI|IRL|ERL|UPS|FED|GDR|GRC|CIC|U)\s?-?\d+\b", re.I)
# A French name among a record's names (its display name is often English): the row's name.
ROR_FRENCH = re.compile(r"[éèêàâçôûîœ]|^(Université|Institut|Centre|Office|Agence|Musée|Observatoire|"
                        r"Laboratoire|École|Ecole|Hôpital|Marine|Société|Fondation|Bibliothèque|Archives|"
                        r"Conseil|Direction|Service|Établissement|Commissariat|Mutuelle|Maison|Groupe|"
                        r"Cité|Collège|Académie|Association|Autorité|Caisse|Banque|Compagnie)\b|"
                        r" (de|du|des|et|pour|la|le|les) ", re.I)
# Record types whose acronym alone names them in news ("OFB", "HCL"); other records (institutes,
# schools) keep an acronym only from four letters, where it is rarely a word or another body's.
ROR_ACRONYM_TYPES = {"government", "healthcare", "funder", "archive", "nonprofit", "company"}


def ror_rows(rows, src):
    """Rows for the active French ROR records that no row carries yet: public agencies,
    hospitals, universities, institutes, archives (not research units, see ROR_UNIT_CODE). A
    row is named by the record's first name without a trailing "(France)"; its other names of
    two words or more are aliases, and its acronyms as ROR_ACRONYM_TYPES says, linked only where
    the document also names the body in full (context `@` the row itself; records may share
    one). A name that another row or another record also uses, or an acronym that is a plain
    name of another row, is left out (it would change an existing link or
    be ambiguous); a record left without any name gets no row. Priority -1: the lowest."""
    def clean(n):
        return re.sub(r"\s*\(France\)$", "", n.strip())

    used = set().union(*(unconditional_keys(r) for r in rows))
    taken = {r["wikidata"] for r in rows if r["wikidata"]}
    records = [r for r in src.ror if r["status"] == "active" and "|" not in r["qid"] and r["qid"]
               and r["qid"] not in taken
               and not any(ROR_UNIT_CODE.match(n.strip()) for n in r["names"].split("|"))]
    owners = {}
    for r in records:
        for n in {alias_key(clean(x)) for x in r["names"].split("|") + r["acronyms"].split("|") if x.strip()}:
            owners.setdefault(n, set()).add(r["qid"])
    # An acronym that opens the names of several records is a series, not a body: "CHU de
    # Nantes", "CHU de Nancy"; "INSA Lyon", "INSA de Rouen".
    series = {}
    for r in records:
        for n in {clean(x).split()[0] for x in r["names"].split("|") if x.strip()}:
            series.setdefault(alias_key(n), set()).add(r["qid"])
    ids = {r["id"] for r in rows}
    out, dropped = [], 0
    for r in sorted(records, key=lambda r: int(r["qid"][1:])):
        if r["qid"] in taken:
            continue  # two records, one item
        names = []
        types = set(r["types"].split("|"))
        # A company's one-word name is its brand ("Framatome", "Sanofi"); elsewhere a
        # one-word name is mostly a place or a common word ("Ifremer" aside).
        min_words = 1 if "company" in types else 2
        for n in r["names"].split("|"):
            n = clean(n)
            k = alias_key(n)
            if n and len(n.split()) >= min_words and len(k) >= 4 and k not in used \
                    and owners[k] == {r["qid"]} and all(alias_key(m) != k for m in names):
                names.append(n)
        min_len = 3 if types & ROR_ACRONYM_TYPES else 4
        acronyms = []
        for a in r["acronyms"].split("|"):
            a = a.strip()
            k = alias_key(a)
            # Two records may share an acronym ("ESA": the European Space Agency and the École
            # spéciale d'architecture, "ÉSA"): each links only beside its own full name.
            if len(a) >= min_len and a.isupper() and a.isalpha() and k not in used \
                    and len(series.get(k, ())) < 2:
                acronyms.append(a)
        if not names:
            dropped += 1
            continue
        names.sort(key=lambda n: not ROR_FRENCH.search(n))  # stable: the first French name leads
        rid = slug(names[0])
        if rid in ids:
            rid = f"{rid}-{r['qid'].lower()}"
        ids.add(rid)
        taken.add(r["qid"])
        for k in [alias_key(n) for n in names]:
            used.add(k)
        # An acronym links only in a document that also names the body in full (its row is then
        # linked there): "IGN" alone is as often the video-game site as the mapping institute.
        out.append({
            "id": rid, "type": "ORG", "name": names[0], "name_en": "", "wikidata": r["qid"], "claim": "",
            "aliases": names[1:] + [f"?{a}" for a in acronyms], "iso_aliases": set(), "demonyms": [],
            "metonym": "", "priority": "-1", "context": f"@{rid}" if acronyms else "",
            "description": f"French {r['types'].replace('|', ', ')} (ror.org/{r['ror']})",
        })
    print(f"ror.tsv: {len(out)} new rows for active records no row carries "
          f"({dropped} left out: every name taken or shared)")
    return out


# A hand-written row takes a HIPE gold id only from a name linked at least this often (and
# always to that id) outside the dev set.
HIPE_MIN_MENTIONS = 2


def adopt_hipe_qids(rows, src):
    """A hand-written row that no source gave an id takes the id that the HIPE gold links
    its name, English name or an alias to, when every such mention (at least
    HIPE_MIN_MENTIONS of them) links to that one id, its names lead to no other id, and no
    other row has it ("Conseil fédéral" Q30917, "ATS" Q430109)."""
    taken = {r["wikidata"] for r in rows if r["wikidata"]}
    adopted = []
    for r in rows:
        if not r.get("hand") or r["wikidata"]:
            continue
        names = [r["name"], r["name_en"]] + r["aliases"]
        found = set()
        for n in names:
            key = (r["type"], alias_key(n.lstrip("?")))
            if key in src.hipe:
                found |= set(src.hipe[key])
        if len(found) != 1:
            continue
        qid = found.pop()
        mentions = sum(src.hipe_unanimous.get((r["type"], alias_key(n.lstrip("?"))), ("", 0))[1] for n in names)
        if mentions < HIPE_MIN_MENTIONS or qid in taken:
            continue
        r["wikidata"] = qid
        taken.add(qid)
        adopted.append(f"{r['id']}={qid} ({mentions})")
    print(f"hipe-links.tsv: {len(adopted)} hand-written rows took the HIPE gold id: {', '.join(adopted)}")


# Clubs named by their city in sports copy ("Lyon a battu Marseille 2-1"): the city's name is an
# alias of the club used only in context (`?`), the context being words and rows that only its
# sport uses: not "Ligue des champions", "Coupe de France", "PSG" or another club's name, which
# handball and basketball reports use too ("Nantes" and "Monaco" there are other clubs). An ORG
# mention "Lyon" in a football report then links to the club; outside such a report it stays
# unlinked, and a LOC mention is the city. A city with two clubs of one sport in top flights
# (Paris, Manchester, Liverpool, Madrid, Barcelona, Milan, Rome, Turin, Lisbon, Glasgow, Seville)
# names none.
SPORT_WORDS = {
    "football": ["football", "footballeur", "footballeurs", "Ligue 1", "Ligue 2", "@ligue-1",
                 "@premier-league", "@liga", "@bundesliga", "@serie-a", "@fff", "@lfp"],
    "rugby": ["rugby", "Top 14", "Pro D2", "mêlée", "@ffr", "@lnr", "@xv-de-france"],
}
CLUB_CITIES = {
    "football": {"ol": "Lyon", "om": "Marseille", "losc": "Lille", "fc-nantes": "Nantes",
                 "stade-rennais": "Rennes", "ogc-nice": "Nice", "rc-lens": "Lens", "as-monaco": "Monaco",
                 "as-saint-etienne": "Saint-Étienne", "girondins-de-bordeaux": "Bordeaux",
                 "bayern": "Munich", "dortmund": "Dortmund", "bayer-leverkusen": "Leverkusen",
                 "napoli": "Naples", "psv-eindhoven": "Eindhoven", "ajax": "Amsterdam",
                 "rb-leipzig": "Leipzig", "eintracht-francfort": "Francfort", "athletic-bilbao": "Bilbao",
                 "toulouse-fc": "Toulouse", "rc-strasbourg": "Strasbourg", "aj-auxerre": "Auxerre",
                 "fc-lorient": "Lorient", "angers-sco": "Angers", "fc-metz": "Metz", "le-havre-ac": "Le Havre",
                 "stade-brestois": "Brest", "brighton": "Brighton", "bournemouth": "Bournemouth",
                 "wolverhampton": "Wolverhampton", "vfl-wolfsbourg": "Wolfsbourg", "girona": "Gérone",
                 "mayence": "Mayence", "rcd-majorque": "Majorque", "hoffenheim": "Hoffenheim",
                 "monchengladbach": "Mönchengladbach", "vfb-stuttgart": "Stuttgart", "werder-breme": "Brême",
                 "celta-vigo": "Vigo", "getafe": "Getafe", "burnley": "Burnley", "sunderland": "Sunderland"},
    "rugby": {"stade-toulousain": "Toulouse", "stade-rochelais": "La Rochelle", "rc-toulon": "Toulon",
              "castres-olympique": "Castres", "section-paloise": "Pau", "aviron-bayonnais": "Bayonne",
              "montpellier-herault-rugby": "Montpellier", "lou-rugby": "Lyon", "usap": "Perpignan",
              "us-montauban": "Montauban", "rc-vannes": "Vannes", "oyonnax-rugby": "Oyonnax",
              "asm-clermont": "Clermont", "ubb": "Bordeaux"},
}


def add_club_cities(rows):
    """`?City` aliases and sport context for the clubs of CLUB_CITIES (see there)."""
    by_id = {r["id"]: r for r in rows}
    added = 0
    for sport, clubs in CLUB_CITIES.items():
        for rid, city in clubs.items():
            r = by_id.get(rid)
            if r is None or r["type"] != "ORG":
                sys.exit(f"CLUB_CITIES: no organisation row {rid}")
            if r["context"]:
                sys.exit(f"CLUB_CITIES: {rid} already has a context")
            r["aliases"].append(f"?{city}")
            r["context"] = "|".join(SPORT_WORDS[sport])
            added += 1
    print(f"{added} clubs take their city's name in sports context")


def add_confirmed_names(rows, src):
    """The names confirmed.tsv pairs with a row's QID become aliases of the row ("Institut
    national de la statistique et des études économiques" for Insee), when they have two
    words or more and no other row of the type uses them."""
    used = {}
    for r in rows:
        for n in [r["name"], r["name_en"]] + r["aliases"] + r["demonyms"]:
            used.setdefault((r["type"], alias_key(n)), set()).add(r["id"])
    by_qid = {r["wikidata"]: r for r in rows if r["wikidata"]}
    added = 0
    for c in src.confirmed:
        r = by_qid.get(c["qid"])
        if not r:
            continue
        for n in c["names"].split("|"):
            key = (r["type"], alias_key(n))
            if len(n.split()) < 2 or used.get(key, set()) - {r["id"]} or r["id"] in used.get(key, set()):
                continue
            r["aliases"].append(n)
            used.setdefault(key, set()).add(r["id"])
            added += 1
    print(f"{added} aliases from the names confirmed.tsv pairs with a row's QID")


# Results lists name countries by three-letter codes, "1. Paul Seixas (FRA)", "Pogacar (SLO)":
# the ISO 3166-1 alpha-3 code (pycountry) and, where it differs, the code of the Olympic and
# cycling results (names, not ids). They link only in a document with words of a results list.
RESULT_CODES = {
    "DE": "GER", "NL": "NED", "CH": "SUI", "DK": "DEN", "SI": "SLO", "PT": "POR", "HR": "CRO",
    "ZA": "RSA", "GR": "GRE", "BG": "BUL", "LV": "LAT", "IR": "IRI", "SA": "KSA", "AE": "UAE",
    "DZ": "ALG", "NG": "NGR", "ZW": "ZIM", "CL": "CHI", "UY": "URU", "PY": "PAR", "TW": "TPE",
    "ID": "INA", "MY": "MAS", "PH": "PHI", "VN": "VIE",
}
RESULT_WORDS = ["classement", "étape", "médaille", "médaillé", "médaillée", "podium", "finale",
                "demi-finale", "chrono", "contre-la-montre", "sprint", "slalom", "marathon",
                "Jeux olympiques", "championnats du monde", "Coupe du monde", "Tour de France",
                "Grand Prix", "tournoi", "tableau"]


def add_result_codes(rows):
    """Country rows with an id take their results-list codes as context-only aliases, the
    results words as context; a code that is a plain name of a place or body is left out."""
    keys = set().union(*(unconditional_keys(r) for r in rows if r["type"] != "PER"))
    added = 0
    for r in rows:
        m = re.search(r"\(ISO 3166-1 ([A-Z]{2})\)$", r["description"])
        if not m or not r["wikidata"] or not r["description"].startswith("country"):
            continue
        country = pycountry.countries.get(alpha_2=m.group(1))
        codes = dedupe([getattr(country, "alpha_3", "") if country else "", RESULT_CODES.get(m.group(1), "")])
        codes = [c for c in codes if c and alias_key(c) not in keys]
        if not codes:
            continue
        keys |= {alias_key(c) for c in codes}
        r["aliases"] += [f"?{c}" for c in codes]
        r["context"] = "|".join(filter(None, [r["context"]] + RESULT_WORDS))
        added += len(codes)
    print(f"{added} results-list country codes (context-only)")


def main():
    src = Sources()
    rows = country_rows(src) + manual_rows(MANUAL, "MANUAL") + manual_rows(PEOPLE, "PEOPLE") \
        + manual_rows(ORGS, "ORGS") + sourced_only(manual_rows(SOURCED_ORGS, "SOURCED_ORGS"))
    for r in rows:
        r.setdefault("claim", "")
        if r["type"] == "LOC" and "ISO 3166-1" in r["description"]:
            r["sourced"] = True
    confirm_claims(rows, src)
    rows += generated_rows(rows, src)
    rows += commune_rows(rows, src)
    export_city_rows(rows, src)
    rows += export_country_rows(rows, src)
    rows += person_rows(rows, src)
    rows += organisation_rows(rows, src)
    adopt_source_qids(rows, src)
    adopt_ror_qids(rows, src)
    rows += ror_rows(rows, src)
    adopt_hipe_qids(rows, src)
    add_confirmed_names(rows, src)
    add_club_cities(rows)
    add_result_codes(rows)
    for r in rows:
        if r["id"] in WITHHELD and r["wikidata"]:
            print(f"{r['id']}: {r['wikidata']} withheld: {WITHHELD[r['id']]}")
            r["wikidata"] = ""
    ids = [r["id"] for r in rows]
    dup = {i for i in ids if ids.count(i) > 1}
    if dup:
        sys.exit(f"duplicate ids: {sorted(dup)}")
    qids = {}
    for r in rows:
        if r["wikidata"]:
            if r["wikidata"] in qids:
                print(f"QID {r['wikidata']} claimed by {qids[r['wikidata']]} and {r['id']}: dropped from {r['id']}")
                r["wikidata"] = ""
            else:
                qids[r["wikidata"]] = r["id"]
    drop_colliding_iso_aliases(rows)
    lines = [
        "# frner knowledge base — generated by scripts/build_kb.py from data/kb-sources/ (Wikidata ids from",
        "# the Countries States Cities database, ODbL 1.0, and Natural Earth, public domain; see docs/linking.md),",
        "# pycountry names and hand-written rows. This table is a derived database under the ODbL 1.0.",
        "# Format: docs/linking.md. Tab-separated, one entity per line, `|` between list items.",
        "# Extend with `frner --kb FILE` rather than editing this file (it is regenerated).",
        "\t".join(COLUMNS),
    ]
    for r in rows:
        name = r["name"].lstrip("?")
        aliases = dedupe(r["aliases"], also_skip=[name, r["name_en"]])
        demonyms = dedupe(r["demonyms"], also_skip=[name, r["name_en"]] + aliases)
        cells = [r["id"], r["type"], r["name"], r["name_en"], r["wikidata"], "|".join(aliases),
                 "|".join(demonyms), r["metonym"], r["priority"], r["context"], r["description"]]
        for c in cells:
            if "\t" in c or "\n" in c:
                sys.exit(f"{r['id']}: tab or newline in a cell")
        lines.append("\t".join(cells))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    by_type = {}
    for r in rows:
        by_type[r["type"]] = by_type.get(r["type"], 0) + 1
    print(f"wrote {OUT.relative_to(ROOT)}: {len(rows)} rows {by_type}, "
          f"{sum(1 for r in rows if r['wikidata'])} with QID")


if __name__ == "__main__":
    main()
